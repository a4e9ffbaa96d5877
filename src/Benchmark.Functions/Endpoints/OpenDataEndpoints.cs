using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.OpenApi;
using Benchmark.Functions.Security;

namespace Benchmark.Functions.Endpoints;

/// <summary>
/// A round's open data (docs/open-data.md): the JSON, one table's CSV, or every CSV in a zip. Who may have it is
/// <see cref="OpenDataService"/>'s rule (analysts at any time, anyone once the cycle is closed); this only translates.
/// </summary>
public static class OpenDataEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        // Anonymous at the door, because a closed cycle's open data is public; the service decides who gets it before that.
        v1.MapGet("/cycles/{year:int}/open-data", OpenDataAsync)
            .WithTags("Open data")
            .AllowAnonymous()
            .WithMetadata(new OptionalBearerKey())
            .Produces<byte[]>(StatusCodes.Status200OK, OpenDataFiles.JsonContentType, ExportCsv.ContentType, OpenDataFiles.ZipContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetOpenData")
            .WithSummary("The cycle's open data: ?format=json (default) or csv; with csv, ?tabel=metadata|measures|groups|statistics|leaders for one table, otherwise a zip of all")
            .WithDescription("Only the statistics small-group protection allows and the leaders who consented to be named (docs/open-data.md, schema docs/open-data.schema.json). Analysts may download it at any time; anyone, without a key too, once the cycle is closed.");
    }

    private static async Task<IResult> OpenDataAsync(int year, string? format, string? tabel, HttpContext context, OpenDataService openData, CancellationToken cancellationToken)
    {
        // A key that does not work is refused as everywhere else, not taken for no key at all.
        var authenticated = context.User.Identity?.IsAuthenticated == true;
        if (!authenticated && context.Request.Headers.Authorization.Count > 0)
        {
            return TypedResults.Challenge();
        }

        if (OpenDataFiles.Check(format, tabel) is { } invalid)
        {
            return Problems.From(invalid);
        }

        var actor = authenticated ? context.User.Actor() : null;
        var data = await openData.OpenDataAsync(actor, year, cancellationToken);
        if (data.Failed)
        {
            if (actor is null && data.Refusal.Kind == RefusalKind.Forbidden)
            {
                // Not published yet: without a key that is "authenticate", as an analyst may have it.
                context.Response.Headers.WWWAuthenticate = ApiKeyAuthenticationHandler.SchemeName;
                var unauthenticated = Problems.Result(StatusCodes.Status401Unauthorized, "Not authenticated", data.Refusal.Detail);
                unauthenticated.ProblemDetails.Extensions["code"] = data.Refusal.Code;
                return unauthenticated;
            }

            return Problems.From(data.Refusal);
        }

        var file = OpenDataFiles.Render(data.Value, format, tabel);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
