using System.Net;
using Benchmark.Core.Workflow;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// In Azure the app runs on several instances and restarts at will. The keys that protect session cookies and form
/// tokens live in table storage, so a session started on one instance keeps working on the next.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SessionSharingTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task ASessionAndItsFormTokenFromOneInstanceWorkOnAnother()
    {
        await using var first = await ApiServer.StartAsync(fixture);
        var key = await first.CreateKeyAsync(Role.Municipality, "GM0363");
        var cookies = new CookieContainer();
        using var toFirst = Client(first, cookies);
        var signInForm = await toFirst.GetStringAsync("/inloggen");
        using (var signedIn = await toFirst.PostAsync("/inloggen", Form(key, WebClient.AntiforgeryToken(signInForm))))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var token = WebClient.AntiforgeryToken(await toFirst.GetStringAsync("/uitloggen"));

        await using var second = await ApiServer.StartAsync(fixture, tablePrefix: first.TablePrefix);
        using var toSecond = Client(second, cookies, first.Address);
        using var overview = await toSecond.GetAsync("/gemeente");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);

        // The form token the first instance handed out is accepted by the second.
        using var signOut = await toSecond.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string> { ["__bm_af"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/inloggen?uitgelogd=true", signOut.Headers.Location?.ToString());

        // The keys are in the table, not in the machine's home folder, which instances in Azure do not share.
        var stored = first.Service<Storage.BenchmarkTables>().DataProtectionKeys.Query<Azure.Data.Tables.TableEntity>().ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, row => Assert.StartsWith("<key ", row.GetString("Xml"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheKeysAreReadAtTheFirstPageThatNeedsThemNotBeforeTheServerListens()
    {
        // Reading (or, the first time, making) the key ring before listening made every cold start wait for storage.
        await using var server = await ApiServer.StartAsync(fixture);
        var keys = server.Service<Storage.BenchmarkTables>().DataProtectionKeys;
        using var client = Client(server, new CookieContainer());
        using (var health = await client.GetAsync("/api/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Empty(keys.Query<Azure.Data.Tables.TableEntity>().ToList());

        // The sign-in form carries an antiforgery token, which needs a key: made now, and stored.
        var signInForm = await client.GetStringAsync("/inloggen");
        Assert.NotEmpty(WebClient.AntiforgeryToken(signInForm));
        Assert.Single(keys.Query<Azure.Data.Tables.TableEntity>().ToList());
    }

    /// <summary>Both servers listen on 127.0.0.1; cookies do not care about the port, so one container serves both.</summary>
    private static HttpClient Client(ApiServer server, CookieContainer cookies, Uri? cookiesOf = null)
    {
        if (cookiesOf is not null)
        {
            foreach (Cookie cookie in cookies.GetCookies(cookiesOf))
            {
                cookies.Add(server.Address, new Cookie(cookie.Name, cookie.Value, "/"));
            }
        }

        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static FormUrlEncodedContent Form(string key, string token) =>
        new(new Dictionary<string, string> { ["sleutel"] = key, ["__bm_af"] = token });
}
