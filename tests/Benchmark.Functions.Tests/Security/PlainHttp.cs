using System.Net;
using System.Text.RegularExpressions;
using Benchmark.Testing;
using Benchmark.Functions.Tests.Web;
using WebClient = Benchmark.Functions.Tests.Web.WebClient;

namespace Benchmark.Functions.Tests.Security;

/// <summary>
/// A client that keeps cookies by hand, as a browser does over HTTPS: in the production configuration every cookie is
/// Secure and the app is reached over plain loopback HTTP, where HttpClient's own cookie container would drop them.
/// It can also pose as a visitor at another address, as the Functions host reports it (X-Forwarded-For).
/// </summary>
public sealed partial class PlainHttp(Uri address, string? forwardedFor = null) : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TestTimeouts.HttpRequest };

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header seen, as sent.</summary>
    public List<string> SetCookies { get; } = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await _client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            SetCookies.Add(header);
            var match = CookiePair().Match(header);
            if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(match.Groups["name"].Value);
            }
            else
            {
                Cookies[match.Groups["name"].Value] = match.Groups["value"].Value;
            }
        }

        return response;
    }

    /// <summary>Signs in through the form, with its antiforgery token; returns the answer to the form's post.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, string? returnTo = null)
    {
        using var form = await GetAsync("/inloggen");
        var token = WebClient.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        var fields = new Dictionary<string, string> { ["sleutel"] = key, ["__bm_af"] = token };
        if (returnTo is not null)
        {
            fields["terug"] = returnTo;
        }

        return await PostFormAsync("/inloggen", fields);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("^(?<name>[^=;]+)=(?<value>[^;]*)")]
    private static partial Regex CookiePair();
}
