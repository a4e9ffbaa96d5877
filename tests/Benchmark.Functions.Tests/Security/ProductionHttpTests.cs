using Benchmark.Core.Application;
using System.Net;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Functions.Tests.Security;

/// <summary>
/// Issue 20, items 4, 5, 8 and 9, in the configuration the app has under the Functions host (no local development):
/// Secure cookies and HSTS, the visitor's address from the trusted host only, a budget for failed authentications per
/// client apart from everyone else's, pages answered with pages, safe return paths, and the headers every answer needs.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ProductionHttpTests(AzuriteFixture fixture)
{
    /// <summary>As under the Functions host, with the default budget of failed authentications (the test server's own is larger).</summary>
    private static readonly Dictionary<string, string?> Production = new() { ["Web:LocalDevelopment"] = "false", ["Web:FailedAuthenticationsPerWindow"] = "20" };

    [Fact]
    public async Task InTheHostedConfigurationEveryCookieIsSecureAndEveryAnswerCarriesHsts()
    {
        await using var server = await ApiServer.StartAsync(fixture, Production);
        using var browser = new PlainHttp(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(await server.CreateKeyAsync(Role.Municipality, "GM0363"))).StatusCode);
        using var language = await browser.GetAsync("/taal/en?terug=/gemeente");

        foreach (var name in new[] { "bm-af", "bm-sessie", WebText.CookieName })
        {
            var cookie = Assert.Single(browser.SetCookies, c => c.StartsWith(name + "=", StringComparison.Ordinal));
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var path in new[] { "/inloggen", "/gemeente", "/api/health", "/assets/css/site.css", "/bestaat-niet" })
        {
            using var answer = await browser.GetAsync(path);
            Assert.True(answer.Headers.TryGetValues("Strict-Transport-Security", out var hsts), $"{path} has no HSTS");
            Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(hsts));
        }
    }

    [Fact]
    public async Task RunLocallyCookiesFollowTheSchemeAndNoHstsIsSent()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var browser = new PlainHttp(server.Address);
        using var form = await browser.GetAsync("/inloggen");

        Assert.DoesNotContain("; secure", Assert.Single(browser.SetCookies), StringComparison.OrdinalIgnoreCase);
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task TheVisitorsAddressIsTakenFromTheForwardedHeaderOnlyWhenTheTrustedHostSendsIt()
    {
        await using var trusting = await ApiServer.StartAsync(fixture, Production);
        await using var distrusting = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Web:LocalDevelopment"] = "false", ["Web:TrustedProxies"] = "192.0.2.1" });

        foreach (var server in new[] { trusting, distrusting })
        {
            // The front end appends the address it saw; anything before it the visitor could have written.
            using var visitor = new PlainHttp(server.Address, forwardedFor: "198.51.100.99, 203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, (await visitor.SignInAsync("bmk_wrong_" + new string('x', 43))).StatusCode);
        }

        Assert.Equal("unknown key from 203.0.113.7", Assert.Single(await trusting.Service<AuditStore>().ListAsync(AuditAreas.SignIn)).Detail);
        Assert.Equal("unknown key from 127.0.0.1", Assert.Single(await distrusting.Service<AuditStore>().ListAsync(AuditAreas.SignIn)).Detail);
    }

    [Fact]
    public async Task AFloodOfFailedSignInsFromOneClientNeitherLocksOutAnotherNorAnswersJson()
    {
        await using var server = await ApiServer.StartAsync(fixture, Production);
        var key = await server.CreateKeyAsync(Role.Municipality, "GM0363");
        using var flooder = new PlainHttp(server.Address, forwardedFor: "203.0.113.10");
        using var neighbour = new PlainHttp(server.Address, forwardedFor: "203.0.113.20");

        for (var attempt = 1; attempt <= 20; attempt++)
        {
            using var refused = await flooder.SignInAsync($"bmk_guess{attempt}_" + new string('x', 43));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        // The 21st attempt, even with the right key, waits; as a page, in the visitor's language.
        using var blocked = await flooder.SignInAsync(key);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("text/html", blocked.Content.Headers.ContentType?.MediaType);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("te vaak een verkeerde sleutel", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Someone else signs in as usual, and the flooder can again once the window has passed.
        Assert.Equal(HttpStatusCode.Redirect, (await neighbour.SignInAsync(key)).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Redirect, (await flooder.SignInAsync(key)).StatusCode);
    }

    [Fact]
    public async Task WrongBearerKeysFromOneClientAreStoppedWithoutStoppingAnother()
    {
        await using var server = await ApiServer.StartAsync(fixture, Production);
        var key = await server.CreateKeyAsync(Role.Analyst);
        using var flooder = new PlainHttp(server.Address, forwardedFor: "203.0.113.30");
        using var neighbour = new PlainHttp(server.Address, forwardedFor: "203.0.113.40");

        static HttpRequestMessage Cycles(string bearer) => new(HttpMethod.Get, "/api/v1/cycles") { Headers = { Authorization = new("Bearer", bearer) } };
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            using var refused = await flooder.SendAsync(Cycles($"bmk_guess{attempt}_" + new string('x', 43)));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var blocked = await flooder.SendAsync(Cycles(key));
        using var other = await neighbour.SendAsync(Cycles(key));

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("application/problem+json", blocked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task APageFloodIsAnsweredWithAPageAndLeavesOtherVisitorsAlone()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Web:LocalDevelopment"] = "false", ["RateLimit:SessionPermitsPerMinute"] = "10" });
        using var flooder = new PlainHttp(server.Address, forwardedFor: "203.0.113.50");
        using var neighbour = new PlainHttp(server.Address, forwardedFor: "203.0.113.60");

        HttpStatusCode last = HttpStatusCode.OK;
        for (var request = 0; request < 11; request++)
        {
            using var page = await flooder.GetAsync("/toegankelijkheid");
            last = page.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Even te veel verzoeken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.NotNull(page.Headers.RetryAfter);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/toegankelijkheid")).StatusCode);
    }

    [Fact]
    public async Task AScriptThatUsesUpItsKeysLimitDoesNotLockThatMunicipalitysStaffOutOfThePages()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "3", ["RateLimit:SessionPermitsPerMinute"] = "100" });
        var key = await server.CreateKeyAsync(Role.Municipality, "GM0363");
        using var person = new PlainHttp(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync(key)).StatusCode);

        using var script = server.Client(key);
        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 5; call++)
        {
            statuses.Add((await script.GetAsync("/api/v1/cycles")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        using var page = await person.GetAsync("/gemeente");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APersonWhoHitsTheSessionLimitGetsADutchPageNotJson()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:SessionPermitsPerMinute"] = "4" });
        using var person = new PlainHttp(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync(await server.CreateKeyAsync(Role.Municipality, "GM0363"))).StatusCode);

        HttpResponseMessage? refused = null;
        for (var request = 0; request < 10 && refused is null; request++)
        {
            var page = await person.GetAsync("/gemeente");
            refused = page.StatusCode == HttpStatusCode.TooManyRequests ? page : null;
        }

        Assert.NotNull(refused);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Even te veel verzoeken", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"nl\"", html, StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("/taal/en?terug=/%09/evil.example")]
    [InlineData("/taal/en?terug=/%0D%0A/evil.example")]
    [InlineData("/taal/en?terug=/%00")]
    [InlineData("/taal/en?terug=/caf%C3%A9")]
    [InlineData("/taal/nl?terug=/%E2%80%AE/moc.elpmaxe")]
    [InlineData("/taal/nl?terug=//evil.example")]
    public async Task AReturnPathWithAControlOrNonAsciiCharacterGoesHome(string address)
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var browser = new PlainHttp(server.Address);

        using var answer = await browser.GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SigningInWithAReturnPathThatIsNotLocalGoesToTheStartPage()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var browser = new PlainHttp(server.Address);

        using var signedIn = await browser.SignInAsync(await server.CreateKeyAsync(Role.Municipality, "GM0363"), returnTo: "/\t/evil.example");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/gemeente", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AssetsApiAnswersAndTheirErrorsCarryTheSecurityHeaders()
    {
        await using var server = await ApiServer.StartAsync(fixture, Production);
        var key = await server.CreateKeyAsync(Role.Municipality, "GM0363");
        using var client = new PlainHttp(server.Address);

        using var asset = await client.GetAsync("/assets/css/site.css");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("nosniff", Assert.Single(asset.Headers.GetValues("X-Content-Type-Options")));

        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/cycles") { Headers = { Authorization = new("Bearer", key) } },
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/cycles/2026/submissions/GM0363/report?format=html") { Headers = { Authorization = new("Bearer", key) } },
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/cycles"),
        })
        {
            using var answer = await client.SendAsync(request);
            var path = request.RequestUri!.OriginalString;
            Assert.True(answer.Headers.CacheControl?.NoStore, $"{path} may be cached");
            Assert.Contains("default-src 'none'", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        }

        using var page = await client.GetAsync("/inloggen");
        Assert.True(page.Headers.CacheControl?.NoStore);
    }
}

