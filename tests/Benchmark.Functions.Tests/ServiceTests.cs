using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

[Collection(AzuriteTests.Name)]
public sealed class ServiceTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task TooManyRequestsFromOneKeyGet429WithRetryAfterWhileOtherKeysGoOn()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "5" });
        using var busy = server.Client(await server.CreateKeyAsync(Role.Analyst));
        using var calm = server.Client(await server.CreateKeyAsync(Role.Analyst));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = await busy.GetAsync("/api/v1/cycles");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/v1/cycles")).StatusCode);
    }

    [Fact]
    public async Task NoKeyAndNoAnswerTextEverReachesTheLogs()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var key = await server.CreateKeyAsync(Role.Municipality, "GM0363");
        using var client = server.Client(key);
        const string secretText = "Vertrouwelijke toelichting 7f3a9c";
        var answers = Api.ValidSubmission(server, "GM0363");
        answers["answers"]!["digid.niveau"]!["explanation"] = secretText;

        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(client, "GM0363", answers)).StatusCode);
        var broken = answers.DeepClone().AsObject();
        broken["answers"]!["digid.niveau"]!["value"] = secretText;
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.SaveDraftAsync(client, "GM0363", broken, "\"v1\"")).StatusCode);
        using var bad = server.Client(key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync(Api.SubmissionPath("GM0363"))).StatusCode);

        Assert.NotEmpty(server.Logs.Lines);
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(key[^20..], StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(secretText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALowerCaseMunicipalityCodeIsReadAsTheCodeByTheApiAndRedirectedToCapitalsOnThePages()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var municipality = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM9001"));
        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(municipality, "GM9001", Api.ValidSubmission(server, "GM9001"))).StatusCode);

        using var read = await municipality.GetAsync("/api/v1/cycles/2026/submissions/gm9001");
        using var page = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        using var answer = await page.GetAsync("/analist/2026/inzendingen/gm9001?tab=1");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("\"GM9001\"", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PermanentRedirect, answer.StatusCode);
        Assert.Equal("/analist/2026/inzendingen/GM9001?tab=1", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public void OnlyLowerCaseCodesAreRewrittenAndOnlyWholeSegments()
    {
        Assert.Equal("/api/v1/cycles/2026/submissions/GM0363/draft", MunicipalityCodeCase.Canonical("/api/v1/cycles/2026/submissions/gm0363/draft"));
        Assert.Equal("/analist/2026/inzendingen/GM0363", MunicipalityCodeCase.Canonical("/analist/2026/inzendingen/Gm0363"));
        Assert.Null(MunicipalityCodeCase.Canonical("/analist/2026/inzendingen/GM0363"));
        Assert.Null(MunicipalityCodeCase.Canonical("/assets/gm0363x.css"));
        Assert.Null(MunicipalityCodeCase.Canonical("/gemeente/2026/vragenlijst/gm03631"));
    }

    [Fact]
    public async Task ASecondStartKeepsAnUnchangedRoundsRunAndItsReportsAndRecomputesAChangedOne()
    {
        // What scripts/run.sh does at every start: compute --if-changed, then generate the reports.
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Reports:Worker"] = "false" });
        var folder = Path.Combine(Path.GetTempPath(), "benchmark-tests", Guid.NewGuid().ToString("N"));
        string[] storage = ["--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix];
        Assert.Equal(0, (await Api.Cli(["demo", "generate", "--seed", "3", "--cycles", "2025", "2026", "--out", folder])).ExitCode);
        Assert.Equal(0, (await Api.Cli(["demo", "load", "--from", folder, .. storage])).ExitCode);

        var first = await Api.Cli(["compute", "--cycle", "2026", "--if-changed", .. storage]);
        var reports = await Api.Cli(["reports", "generate", "--cycle", "2026", "--lang", "nl", .. storage]);
        var run = (await server.Service<BenchmarkService>().SummaryAsync(2026))!.RunId;
        var second = await Api.Cli(["compute", "--cycle", "2026", "--if-changed", .. storage]);
        var reportsAgain = await Api.Cli(["reports", "generate", "--cycle", "2026", "--lang", "nl", .. storage]);

        Assert.True(first.ExitCode == 0 && reports.ExitCode == 0, first.Error + reports.Error);
        Assert.Contains($"unchanged since run {run}", second.Output, StringComparison.Ordinal);
        Assert.Equal(run, (await server.Service<BenchmarkService>().SummaryAsync(2026))!.RunId);
        Assert.Matches(@"Done: (\d+) \(\1 already up to date\)", reportsAgain.Output);

        // An approval changes what the round is computed from: the next start computes it again.
        var submitted = (await server.Service<SubmissionStore>().ListAsync(2026)).First(r => r.Status == SubmissionStatus.Submitted);
        var approved = await server.Service<ReviewService>().ReviewAsync(new Actor("analist", Role.Analyst, null), new ReviewSubmission(2026, submitted.Municipality, SubmissionAction.Approved, null, submitted.Version));
        Assert.True(approved.Succeeded, approved.Refusal?.Detail);
        var third = await Api.Cli(["compute", "--cycle", "2026", "--if-changed", .. storage]);
        Assert.DoesNotContain("unchanged", third.Output, StringComparison.Ordinal);
        Assert.NotEqual(run, (await server.Service<BenchmarkService>().SummaryAsync(2026))!.RunId);
    }

    [Fact]
    public async Task TheDemoLoadsOnceAndComputingAgainKeepsWorking()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var folder = Path.Combine(Path.GetTempPath(), "benchmark-tests", Guid.NewGuid().ToString("N"));
        var keys = Path.Combine(folder, "keys.txt");
        string[] storage = ["--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix];
        Assert.Equal(0, (await Api.Cli(["demo", "generate", "--seed", "2", "--out", folder])).ExitCode);

        var first = await Api.Cli(["demo", "load", "--from", folder, "--if-empty", "--keys-out", keys, .. storage]);
        var keysAfterFirst = await File.ReadAllTextAsync(keys);
        var second = await Api.Cli(["demo", "load", "--from", folder, "--if-empty", "--keys-out", keys, .. storage]);
        var computeOnce = await Api.Cli(["compute", "--cycle", "2026", .. storage]);
        var computeTwice = await Api.Cli(["compute", "--cycle", "2026", .. storage]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Loaded 3 registers, 3 cycles", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already holds data", second.Output, StringComparison.Ordinal);
        Assert.Equal(keysAfterFirst, await File.ReadAllTextAsync(keys));
        Assert.True(computeOnce.ExitCode == 0, computeOnce.Error);
        Assert.True(computeTwice.ExitCode == 0, computeTwice.Error);
        using var municipality = server.Client(keysAfterFirst.Split('\n')[0].Split(' ')[^1]);
        Assert.Equal(HttpStatusCode.OK, (await municipality.GetAsync("/api/v1/cycles/2026/questionnaire")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var anonymous = server.Client();

        var document = await anonymous.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/cycles/{year}/submissions/{municipality}/draft", paths);
        Assert.Contains("/api/v1/cycles/{year}/submissions/{municipality}/submit", paths);
        Assert.Contains("/api/v1/cycles/{year}/submissions", paths);
        Assert.Equal("Benchmark e-overheid API", document["info"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesAMeasureAsTheTextItIsWrittenAs()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var anonymous = server.Client();

        var document = await anonymous.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json");

        // A measure is a value type with its own JSON converter; in the API it is the string "index", "domain:<id>" or "block:<id>".
        var schemas = document!["components"]!["schemas"]!.AsObject();
        Assert.Equal("""{"type":"string"}""", schemas["Position"]!["properties"]!["measure"]!.ToJsonString());
        Assert.Equal("""{"type":"string"}""", schemas["MeasureStatistics"]!["properties"]!["measure"]!.ToJsonString());
        Assert.Equal("object", schemas["PublicGroup"]!["properties"]!["measures"]!["type"]!.GetValue<string>());
        Assert.False(schemas.ContainsKey("Measure"));
    }

    [Fact]
    public async Task KeysAreCreatedListedAndRevokedWithTheCliAndARevokedKeyGets401()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Auth:KeyCacheSeconds"] = "0" });
        await Api.OpenCycleAsync(server);
        string[] storage = ["--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix];

        var created = await Api.Cli(["keys", "create", "--role", "municipality", "--municipality", "GM0363", "--label", "informatiemanager", .. storage]);
        var secret = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        var keyId = secret.Split('_')[1];
        using var client = server.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/cycles")).StatusCode);

        var listed = await Api.Cli(["keys", "list", .. storage]);
        Assert.Contains(keyId, listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);

        var revoked = await Api.Cli(["keys", "revoke", keyId, .. storage]);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/cycles")).StatusCode);
        Assert.Equal(1, (await Api.Cli(["keys", "revoke", "nietbestaand", .. storage])).ExitCode);
        Assert.Equal(2, (await Api.Cli(["keys", "create", "--role", "council", "--label", "raad", .. storage])).ExitCode);

        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var audit = await analyst.GetFromJsonAsync<JsonArray>("/api/v1/audit/keys");
        Assert.Contains(audit!, e => e!["action"]!.GetValue<string>() == "key-revoked" && e["subject"]!.GetValue<string>() == keyId);
    }

    [Fact]
    public async Task StoredKeysAreHashesNeverTheKeysThemselves()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var secret = await server.CreateKeyAsync(Role.Analyst);

        var rows = new List<string>();
        await foreach (var entity in server.Service<Benchmark.Storage.BenchmarkTables>().Keys.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add(string.Join("|", entity.Select(p => $"{p.Key}={p.Value}")));
        }

        Assert.Single(rows);
        Assert.DoesNotContain(secret, rows[0], StringComparison.Ordinal);
        Assert.Contains(Benchmark.Storage.KeyStore.Hash(secret), rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalystsListACyclesSubmissionsWithFiltersAndCounts()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var catalog = server.Service<Benchmark.Core.Loading.QuestionnaireCatalog>();
        var register = Benchmark.Core.Demo.DemoGenerator.Generate(catalog, 1, [Api.Cycle]).Registers[^1];
        await server.Service<Benchmark.Storage.RegisterStore>().ImportAsync(register);
        var first = register.Municipalities[0];
        var second = register.Municipalities.First(m => m.Province != first.Province);
        using (var a = server.Client(await server.CreateKeyAsync(Role.Municipality, first.Code)))
        {
            await Api.PostAsync(a, Api.SubmissionPath(first.Code) + "/submit", body: Api.ValidSubmission(server, first.Code));
        }

        using (var b = server.Client(await server.CreateKeyAsync(Role.Municipality, second.Code)))
        {
            await Api.SaveDraftAsync(b, second.Code, Api.ValidSubmission(server, second.Code));
        }

        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var all = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}/submissions");
        var submitted = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}/submissions?status=submitted");
        var inProvince = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}/submissions?province={Uri.EscapeDataString(second.Province)}");
        var badFilter = await analyst.GetAsync($"/api/v1/cycles/{Api.Cycle}/submissions?status=klaar");

        Assert.Equal(2, all!["items"]!.AsArray().Count);
        Assert.Equal(1, all["counts"]!["submitted"]!.GetValue<int>());
        Assert.Equal(1, all["counts"]!["draft"]!.GetValue<int>());
        Assert.Equal(register.Municipalities.Count - 2, all["notStarted"]!.GetValue<int>());
        Assert.Equal(first.Code, Assert.Single(submitted!["items"]!.AsArray())!["municipality"]!.GetValue<string>());
        Assert.Contains(inProvince!["items"]!.AsArray(), i => i!["municipality"]!.GetValue<string>() == second.Code);
        Assert.DoesNotContain(inProvince["items"]!.AsArray(), i => i!["municipality"]!.GetValue<string>() == first.Code);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    [Fact]
    public async Task WhenStorageIsDownRequestsFailFastWith503AndTheServiceRecoversWhenItReturns()
    {
        // Storage is stopped on purpose, so an Azurite of its own: short storage calls, as in production, so "fast" is measurable.
        await using var azurite = await AzuriteFixture.StartOwnAsync();
        await using var server = await ApiServer.StartAsync(azurite, new Dictionary<string, string?> { ["Storage:NetworkTimeout"] = TestTimeouts.Setting(TestTimeouts.StorageCallDuringOutage) });
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        var answers = Api.ValidSubmission(server, "GM0363");
        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(client, "GM0363", answers)).StatusCode);

        await azurite.StopAsync();
        HttpResponseMessage down;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            down = await client.GetAsync(Api.SubmissionPath("GM0363"));
        }
        finally
        {
            clock.Stop();
            await azurite.RestartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.True(down.Headers.RetryAfter is not null);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType!.MediaType);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var back = await client.GetAsync(Api.SubmissionPath("GM0363"));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("\"v1\"", back.Headers.ETag!.Tag);
    }
}
