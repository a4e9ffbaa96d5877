using System.Net;
using System.Text.RegularExpressions;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests.Web;

/// <summary>Web pages over plain HTTP, without a browser: for checks across many pages where a browser would only be slow.</summary>
public static partial class WebClient
{
    public static HttpClient Anonymous(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TestTimeouts.HttpRequest };

    /// <summary>Signs in through the sign-in form (with its antiforgery token), as a browser does.</summary>
    public static async Task<HttpClient> SignedInAsync(Uri address, string key)
    {
        var client = Anonymous(address);
        var form = await client.GetStringAsync("/inloggen");
        using var response = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sleutel"] = key,
            ["__bm_af"] = AntiforgeryToken(form),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"signing in answered {(int)response.StatusCode}");
        return client;
    }

    public static string AntiforgeryToken(string html) =>
        Token().Match(html) is { Success: true } match ? match.Groups["token"].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__bm_af\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
