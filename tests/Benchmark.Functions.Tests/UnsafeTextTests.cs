using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>
/// Control characters, bidirectional overrides and noncharacters are refused in every free text the API accepts, with
/// a pointer to the field, before anything is written; tab, CR and LF stay allowed.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class UnsafeTextTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task ADraftWithEscNulAndARightToLeftOverrideInAnExplanationAReasonAndAPracticeNoteIsRefusedAtEachAndNothingIsStored()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var own = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        var questionnaire = server.Service<QuestionnaireCatalog>().ForCycle(Api.Cycle)!;
        var body = Api.ValidSubmission(server, "GM0363");
        var answers = body["answers"]!.AsObject();
        var explained = answers.First(a => a.Value!["explanation"] is not null).Key;
        var notApplicable = questionnaire.Questions.First(q => q.NotApplicableAllowed && q.Id != explained).Id;
        var level = questionnaire.Questions.First(q => q.Type == Core.Model.QuestionType.Level && q.Id != explained && q.Id != notApplicable).Id;
        answers[explained]!["explanation"] = "Zie bijlage.\r\n\u001B[2J\u001B]0;weg\u0007";
        answers[notApplicable] = new JsonObject { ["notApplicable"] = true, ["reason"] = "Geen\0 eigen loket" };
        answers[level]!["practiceNote"] = new JsonObject { ["text"] = "Werkt \u202Eesrever\u202C goed.", ["contactRole"] = "CISO" };
        var before = await Api.SnapshotAsync(server);

        var response = await Api.SaveDraftAsync(own, "GM0363", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Api.BodyAsync(response))["errors"]!.AsArray().ToDictionary(e => e!["pointer"]!.GetValue<string>(), e => e!["detail"]!.GetValue<string>());
        Assert.Equal(
            new[] { $"/answers/{explained}/explanation", $"/answers/{level}/practiceNote/text", $"/answers/{notApplicable}/reason" }.Order(StringComparer.Ordinal),
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("contains a control character (U+001B) at position 15", errors[$"/answers/{explained}/explanation"], StringComparison.Ordinal);
        Assert.StartsWith("contains a control character (U+0000)", errors[$"/answers/{notApplicable}/reason"], StringComparison.Ordinal);
        Assert.StartsWith("contains a bidirectional formatting character (U+202E)", errors[$"/answers/{level}/practiceNote/text"], StringComparison.Ordinal);
        Assert.Equal(before, await Api.SnapshotAsync(server));
    }

    [Fact]
    public async Task ARejectionCommentAFlagDismissalANoteEditAGroupLabelAndAKeyLabelWithControlCharactersAreRefusedAndChangeNothing()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        await Api.ImportRegisterWithAsync(server, "GM0363");
        using var own = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var answers = Api.ValidSubmission(server, "GM0363");
        foreach (var (_, answer) in answers["answers"]!.AsObject().Where(a => a.Value!["explanation"] is not null).ToList())
        {
            answer!["explanation"] = "Zie toelichting bij de vorige vraag.";
        }

        answers["answers"]!["digid.niveau"]!["practiceNote"] = new JsonObject { ["text"] = "Samen met de buurgemeenten ingekocht.", ["contactRole"] = "informatiemanager" };
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(own, Api.SubmissionPath("GM0363") + "/submit", body: answers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark?includeSubmitted=true")).StatusCode);
        var flag = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/flags"))!.First()!["id"]!.GetValue<string>();
        var members = (await server.Service<RegisterStore>().GetAsync(Api.Cycle))!.Municipalities.Where((_, i) => i % 7 == 0).Take(12).Select(m => (JsonNode)m.Code!).ToArray();
        var submissionsBefore = await Api.SnapshotAsync(server);

        var reject = await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/reject", body: new JsonObject { ["comment"] = "Klopt niet \u001B[31mrood" });
        var dismiss = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/flags/{flag}/dismiss", body: new JsonObject { ["comment"] = "Nagebeld \u202Ekeo" });
        using var curate = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cycles/{Api.Cycle}/practice-notes/GM0363/digid.niveau") { Content = Api.Json(new JsonObject { ["status"] = "approved", ["text"] = "Ingekocht\0." }) };
        var curated = await analyst.SendAsync(curate);
        using var group = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cycles/{Api.Cycle}/groups/pilot") { Content = Api.Json(new JsonObject { ["label"] = "Pilot \u2066rijbewijzen\u2069", ["members"] = new JsonArray(members) }) };
        var grouped = await analyst.SendAsync(group);
        var keyLabel = (await server.Service<KeyService>().CreateAsync("test", new CreateKey(Role.Analyst, null, "analist\u009B2J"))).Refusal;

        foreach (var (response, pointer) in new[] { (reject, "/comment"), (dismiss, "/comment"), (curated, "/text"), (grouped, "/label") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([pointer], Api.ErrorPointers(await Api.BodyAsync(response)));
        }

        Assert.Equal(KeyRefusals.InvalidLabel, keyLabel?.Code);
        Assert.StartsWith("The label contains a control character (U+009B)", keyLabel?.Detail, StringComparison.Ordinal);
        Assert.Equal(submissionsBefore, await Api.SnapshotAsync(server));
        var curation = server.Service<CurationStore>();
        Assert.DoesNotContain(await curation.FlagsAsync(Api.Cycle), f => f.Dismissed);
        var notes = await curation.NotesAsync(Api.Cycle);
        Assert.Equal(NoteStatus.Pending, Assert.Single(notes, n => n.QuestionId == "digid.niveau").Status);
        Assert.All(notes, n => Assert.Equal((NoteStatus.Pending, null), (n.Status, n.EditedText)));
        Assert.Empty(await curation.GroupsAsync(Api.Cycle));
        Assert.DoesNotContain(await server.Service<KeyStore>().ListAsync(), k => k.Label.StartsWith("analist", StringComparison.Ordinal));
    }
}
