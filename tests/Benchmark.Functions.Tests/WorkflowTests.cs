using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Workflow;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

[Collection(AzuriteTests.Name)]
public sealed class WorkflowTests(AzuriteFixture fixture)
{
    private static async Task<HttpResponseMessage> PatchDraftAsync(HttpClient client, string municipality, JsonNode patch, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Api.SubmissionPath(municipality) + "/draft")
        {
            Content = new StringContent(patch.ToJsonString(), System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task APatchMergesTheAnswersItNamesKeepsTheOthersAndRemovesWhatItSetsToNull()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var municipality = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        var answers = Api.ValidSubmission(server, "GM0363");
        var saved = await Api.SaveDraftAsync(municipality, "GM0363", answers);
        var before = answers["answers"]!.AsObject().Select(a => a.Key).ToList();
        Assert.True(before.Count >= 3, "the example needs answers to keep");
        var (changed, removed) = (before[0], before[1]);

        var patch = new JsonObject { ["answers"] = new JsonObject { [changed] = JsonNode.Parse(answers["answers"]![changed]!.ToJsonString()), [removed] = null } };
        patch["answers"]![changed]!["explanation"] = "Bijgewerkt met een samenvoeging; de rest blijft staan.";
        using var patched = await PatchDraftAsync(municipality, "GM0363", patch, saved.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("\"v2\"", patched.Headers.ETag!.Tag);
        var stored = (await Api.BodyAsync(patched))["submission"]!["answers"]!.AsObject();
        Assert.Equal(before.Where(k => k != removed).Order(StringComparer.Ordinal), stored.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Bijgewerkt met een samenvoeging; de rest blijft staan.", stored[changed]!["explanation"]!.GetValue<string>());
        foreach (var kept in before.Skip(2))
        {
            Assert.Equal(answers["answers"]![kept]!.ToJsonString(), stored[kept]!.ToJsonString());
        }
    }

    [Fact]
    public async Task AChangeOrASubmitOfAnExistingSubmissionWithoutIfMatchIsRefusedWith428AndChangesNothing()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var municipality = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        var saved = await Api.SaveDraftAsync(municipality, "GM0363", Api.ValidSubmission(server, "GM0363"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var put = await Api.SaveDraftAsync(municipality, "GM0363", Api.ValidSubmission(server, "GM0363"));
        using var patch = await PatchDraftAsync(municipality, "GM0363", new JsonObject { ["answers"] = new JsonObject() }, etag: null);
        using var submit = await Api.PostAsync(municipality, Api.SubmissionPath("GM0363") + "/submit");
        using var stale = await Api.PostAsync(municipality, Api.SubmissionPath("GM0363") + "/submit", "\"v9\"");

        foreach (var response in new[] { put, patch, submit })
        {
            Assert.Equal((HttpStatusCode)428, response.StatusCode);
            var problem = await Api.BodyAsync(response);
            Assert.Equal("submission.version-required", problem["code"]!.GetValue<string>());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var read = await municipality.GetAsync(Api.SubmissionPath("GM0363"));
        Assert.Equal("\"v1\"", read.Headers.ETag!.Tag);
        Assert.Equal("draft", (await Api.BodyAsync(read))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMunicipalitySavesReadsAndSubmitsAnotherMayNotLookAndAnAnalystApprovesAllAudited()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var municipality = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var other = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0518"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var answers = Api.ValidSubmission(server, "GM0363");

        var saved = await Api.SaveDraftAsync(municipality, "GM0363", answers);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"v1\"", saved.Headers.ETag!.Tag);

        var read = await municipality.GetAsync(Api.SubmissionPath("GM0363"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"v1\"", read.Headers.ETag!.Tag);
        var body = await Api.BodyAsync(read);
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        Assert.Equal(answers.ToJsonString(), body["submission"]!.ToJsonString());

        server.Time.Advance(TimeSpan.FromMinutes(1));
        var submitted = await Api.PostAsync(municipality, Api.SubmissionPath("GM0363") + "/submit", read.Headers.ETag.Tag);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await Api.BodyAsync(submitted))["status"]!.GetValue<string>());

        server.Time.Advance(TimeSpan.FromMinutes(1));
        var refused = await other.GetAsync(Api.SubmissionPath("GM0363"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("answers", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        server.Time.Advance(TimeSpan.FromMinutes(1));
        var approved = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await Api.BodyAsync(approved))["status"]!.GetValue<string>());

        var audit = await analyst.GetFromJsonAsync<JsonArray>(Api.SubmissionPath("GM0363") + "/audit");
        Assert.Equal(["draftSaved", "submitted", "accessDenied", "approved"], audit!.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal([1, 2, null, 3], audit!.Select(e => e!["version"]?.GetValue<int>()));
        Assert.Equal([null, 1, null, 2], audit!.Select(e => e!["previousVersion"]?.GetValue<int>()));
        Assert.Contains("read by a municipality key of GM0518", audit![2]!["comment"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            [Api.Deadline.Year, Api.Deadline.Year, Api.Deadline.Year, Api.Deadline.Year],
            audit!.Select(e => e!["at"]!.GetValue<DateTimeOffset>().Year));
        var keys = await analyst.GetFromJsonAsync<JsonArray>("/api/v1/audit/keys");
        // Four keys: the analyst who opened the cycle, and the three above.
        Assert.Equal(4, keys!.Count(e => e!["action"]!.GetValue<string>() == "key-created"));
    }

    [Fact]
    public async Task AReviewerWhoReadAnOlderVersionGets412EvenWhenTheStateChangedToo()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var municipality = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(municipality, "GM0363", Api.ValidSubmission(server, "GM0363"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(municipality, Api.SubmissionPath("GM0363") + "/submit", "\"v1\"")).StatusCode);

        // Another analyst rejects version 2 while this one still looks at it, then this one approves what they saw.
        var rejected = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/reject", "\"v2\"", new JsonObject { ["comment"] = "Toelichting ontbreekt." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var stale = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/approve", "\"v2\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("current one is 3", (await Api.BodyAsync(stale))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("rejected", (await Api.BodyAsync(await analyst.GetAsync(Api.SubmissionPath("GM0363"))))["status"]!.GetValue<string>());
    }

    /// <summary>Under load a transaction's answer can be lost and the SDK sends it again; the retry must not report a conflict with itself.</summary>
    [Fact]
    public async Task AWriteRetriedAfterALostAnswerSucceedsButADifferentWriteStillConflicts()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var catalog = server.Service<Benchmark.Core.Loading.QuestionnaireCatalog>();
        var store = server.Service<Benchmark.Storage.SubmissionStore>();
        var (submission, _) = Benchmark.Core.Submissions.SubmissionJson.Read(Api.ValidSubmission(server, "GM0363").ToJsonString(), catalog.Version, Benchmark.Core.Submissions.ValidationMode.Draft);
        var record = new SubmissionRecord("GM0363", Api.Cycle, 1, SubmissionStatus.Draft, submission!, SubmissionAction.DraftSaved, new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), "key-1", null, false);

        var first = await store.WriteAsync(null, record);
        var retried = await store.WriteAsync(null, record);

        Assert.Equal(first.ETag, retried.ETag);
        Assert.Single(await store.VersionsAsync(Api.Cycle, "GM0363"));
        await Assert.ThrowsAsync<Benchmark.Storage.ConcurrentChangeException>(() => store.WriteAsync(null, record with { ChangedBy = "key-2" }));
        var changed = submission! with { ConsentToBeNamed = !submission.ConsentToBeNamed };
        await Assert.ThrowsAsync<Benchmark.Storage.ConcurrentChangeException>(() => store.WriteAsync(null, record with { Submission = changed }));
    }

    [Fact]
    public async Task TwoConcurrentSavesWithTheSameETagExactlyOneWinsTheOtherGets412AndNothingIsLost()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var key = await server.CreateKeyAsync(Role.Municipality, "GM0363");
        using var first = server.Client(key);
        using var second = server.Client(key);
        var answers = Api.ValidSubmission(server, "GM0363");
        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(first, "GM0363", answers)).StatusCode);

        for (var round = 0; round < 10; round++)
        {
            var etag = (await first.GetAsync(Api.SubmissionPath("GM0363"))).Headers.ETag!.Tag;
            var a = answers.DeepClone().AsObject();
            var b = answers.DeepClone().AsObject();
            a["answers"]!["digid.niveau"]!["explanation"] = $"versie A {round}";
            b["answers"]!["digid.niveau"]!["explanation"] = $"versie B {round}";

            var results = await Task.WhenAll(Api.SaveDraftAsync(first, "GM0363", a, etag), Api.SaveDraftAsync(second, "GM0363", b, etag));

            Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(results, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            var winner = results[0].StatusCode == HttpStatusCode.OK ? $"versie A {round}" : $"versie B {round}";
            var stored = await Api.BodyAsync(await first.GetAsync(Api.SubmissionPath("GM0363")));
            Assert.Equal(winner, stored["submission"]!["answers"]!["digid.niveau"]!["explanation"]!.GetValue<string>());
        }

        var versions = await first.GetFromJsonAsync<JsonArray>(Api.SubmissionPath("GM0363") + "/versions");
        Assert.Equal(11, versions!.Count);
    }

    [Fact]
    public async Task ASaveWithAStaleETagGets412WithoutOne428AndLosesNothing()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        var answers = Api.ValidSubmission(server, "GM0363");
        await Api.SaveDraftAsync(client, "GM0363", answers);
        var changed = answers.DeepClone().AsObject();
        changed["answers"]!["digid.niveau"]!["explanation"] = "Collega was eerder.";
        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(client, "GM0363", changed, "\"v1\"")).StatusCode);

        var stale = await Api.SaveDraftAsync(client, "GM0363", answers, "\"v1\"");
        var withoutETag = await Api.SaveDraftAsync(client, "GM0363", answers);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal((HttpStatusCode)428, withoutETag.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        var current = await Api.BodyAsync(await client.GetAsync(Api.SubmissionPath("GM0363")));
        Assert.Equal(2, current["version"]!.GetValue<int>());
        Assert.Equal("Collega was eerder.", current["submission"]!["answers"]!["digid.niveau"]!["explanation"]!.GetValue<string>());
        var first = await Api.BodyAsync(await client.GetAsync(Api.SubmissionPath("GM0363") + "/versions/1"));
        Assert.Equal(answers.ToJsonString(), first["submission"]!.ToJsonString());
    }

    [Fact]
    public async Task SubmittingTwiceIsIdempotentAndSubmittedAnswersAreReadOnly()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        var answers = Api.ValidSubmission(server, "GM0363");

        var once = await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit", body: answers);
        var twice = await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit", body: answers);
        var emptyAgain = await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit");

        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, emptyAgain.StatusCode);
        Assert.Equal("\"v1\"", twice.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, (await Api.SaveDraftAsync(client, "GM0363", answers, "\"v1\"")).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonArray>(Api.SubmissionPath("GM0363") + "/versions"))!);
    }

    [Fact]
    public async Task AfterTheDeadlineWritesGet409UnlessAnAnalystReopened()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var answers = Api.ValidSubmission(server, "GM0363");
        await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit", body: answers);

        server.Time.Set(Api.Deadline.AddDays(1));
        var lateDraft = await Api.SaveDraftAsync(server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0599")), "GM0599", Api.ValidSubmission(server, "GM0599"));
        Assert.Equal(HttpStatusCode.Conflict, lateDraft.StatusCode);
        Assert.Contains("deadline", (await Api.BodyAsync(lateDraft))["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        var reopened = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/reopen", body: new JsonObject { ["comment"] = "Graag BAG aanvullen." });
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var changed = answers.DeepClone().AsObject();
        changed["answers"]!["bag.niveau"]!["explanation"] = "Aangevuld na heropening.";
        var afterReopen = await Api.SaveDraftAsync(client, "GM0363", changed, reopened.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, afterReopen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit", afterReopen.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Api.SaveDraftAsync(client, "GM0363", answers, "\"v4\"")).StatusCode);
    }

    [Fact]
    public async Task AnAnalystRejectsWithACommentAndTheMunicipalityResubmits()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var answers = Api.ValidSubmission(server, "GM0363");
        await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit", body: answers);

        var noComment = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/reject");
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        var rejected = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/reject", body: new JsonObject { ["comment"] = "Toelichting DigiD ontbreekt." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("Toelichting DigiD ontbreekt.", (await Api.BodyAsync(rejected))["comment"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/approve")).StatusCode);

        var fixedDraft = await Api.SaveDraftAsync(client, "GM0363", answers, rejected.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, fixedDraft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(client, Api.SubmissionPath("GM0363") + "/submit", fixedDraft.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/approve")).StatusCode);
    }

    [Fact]
    public async Task AClosedCycleAcceptsNoWrites()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/close")).StatusCode);
        var response = await Api.SaveDraftAsync(client, "GM0363", Api.ValidSubmission(server, "GM0363"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await Api.SnapshotAsync(server));
    }

    [Fact]
    public async Task ScoresAndTheQuestionnaireAreServed()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        await Api.SaveDraftAsync(client, "GM0363", Api.ValidSubmission(server, "GM0363"));

        var scores = await client.GetFromJsonAsync<JsonObject>(Api.SubmissionPath("GM0363") + "/scores");
        var questionnaire = await client.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}/questionnaire");

        Assert.InRange(scores!["index"]!.GetValue<decimal>(), 0m, 100m);
        Assert.Equal(100m, scores["completeness"]!.GetValue<decimal>());
        Assert.Equal(36, scores["blocks"]!.AsArray().Count);
        Assert.Equal(8, questionnaire!["domains"]!.AsArray().Count);
        Assert.Equal(5, questionnaire["domains"]![0]!["blocks"]![0]!["levels"]!.AsArray().Count);
    }

    [Fact]
    public async Task InjectionStringsAreStoredAsPlainText()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var client = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        string[] hostile =
        [
            "' or PartitionKey ne '' or '",
            "<script>alert('x')</script><img src=x onerror=alert(1)>",
            "'; DROP TABLE Submissions; --",
            "$filter=RowKey gt '' &$top=1000",
        ];
        var answers = Api.ValidSubmission(server, "GM0363");
        var questions = answers["answers"]!.AsObject().Select(p => p.Key).Take(hostile.Length).ToList();
        for (var i = 0; i < hostile.Length; i++)
        {
            answers["answers"]![questions[i]]!["explanation"] = hostile[i];
        }

        Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(client, "GM0363", answers)).StatusCode);
        var stored = await Api.BodyAsync(await client.GetAsync(Api.SubmissionPath("GM0363")));
        var list = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}/submissions?province=' or 1 eq 1 or '");

        for (var i = 0; i < hostile.Length; i++)
        {
            Assert.Equal(hostile[i], stored["submission"]!["answers"]![questions[i]]!["explanation"]!.GetValue<string>());
        }

        Assert.Empty(list!["items"]!.AsArray());
    }
}
