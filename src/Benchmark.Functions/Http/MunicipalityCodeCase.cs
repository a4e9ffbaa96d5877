using System.Text.RegularExpressions;

namespace Benchmark.Functions.Http;

/// <summary>
/// Municipality codes are written in capitals (GM0363), but people and scripts type "gm0363" too. Rather than a bare
/// 404, the API reads such a code as the code it is, and a page asked for with one is redirected to its address in
/// capitals, so what a person bookmarks is the canonical address.
/// </summary>
public static partial class MunicipalityCodeCase
{
    [GeneratedRegex(@"(?<=/)(?:gm|gM|Gm)[0-9]{4}(?=/|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex LowerCaseCode();

    /// <summary>The path with every municipality code in it in capitals, or null when it has none in lower case.</summary>
    public static string? Canonical(string? path) =>
        path is not null && LowerCaseCode().IsMatch(path) ? LowerCaseCode().Replace(path, code => code.Value.ToUpperInvariant()) : null;

    public static IApplicationBuilder UseCanonicalMunicipalityCodes(this IApplicationBuilder app, Func<HttpContext, bool> isApi) =>
        app.Use((context, next) =>
        {
            if (Canonical(context.Request.Path.Value) is not { } canonical)
            {
                return next(context);
            }

            if (isApi(context) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Request.Path = canonical;
                return next(context);
            }

            context.Response.Redirect(context.Request.PathBase + canonical + context.Request.QueryString, permanent: true, preserveMethod: true);
            return Task.CompletedTask;
        });
}
