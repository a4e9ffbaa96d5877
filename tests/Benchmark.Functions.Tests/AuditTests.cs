using Benchmark.Core.Application;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using WebClient = Benchmark.Functions.Tests.Web.WebClient;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>
/// Issue 20, item 6: every audit gap closed, one test per row. Each refusal is recorded with the key's public id, what
/// was attempted and on what, never with the key itself, and each record can be read back through the API.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AuditTests(AzuriteFixture fixture)
{
    private const string Own = "GM0363";
    private const string Other = "GM0518";

    [Fact]
    public async Task ARefusedReadOfAnotherMunicipalitysPositionLearnFromAndReportIsInThatMunicipalitysTrail()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var own = await KeyAsync(server, Role.Municipality, Own);
        var other = await KeyAsync(server, Role.Municipality, Other);
        using var ownClient = server.Client(own.Secret);
        using var otherClient = server.Client(other.Secret);
        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(ownClient, Own, Api.ValidSubmission(server, Own))).StatusCode);

        foreach (var attempt in new[] { "/position", "/learn-from", "/report" })
        {
            server.Time.Advance(TimeSpan.FromMinutes(1));
            using var refused = await otherClient.GetAsync(Api.SubmissionPath(Own) + attempt);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Not your municipality", (await Api.BodyAsync(refused))["title"]!.GetValue<string>());
        }

        var trail = (await ownClient.GetFromJsonAsync<JsonArray>(Api.SubmissionPath(Own) + "/audit"))!;
        var denied = trail.Where(e => e!["action"]!.GetValue<string>() == SubmissionService.AccessDenied).ToList();
        Assert.Equal(
            ["read the position by a municipality key of GM0518", "read the learn-from advice by a municipality key of GM0518", "download the council report by a municipality key of GM0518"],
            denied.Select(e => e!["comment"]!.GetValue<string>()));
        Assert.All(denied, e => Assert.Equal(other.KeyId, e!["by"]!.GetValue<string>()));
        Assert.DoesNotContain(other.Secret, trail.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedAttemptOnAMunicipalityWithoutASubmissionIsReadableInItsTrail()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var other = await KeyAsync(server, Role.Municipality, Other);
        using var otherClient = server.Client(other.Secret);
        using var ownClient = server.Client((await KeyAsync(server, Role.Municipality, Own)).Secret);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);

        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.GetAsync(Api.SubmissionPath(Own))).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SaveDraftAsync(otherClient, Own, Api.ValidSubmission(server, Own))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownClient.GetAsync(Api.SubmissionPath(Own))).StatusCode);

        foreach (var reader in new[] { ownClient, analyst })
        {
            using var response = await reader.GetAsync(Api.SubmissionPath(Own) + "/audit");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var trail = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
            Assert.Equal(["read by a municipality key of GM0518", "write by a municipality key of GM0518"], trail.Select(e => e!["comment"]!.GetValue<string>()));
            Assert.All(trail, e => Assert.Equal(other.KeyId, e!["by"]!.GetValue<string>()));
        }

        // A year without a cycle and without any record is still a mistake, not an empty trail.
        using var unknown = await analyst.GetAsync(Api.SubmissionPath(Own, 2031) + "/audit");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Unknown cycle", (await Api.BodyAsync(unknown))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARefusedWriteByACouncilKeyIsAuditedThroughTheApiAndThePages()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var council = await KeyAsync(server, Role.Council, Own);
        using var councilClient = server.Client(council.Secret);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);

        using var draft = await Api.SaveDraftAsync(councilClient, Own, Api.ValidSubmission(server, Own));
        server.Time.Advance(TimeSpan.FromMinutes(1));
        using var submit = await Api.PostAsync(councilClient, Api.SubmissionPath(Own) + "/submit");
        foreach (var refused in new[] { draft, submit })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        // The pages show a council the answers read-only; a save it posts anyway is refused and recorded too.
        server.Time.Advance(TimeSpan.FromMinutes(1));
        using var web = await WebClient.SignedInAsync(server.Address, council.Secret);
        var domain = server.Service<QuestionnaireCatalog>().ModelForCycle(2026).Domains[0].Id;
        var page = $"/gemeente/{Api.Cycle}/vragenlijst/{domain}";
        var form = await web.GetStringAsync(page);
        using var posted = await web.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["__bm_af"] = WebClient.AntiforgeryToken(form), ["versie"] = "0" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Null(await server.Service<SubmissionStore>().GetAsync(Api.Cycle, Own));

        var refusals = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Refusals}"))!;
        Assert.Equal(
            [$"PUT {Api.SubmissionPath(Own)}/draft", $"POST {Api.SubmissionPath(Own)}/submit"],
            refusals.Where(e => e!["actor"]!.GetValue<string>() == council.KeyId).Select(e => e!["subject"]!.GetValue<string>()));
        Assert.Contains(refusals, e => e!["detail"]!.GetValue<string>() == "API call SaveDraft refused to a council key of GM0363; only for municipality");

        var trail = (await analyst.GetFromJsonAsync<JsonArray>(Api.SubmissionPath(Own) + "/audit"))!;
        Assert.Equal(
            ["PUT SaveDraft (only for municipality) by a council key of GM0363", "POST SubmitSubmission (only for municipality) by a council key of GM0363", "save on the questionnaire page by a council key of GM0363"],
            trail.Select(e => e!["comment"]!.GetValue<string>()));
        Assert.All(trail, e => Assert.Equal(council.KeyId, e!["by"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ARefusedCallToAnAnalystEndpointIsAuditedForEveryKeyRole()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var municipality = await KeyAsync(server, Role.Municipality, Own);
        var council = await KeyAsync(server, Role.Council, Own);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);

        using var municipalityClient = server.Client(municipality.Secret);
        using var councilClient = server.Client(council.Secret);
        using var compute = await Api.PostAsync(municipalityClient, $"/api/v1/cycles/{Api.Cycle}/benchmark");
        server.Time.Advance(TimeSpan.FromMinutes(1));
        using var approve = await Api.PostAsync(municipalityClient, Api.SubmissionPath(Own) + "/approve");
        server.Time.Advance(TimeSpan.FromMinutes(1));
        using var readAudit = await councilClient.GetAsync("/api/v1/audit/keys");
        foreach (var refused in new[] { compute, approve, readAudit })
        {
            // The answer is the one the role policy always gave.
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Forbidden", (await Api.BodyAsync(refused))["title"]!.GetValue<string>());
        }

        var refusals = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Refusals}"))!;
        Assert.Equal(
            [
                (municipality.KeyId, $"POST /api/v1/cycles/{Api.Cycle}/benchmark", "API call ComputeBenchmark refused to a municipality key of GM0363; only for analyst"),
                (municipality.KeyId, $"POST {Api.SubmissionPath(Own)}/approve", "API call ApproveSubmission refused to a municipality key of GM0363; only for analyst"),
                (council.KeyId, "GET /api/v1/audit/keys", "API call ListAudit refused to a council key of GM0363; only for analyst"),
            ],
            refusals.Select(e => (e!["actor"]!.GetValue<string>(), e["subject"]!.GetValue<string>(), e["detail"]!.GetValue<string>())));
        Assert.All(refusals, e => Assert.Equal(Benchmark.Functions.Security.RefusalAudit.RefusedAction, e!["action"]!.GetValue<string>()));

        // An attempt on a submission is also the municipality's business.
        var trail = (await analyst.GetFromJsonAsync<JsonArray>(Api.SubmissionPath(Own) + "/audit"))!;
        Assert.Equal("POST ApproveSubmission (only for analyst) by a municipality key of GM0363", Assert.Single(trail)!["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARefusedWebPageActionIsAuditedAndStillShowsNoAccess()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var municipality = await KeyAsync(server, Role.Municipality, Own);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);
        using var web = await WebClient.SignedInAsync(server.Address, municipality.Secret);

        using var opened = await web.GetAsync("/analist");
        server.Time.Advance(TimeSpan.FromMinutes(1));
        var token = WebClient.AntiforgeryToken(await web.GetStringAsync("/gemeente"));
        using var closing = await web.PostAsync("/analist?handler=close", new FormUrlEncodedContent(new Dictionary<string, string> { ["__bm_af"] = token, ["jaar"] = "2026", ["bevestigd"] = "true" }));
        foreach (var refused in new[] { opened, closing })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/geen-toegang", new Uri(server.Address, refused.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(CycleStatus.Open, (await server.Service<CycleStore>().GetAsync(Api.Cycle))!.Status);
        var refusals = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Refusals}"))!;
        Assert.Equal(["GET /analist", "POST /analist"], refusals.Select(e => e!["subject"]!.GetValue<string>()));
        Assert.All(refusals, e =>
        {
            Assert.Equal(municipality.KeyId, e!["actor"]!.GetValue<string>());
            Assert.Equal("page refused to a municipality session of GM0363; only for analyst", e["detail"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task ARequestWithoutAValidKeyOrSessionIsRefusedButNotAudited()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync("/api/v1/audit/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client("bmk_unknown_key").PostAsync(new Uri($"/api/v1/cycles/{Api.Cycle}/benchmark", UriKind.Relative), null)).StatusCode);
        using var anonymous = WebClient.Anonymous(server.Address);
        using var page = await anonymous.GetAsync("/analist");
        Assert.StartsWith("/inloggen", new Uri(server.Address, page.Headers.Location!).PathAndQuery, StringComparison.Ordinal);

        Assert.Empty((await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Refusals}"))!);
    }

    [Fact]
    public async Task ABenchmarkComputationAndAReportBatchAreAuditedFromTheApiAndTheCommandLine()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Reports:Worker"] = "false" });
        await Api.OpenCycleAsync(server);
        await Api.ImportRegisterWithAsync(server, Own);
        var analystKey = await KeyAsync(server, Role.Analyst);
        using var analyst = server.Client(analystKey.Secret);
        using var own = server.Client((await KeyAsync(server, Role.Municipality, Own)).Secret);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(own, Api.SubmissionPath(Own) + "/submit", body: Api.ValidSubmission(server, Own))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, Api.SubmissionPath(Own) + "/approve")).StatusCode);

        using var computed = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark");
        var runId = (await Api.BodyAsync(computed))["runId"]!.GetValue<string>();
        server.Time.Advance(TimeSpan.FromSeconds(1));
        var cli = await Api.Cli(["compute", "--cycle", "2026", "--include-submitted", "--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix]);
        Assert.True(cli.ExitCode == 0, cli.Error);

        // The command line writes with the real clock and the app with the test's, so the two are found by who computed.
        var computations = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Computations}"))!.ToDictionary(e => e!["actor"]!.GetValue<string>(), e => e!);
        Assert.Equal(new[] { analystKey.KeyId, "cli" }.Order(StringComparer.Ordinal), computations.Keys.Order(StringComparer.Ordinal));
        Assert.All(computations.Values, e => Assert.Equal(("benchmark-computed", "2026"), (e["action"]!.GetValue<string>(), e["subject"]!.GetValue<string>())));
        var detail = computations[analystKey.KeyId]["detail"]!.GetValue<string>();
        Assert.StartsWith($"run {runId}: 1 participants (approved submissions), ", detail, StringComparison.Ordinal);
        Assert.Contains(" groups, 1 positions, ", detail, StringComparison.Ordinal);
        Assert.Contains("(approved and submitted submissions)", computations["cli"]["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var started = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/reports", body: new JsonObject { ["languages"] = new JsonArray("nl", "en") });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var batch = await Api.BodyAsync(started);
        var reports = Assert.Single((await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Reports}"))!)!;
        Assert.Equal(analystKey.KeyId, reports["actor"]!.GetValue<string>());
        Assert.Equal("reports-started", reports["action"]!.GetValue<string>());
        Assert.Equal($"2026/{batch["id"]!.GetValue<string>()}", reports["subject"]!.GetValue<string>());
        Assert.Equal($"run {batch["runId"]!.GetValue<string>()}: 2 reports (1 councils and the national report) in nl, en", reports["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailedSignInsAreAuditedWithoutTheKeyAndReadableThroughTheAuditEndpoint()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);
        var revoked = await KeyAsync(server, Role.Municipality, "GM0363");
        Assert.True((await server.Service<KeyService>().RevokeAsync("test", new RevokeKey(revoked.KeyId))).Succeeded);
        var wrongKey = "bmk_nosuchkey_" + new string('x', 43);

        using var browser = new Security.PlainHttp(server.Address);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.SignInAsync(wrongKey)).StatusCode);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.SignInAsync(revoked.Secret)).StatusCode);

        var entries = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.SignIn}"))!.Select(e => e!).ToList();
        Assert.Equal(
            [("sign-in-failed", "(unknown key)", "unknown key from 127.0.0.1"), ("sign-in-failed", revoked.KeyId, "revoked key from 127.0.0.1")],
            entries.Select(e => (e["action"]!.GetValue<string>(), e["subject"]!.GetValue<string>(), e["detail"]!.GetValue<string>())));
        Assert.DoesNotContain(wrongKey, entries.Select(e => e.ToJsonString()).Aggregate(string.Concat), StringComparison.Ordinal);
        Assert.DoesNotContain(revoked.Secret, entries.Select(e => e.ToJsonString()).Aggregate(string.Concat), StringComparison.Ordinal);
        Assert.Equal(2, server.Logs.Lines.Count(line => line.Contains("Failed sign-in", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheNotesFlagsAndGroupsAreasAreReadableAndAnUnknownAreaListsTheKnownOnes()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        await Api.ImportRegisterWithAsync(server, Own, Other);
        using var own = server.Client((await KeyAsync(server, Role.Municipality, Own)).Secret);
        using var analyst = server.Client((await KeyAsync(server, Role.Analyst)).Secret);
        var answers = Api.ValidSubmission(server, Own);
        foreach (var (_, answer) in answers["answers"]!.AsObject().Where(a => a.Value!["explanation"] is not null).ToList())
        {
            answer!["explanation"] = "Zie toelichting bij de vorige vraag.";
        }

        answers["answers"]!["digid.niveau"]!["practiceNote"] = new JsonObject { ["text"] = "Samen met de buurgemeenten ingekocht.", ["contactRole"] = "informatiemanager" };
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(own, Api.SubmissionPath(Own) + "/submit", body: answers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark?includeSubmitted=true")).StatusCode);
        var flag = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/flags"))![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/flags/{flag}/dismiss", body: new JsonObject { ["comment"] = "Nagebeld." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsync($"/api/v1/cycles/{Api.Cycle}/practice-notes/{Own}/digid.niveau", Api.Json(new JsonObject { ["status"] = "hidden" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsync($"/api/v1/cycles/{Api.Cycle}/groups/testgroep", Api.Json(new JsonObject { ["label"] = "Testgroep", ["members"] = new JsonArray(Own, Other, "GM9001", "GM9002", "GM9003", "GM9004") }))).StatusCode);

        Assert.Equal(["flag-dismissed"], await ActionsAsync(analyst, AuditAreas.Flags));
        Assert.Equal(["note-hidden"], await ActionsAsync(analyst, AuditAreas.Notes));
        Assert.Equal(["group-set"], await ActionsAsync(analyst, AuditAreas.Groups));
        foreach (var area in AuditAreas.Areas)
        {
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/audit/{area}")).StatusCode);
        }

        using var unknown = await analyst.GetAsync("/api/v1/audit/passwords");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("keys, cycles, notes, flags, groups, sign-in, refusals, computations, reports", (await Api.BodyAsync(unknown))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APutOnAClosedCycleIsRefusedAsThePageRefusesItAndOnlyTheRealChangesAreAudited()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var analystKey = await KeyAsync(server, Role.Analyst);
        using var analyst = server.Client(analystKey.Secret);
        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsJsonAsync($"/api/v1/cycles/{Api.Cycle}", new { deadline = Api.Deadline })).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsJsonAsync($"/api/v1/cycles/{Api.Cycle}", new { deadline = Api.Deadline.AddDays(7) })).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/close")).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(1));

        // Through the API: 409 with the rule's code, and the cycle stays closed.
        using var refused = await analyst.PutAsJsonAsync($"/api/v1/cycles/{Api.Cycle}", new { deadline = Api.Deadline.AddDays(14) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(CycleRefusals.Closed, (await Api.BodyAsync(refused))["code"]!.GetValue<string>());
        Assert.Equal("closed", (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}"))!["status"]!.GetValue<string>());

        // Through the analyst page: the same rule, in the analyst's words.
        using var page = await Web.WebClient.SignedInAsync(server.Address, analystKey.Secret);
        var form = await page.GetStringAsync("/analist");
        using var posted = await page.PostAsync("/analist?handler=deadline", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__bm_af"] = Web.WebClient.AntiforgeryToken(form),
            ["jaar"] = Api.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["datum"] = "2027-01-14",
            ["tijd"] = "23:59",
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains($"Ronde {Api.Cycle} is gesloten; de deadline verandert niet meer.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("closed", (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}"))!["status"]!.GetValue<string>());

        var cycles = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Cycles}"))!;
        Assert.Equal(["cycle-opened", "cycle-deadline-set", "cycle-closed"], cycles.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(cycles, e => Assert.Equal(analystKey.KeyId, e!["actor"]!.GetValue<string>()));
    }

    private static async Task<IReadOnlyList<string>> ActionsAsync(HttpClient analyst, string area) =>
        (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{area}"))!.Select(e => e!["action"]!.GetValue<string>()).ToList();

    private static async Task<(string Secret, string KeyId)> KeyAsync(ApiServer server, Role role, string? municipality = null)
    {
        var created = await server.Service<KeyService>().CreateAsync("test", new CreateKey(role, municipality, $"test {role} {municipality}"));
        Assert.True(created.Succeeded, created.Refusal?.Detail);
        return (created.Value.Secret, created.Value.Info.KeyId);
    }
}