/// <summary>Text stored before the service refused controls and bidi overrides must not reverse or break a page.</summary>
public sealed class PageTextEncoderTests
{
    [Theory]
    [InlineData("Gemeente \u202Eedrebla\u202C", "Gemeente &#xFFFD;edrebla&#xFFFD;")]
    [InlineData("esc\u001B[31m", "esc&#xFFFD;[31m")]
    [InlineData("nul\u0000", "nul&#xFFFD;")]
    [InlineData("isolate\u2066x\u2069", "isolate&#xFFFD;x&#xFFFD;")]
    public void ARefusedCharacterInStoredTextComesOutAsTheReplacementCharacter(string stored, string expected) =>
        Assert.Equal(expected, new PageTextEncoder().Encode(stored));

    [Theory]
    [InlineData("IJsselstein <b>")]
    [InlineData("café\tline\r\n")]
    [InlineData("😀 \u200F")]
    public void OtherTextIsEncodedAsTheFrameworkDoes(string text) =>
        Assert.Equal(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text), new PageTextEncoder().Encode(text));

    [Fact]
    public void MarkupIsStillEscaped() => Assert.Equal("IJsselstein &lt;b&gt;", new PageTextEncoder().Encode("IJsselstein <b>"));

    [Fact]
    public async Task ThePagesUseIt()
    {
        var app = BenchmarkApp.Build([]);
        await using (app)
        {
            Assert.IsType<PageTextEncoder>(app.Services.GetRequiredService<System.Text.Encodings.Web.HtmlEncoder>());
        }
    }
}
