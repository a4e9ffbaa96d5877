using System.Net;
using System.Security.Claims;
using System.Xml.Linq;
using Azure.Data.Tables;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Tests.Web;
using WebClient = Benchmark.Functions.Tests.Web.WebClient;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Benchmark.Functions.Tests.Security;

/// <summary>
/// Issue 20, item 1 and 3: a session is bound to a record on the server whose id only the visitor's cookie holds, and
/// the keys that protect cookies are encrypted with a secret that is not in storage. Neither a backup nor read access to
/// the tables gives a working cookie; signing out ends the session everywhere; every session has a maximum lifetime.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SessionSecurityTests(AzuriteFixture fixture)
{
    private const string CookiePurpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";

    [Fact]
    public async Task ACookieMintedFromTheTablesOfABackupAsAnAttackerWouldIsRefused()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var analystKey = await server.CreateKeyAsync(Role.Analyst);
        using (var municipality = await WebClient.SignedInAsync(server.Address, await server.CreateKeyAsync(Role.Municipality, "GM0363")))
        {
            Assert.Equal(HttpStatusCode.OK, (await municipality.GetAsync("/gemeente")).StatusCode);
        }

        // What the attacker has: the rows of the key tables (read access, or an older backup), and the analyst key's hash.
        var tables = server.Service<BenchmarkTables>();
        var stolenKeys = tables.DataProtectionKeys.Query<TableEntity>().Select(row => XElement.Parse(row.GetString("Xml"))).ToList();
        var analyst = tables.Keys.Query<TableEntity>().Single(row => row.GetString("Role") == nameof(Role.Analyst));
        Assert.NotEmpty(stolenKeys);
        Assert.All(stolenKeys, key => Assert.Contains(key.Descendants(), d => d.Name.LocalName == "encryptedSecret"));

        // The attacker's program: data protection with the stolen key ring, a ticket with the analyst's claims.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("benchmark-e-overheid");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new StolenKeys(stolenKeys));
        using var attacker = services.BuildServiceProvider();
        var stolenKeyIds = stolenKeys.Select(k => Guid.Parse((string)k.Attribute("id")!)).ToHashSet();
        var usable = attacker.GetRequiredService<IKeyManager>().GetAllKeys().Where(k => stolenKeyIds.Contains(k.KeyId) && Record.Exception(() => k.Descriptor) is null);
        Assert.Empty(usable); // without the secret no stolen key can be read
        var cookie = Mint(attacker.GetRequiredService<IDataProtectionProvider>(), analyst.GetString("KeyId"), Role.Analyst, ("keyHash", analyst.RowKey), (WebPages.SessionIdClaim, "made-up-session-id-of-forty-characters!!"));

        using var client = new PlainHttp(server.Address);
        client.Cookies["bm-sessie"] = cookie;
        using var answer = await client.GetAsync("/analist");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/inloggen", answer.Headers.Location?.AbsolutePath);
        Assert.NotNull(analystKey);
    }

    [Fact]
    public async Task EvenWithTheAppsOwnCookieKeysACookieWithoutASessionOnTheServerIsRefused()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var key = await server.CreateKeyAsync(Role.Analyst);
        var info = (await server.Service<KeyStore>().FindAsync(key))!;
        var cookieKeys = server.Service<IDataProtectionProvider>();

        // The cookie the program made (the key's hash as its claim), and one naming a session that does not exist.
        var legacy = Mint(cookieKeys, info.KeyId, Role.Analyst, ("keyHash", KeyStore.Hash(key)));
        var madeUp = Mint(cookieKeys, info.KeyId, Role.Analyst, (WebPages.SessionIdClaim, "made-up-session-id-of-forty-characters!!"));

        // The same minting with a session the server did start works: the refusals above are the session binding's.
        var genuine = Mint(cookieKeys, info.KeyId, Role.Analyst, (WebPages.SessionIdClaim, await server.Service<SessionStore>().StartAsync(KeyStore.Hash(key), info.KeyId, TimeSpan.FromHours(1))));

        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookie(server, legacy, "/analist")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookie(server, madeUp, "/analist")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookie(server, genuine, "/analist")).StatusCode);
    }

    [Fact]
    public async Task TheStoredCookieKeysCannotBeReadWithoutTheSecretThatIsNotInStorage()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using (var anonymous = WebClient.Anonymous(server.Address))
        {
            await anonymous.GetStringAsync("/inloggen"); // the form token needs a key: made and stored now
        }

        var stored = server.Service<BenchmarkTables>().DataProtectionKeys.Query<TableEntity>().Select(row => XElement.Parse(row.GetString("Xml"))).ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, key => Assert.Empty(key.Descendants("masterKey").Elements("value")));

        static IEnumerable<Exception?> ReadWith(IReadOnlyList<XElement> keys, string secret)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(AppSecret.From(secret));
            services.AddDataProtection().SetApplicationName("benchmark-e-overheid");
            services.Configure<KeyManagementOptions>(options =>
            {
                options.XmlRepository = new StolenKeys(keys);
                options.AutoGenerateKeys = false;
            });
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => Record.Exception(() => k.Descriptor)).ToList();
        }

        Assert.All(ReadWith(stored, Convert.ToBase64String(new byte[32])), Assert.NotNull);
        Assert.All(ReadWith(stored, ApiServer.TestSecret), Assert.Null);
    }

    [Fact]
    public async Task AnInstanceWithAnotherSecretRefusesTheOldSessionsButKeepsWorking()
    {
        await using var first = await ApiServer.StartAsync(fixture);
        var key = await first.CreateKeyAsync(Role.Municipality, "GM0363");
        using var signedIn = new PlainHttp(first.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.SignInAsync(key)).StatusCode);

        await using var second = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Security:Secret"] = Convert.ToBase64String(new byte[40]) }, tablePrefix: first.TablePrefix);
        using var old = await GetWithCookie(second, signedIn.Cookies["bm-sessie"], "/gemeente");
        using var again = new PlainHttp(second.Address);

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync(key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/gemeente")).StatusCode);
    }

    [Fact]
    public async Task AKeyStoredUnencryptedBeforeTheUpgradeProtectsNothingAnyMore()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var plain = new XElement("key", new XAttribute("id", id), new XAttribute("version", 1),
            new XElement("creationDate", now.AddDays(-1)), new XElement("activationDate", now.AddDays(-1)), new XElement("expirationDate", now.AddDays(80)),
            new XElement("descriptor", new XAttribute("deserializerType", "Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection"),
                new XElement("descriptor", new XElement("encryption", new XAttribute("algorithm", "AES_256_CBC")), new XElement("validation", new XAttribute("algorithm", "HMACSHA256")),
                    new XElement("masterKey", new XElement("value", Convert.ToBase64String(new byte[64]))))));
        await server.Service<BenchmarkTables>().DataProtectionKeys.UpsertEntityAsync(new TableEntity("key", "key-" + id) { ["Xml"] = plain.ToString(SaveOptions.DisableFormatting) });

        var ring = server.Service<IKeyManager>().GetAllKeys();

        Assert.DoesNotContain(ring, k => k.KeyId == id);
        Assert.Contains(server.Logs.Lines, line => line.Contains($"{id}", StringComparison.Ordinal) && line.Contains("unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACopiedCookieIsRefusedAfterSigningOut()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var browser = new PlainHttp(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(await server.CreateKeyAsync(Role.Municipality, "GM0363"))).StatusCode);
        var copied = browser.Cookies["bm-sessie"];
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookie(server, copied, "/gemeente")).StatusCode);

        using var signOutPage = await browser.GetAsync("/gemeente");
        var token = WebClient.AntiforgeryToken(await signOutPage.Content.ReadAsStringAsync());
        using var signedOut = await browser.PostFormAsync("/uitloggen", new Dictionary<string, string> { ["__bm_af"] = token });
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var replayed = await GetWithCookie(server, copied, "/gemeente");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/inloggen", replayed.Headers.Location?.AbsolutePath);
        Assert.Empty(await server.Service<SessionStore>().ListActiveAsync());
    }

    [Fact]
    public async Task ABusySessionStillEndsTwelveHoursAfterSigningIn()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var browser = new PlainHttp(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(await server.CreateKeyAsync(Role.Municipality, "GM0363"))).StatusCode);

        // A request every hour keeps the eight-hour idle time from running out…
        for (var hour = 1; hour <= 11; hour++)
        {
            server.Time.Advance(TimeSpan.FromHours(1));
            using var busy = await browser.GetAsync("/gemeente");
            Assert.True(busy.StatusCode == HttpStatusCode.OK, $"after {hour} hours the session answered {(int)busy.StatusCode}");
        }

        // …but not past the maximum lifetime.
        server.Time.Advance(TimeSpan.FromMinutes(61));
        using var expired = await browser.GetAsync("/gemeente");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal("/inloggen", expired.Headers.Location?.AbsolutePath);
    }

    private static async Task<HttpResponseMessage> GetWithCookie(ApiServer server, string cookie, string path)
    {
        using var client = new PlainHttp(server.Address);
        client.Cookies["bm-sessie"] = cookie;
        return await client.GetAsync(path);
    }

    private static string Mint(IDataProtectionProvider keys, string keyId, Role role, params (string Type, string Value)[] extra)
    {
        var identity = new ClaimsIdentity([new(ClaimTypes.NameIdentifier, keyId), new(ClaimTypes.Role, role.ToString()), new(ClaimTypes.Name, "minted"), .. extra.Select(c => new Claim(c.Type, c.Value))], WebPages.SessionScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddYears(1) }, WebPages.SessionScheme);
        return new TicketDataFormat(keys.CreateProtector(CookiePurpose, WebPages.SessionScheme, "v2")).Protect(ticket);
    }

    /// <summary>A key ring made of rows read from the table, as a program outside the app would hold it.</summary>
    private sealed class StolenKeys(IEnumerable<XElement> stolen) : IXmlRepository
    {
        private readonly List<XElement> _elements = [.. stolen];

        public IReadOnlyCollection<XElement> GetAllElements() => _elements.ToList();

        public void StoreElement(XElement element, string friendlyName) => _elements.Add(element);
    }
}
