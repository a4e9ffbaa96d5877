using System.Net;
using System.Text.RegularExpressions;
using Benchmark.Core.Workflow;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// Every web page, opened by every kind of visitor: nobody signed in, a municipality, its council, another
/// municipality and an analyst. Found from the app's own endpoints, so a new page cannot escape the check.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class PageAuthorizationTests(WebFixture web)
{
    /// <summary>Pages anyone may open.</summary>
    private static readonly HashSet<string> PublicPages = new(StringComparer.Ordinal) { "/", "/inloggen", "/uitloggen", "/taal/{code}", "/toegankelijkheid", "/geen-toegang", "/fout/{code:int}" };

    [Fact]
    public async Task EveryPageLetsInOnlyTheVisitorsItIsFor()
    {
        var municipality = web.OtherMunicipality;
        Dictionary<string, HttpClient> visitors = new(StringComparer.Ordinal)
        {
            ["anonymous"] = WebClient.Anonymous(web.Server.Address),
            ["municipality"] = await WebClient.SignedInAsync(web.Server.Address, await web.KeyAsync(Role.Municipality, municipality)),
            ["council"] = await WebClient.SignedInAsync(web.Server.Address, await web.KeyAsync(Role.Council, municipality)),
            ["analyst"] = await WebClient.SignedInAsync(web.Server.Address, web.AnalystKey),
        };
        var failures = new List<string>();
        var pages = Pages().ToList();
        Assert.NotEmpty(pages);

        foreach (var page in pages)
        {
            var url = Url(page, municipality);
            foreach (var (visitor, client) in visitors)
            {
                using var response = await client.GetAsync(url);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location is { } to ? new Uri(web.Server.Address, to).PathAndQuery : "";
                var expected = Expected(page.RawText!, visitor);
                var ok = expected switch
                {
                    // Public pages may send a visitor on (the front door does), and "no access" says so with its status.
                    Access.Public => status < 500,
                    Access.Allowed => status is < 500 and not 403 && !location.StartsWith("/inloggen", StringComparison.Ordinal) && !location.StartsWith("/geen-toegang", StringComparison.Ordinal),
                    Access.SignInFirst => status == 302 && location.StartsWith("/inloggen?terug=", StringComparison.Ordinal),
                    _ => status == 403 || (status == 302 && location.StartsWith("/geen-toegang", StringComparison.Ordinal)),
                };
                if (!ok)
                {
                    failures.Add($"{visitor} GET {url}: expected {expected}, got {status} {location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private enum Access
    {
        Public,
        Allowed,
        SignInFirst,
        Forbidden,
    }

    private static Access Expected(string route, string visitor)
    {
        var path = "/" + route.Trim('/');
        if (PublicPages.Contains(path))
        {
            return Access.Public;
        }

        if (visitor == "anonymous")
        {
            return Access.SignInFirst;
        }

        if (path.StartsWith("/gemeente", StringComparison.Ordinal))
        {
            return visitor is "municipality" or "council" ? Access.Allowed : Access.Forbidden;
        }

        if (path.StartsWith("/analist", StringComparison.Ordinal))
        {
            return visitor == "analyst" ? Access.Allowed : Access.Forbidden;
        }

        throw new InvalidOperationException($"Page {path} is neither public, a municipality page (/gemeente) nor an analyst page (/analist); decide who may open it and add it here.");
    }

    private IEnumerable<RoutePattern> Pages() =>
        web.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern)
            .DistinctBy(p => p.RawText);

    /// <summary>A real URL for a page: every route parameter gets a value that exists in the fixture's data.</summary>
    private static string Url(RoutePattern pattern, string municipality)
    {
        var raw = "/" + pattern.RawText!.Trim('/');
        return Parameter().Replace(raw, match => match.Groups["name"].Value switch
        {
            "year" => WebFixture.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "code" when raw.StartsWith("/taal", StringComparison.Ordinal) => "en",
            "code" => "404",
            "domain" or "domainId" => "dienstverlening-burgers",
            "municipality" or "gm" => municipality,
            var other => throw new InvalidOperationException($"Give route parameter '{other}' of {raw} a value in PageAuthorizationTests.Url."),
        });
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]+)?\??\}")]
    private static partial Regex Parameter();
}
