using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>Issue 4's acceptance on the demo data: compute, learn-from, and consent respected in every output.</summary>
[Collection(AzuriteTests.Name)]
public sealed class BenchmarkAcceptanceTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task OnTheDemoDataComputeFinishesLearnFromNamesLeadersWithNotesAndNoOneWithoutConsentIsNamed()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "100000" });
        var catalog = server.Service<QuestionnaireCatalog>();
        var data = DemoGenerator.Generate(catalog, 1, [2024, 2025, 2026]);
        await new DemoLoader(server.Service<RegisterStore>(), server.Service<CycleStore>(), server.Service<SubmissionStore>(), server.Service<CurationService>(), TimeProvider.System)
            .LoadAsync(data, new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        string[] storage = ["--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix];

        // The plain run counts approved submissions only, and already names leaders with their practice notes.
        var approvedOnly = await Api.Cli(["compute", "--cycle", "2026", .. storage]);
        Assert.True(approvedOnly.ExitCode == 0, approvedOnly.Error);
        Assert.Contains("approved submissions benchmarked", approvedOnly.Output, StringComparison.Ordinal);
        var approvedCodes = (await server.Service<SubmissionStore>().ListAsync(2026)).Where(r => r.Status == SubmissionStatus.Approved).Select(r => r.Municipality).Order(StringComparer.Ordinal).ToList();
        var plainAdvice = new List<string>();
        foreach (var code in approvedCodes.Take(15))
        {
            plainAdvice.Add((await Api.Cli(["learn-from", code, "--cycle", "2026", .. storage])).Output);
        }

        Assert.Contains(plainAdvice, a => a.Contains("   - ", StringComparison.Ordinal) && a.Contains("Wat werkte:", StringComparison.Ordinal));

        var compute = await Api.Cli(["compute", "--cycle", "2026", "--include-submitted", .. storage]);
        Assert.True(compute.ExitCode == 0, compute.Error);
        Assert.Contains("approved or submitted submissions benchmarked", compute.Output, StringComparison.Ordinal);

        var records = await server.Service<SubmissionStore>().ListAsync(2026);
        var approved = records.Where(r => r.Status is SubmissionStatus.Approved or SubmissionStatus.Submitted).Select(r => r.Municipality).Order(StringComparer.Ordinal).ToList();
        var register = data.RegisterFor(2026);
        var withheld = records.Where(r => !r.Submission.ConsentToBeNamed).Select(r => register.Find(r.Municipality)!).ToList();
        Assert.NotEmpty(withheld);

        // Every output a reader other than the municipality itself can see.
        var outputs = new List<(string Owner, string Text)>();
        foreach (var code in approved)
        {
            var advice = await Api.Cli(["learn-from", code, "--cycle", "2026", .. storage]);
            Assert.True(advice.ExitCode == 0, advice.Error);
            outputs.Add((code, advice.Output));
        }

        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        outputs.Add(("", await analyst.GetStringAsync($"/api/v1/cycles/2026/benchmark/national")));
        outputs.Add(("", await analyst.GetStringAsync($"/api/v1/cycles/2026/benchmark/groups")));
        foreach (var code in approved)
        {
            outputs.Add((code, await analyst.GetStringAsync(Api.SubmissionPath(code) + "/learn-from")));
            outputs.Add((code, await analyst.GetStringAsync(Api.SubmissionPath(code) + "/position")));
        }

        Assert.Contains(outputs, o => o.Text.Contains("Wat werkte:", StringComparison.Ordinal));

        // What a municipality sees of its groups is never exact: no minimum or maximum, values with at most one decimal.
        foreach (var code in approved.Take(20))
        {
            var groups = (await analyst.GetFromJsonAsync<JsonObject>(Api.SubmissionPath(code) + "/position"))!["groups"]!.AsArray();
            foreach (var statistics in groups.SelectMany(g => g!["measures"]!.AsObject().Select(m => m.Value!.AsObject())))
            {
                Assert.DoesNotContain(statistics, p => p.Key is "min" or "max");
                Assert.All(statistics.Where(p => p.Key != "n" && p.Value is JsonValue v && v.TryGetValue<decimal>(out _)), p => Assert.Equal(decimal.Round(p.Value!.GetValue<decimal>(), 1), p.Value!.GetValue<decimal>()));
            }
        }

        // Trends run through the earlier cycles (questionnaire 2024) and, for the merged municipalities, their predecessors.
        var merged = register.Municipalities.First(m => m.Predecessors.Count > 0 && approved.Contains(m.Code));
        var trend = (await analyst.GetFromJsonAsync<JsonObject>(Api.SubmissionPath(merged.Code) + "/position"))!["trends"]!["index"]!.AsArray();
        Assert.Equal([2024, 2025, 2026], trend.Select(p => p!["cycle"]!.GetValue<int>()));
        Assert.Equal("predecessors", trend[0]!["source"]!.GetValue<string>());
        Assert.Equal("own", trend[2]!["source"]!.GetValue<string>());
        Assert.Contains(outputs, o => o.Text.Contains("   - ", StringComparison.Ordinal) && o.Text.Contains(", niveau ", StringComparison.Ordinal));
        foreach (var municipality in withheld)
        {
            var naming = outputs.Where(o => o.Owner != municipality.Code && o.Text.Contains(municipality.Name, StringComparison.Ordinal)).Select(o => o.Owner).ToList();
            Assert.True(naming.Count == 0, $"{municipality.Name} ({municipality.Code}) did not consent but is named in the output for {string.Join(", ", naming)}");
        }
    }

    [Fact]
    public async Task AMunicipalityReadsItsOwnPositionAndAdviceButNotAnothersAndSmallGroupsShowNoStatistics()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        await Api.ImportRegisterWithAsync(server, "GM0363", "GM0518");
        using var own = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var other = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0518"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        await Api.PostAsync(own, Api.SubmissionPath("GM0363") + "/submit", body: Api.ValidSubmission(server, "GM0363"));
        await Api.PostAsync(analyst, Api.SubmissionPath("GM0363") + "/approve");
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync(Api.SubmissionPath("GM0363") + "/position")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark")).StatusCode);
        var position = await own.GetFromJsonAsync<JsonObject>(Api.SubmissionPath("GM0363") + "/position");

        // Only GM0363 is approved: every group has one member, so every statistic and rank is withheld, with the reason.
        Assert.All(position!["groups"]!.AsArray(), g => Assert.All(g!["measures"]!.AsObject(), m =>
        {
            Assert.Null(m.Value!["mean"]);
            Assert.Contains("fewer than 5", m.Value["withheldReason"]!.GetValue<string>(), StringComparison.Ordinal);
        }));
        Assert.All(position["groups"]!.AsArray(), g => Assert.Null(g!["members"]));
        Assert.All(position["position"]!["positions"]!.AsArray(), p => Assert.All(p!["percentileRanks"]!.AsObject(), r => Assert.Null(r.Value)));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Api.SubmissionPath("GM0363") + "/position")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Api.SubmissionPath("GM0363") + "/learn-from")).StatusCode);
    }

    [Fact]
    public async Task AnalystsDismissFlagsAndCurateNotesAndBothAreAudited()
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
        await Api.PostAsync(own, Api.SubmissionPath("GM0363") + "/submit", body: answers);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark?includeSubmitted=true")).StatusCode);

        var flags = await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/flags");
        var copied = flags!.First(f => f!["flag"]!["rule"]!.GetValue<string>() == "explanationsEmptyOrCopied")!;
        var id = copied["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/flags/{id}/dismiss", body: new JsonObject())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/flags/{id}/dismiss", body: new JsonObject { ["comment"] = "Nagebeld: de toelichting staat in het bijgevoegde rapport." })).StatusCode);

        var notes = await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/practice-notes");
        Assert.Equal("pending", Assert.Single(notes!)!["status"]!.GetValue<string>());
        using var curate = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cycles/{Api.Cycle}/practice-notes/GM0363/digid.niveau") { Content = Api.Json(new JsonObject { ["status"] = "approved", ["text"] = "Samen met twee buurgemeenten ingekocht: één implementatie." }) };
        var curated = await analyst.SendAsync(curate);
        Assert.Equal(HttpStatusCode.OK, curated.StatusCode);

        // Recomputing keeps the dismissal and the curation.
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark?includeSubmitted=true")).StatusCode);
        var after = await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/flags");
        Assert.True(after!.Single(f => f!["id"]!.GetValue<string>() == id)!["dismissed"]!.GetValue<bool>());
        var note = Assert.Single((await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/practice-notes"))!)!;
        Assert.Equal("approved", note["status"]!.GetValue<string>());
        Assert.Equal("Samen met twee buurgemeenten ingekocht: één implementatie.", note["text"]!.GetValue<string>());
        var audit = await server.Service<AuditStore>().ListAsync("flags");
        Assert.Contains(audit, e => e.Action == "flag-dismissed" && e.Detail!.StartsWith("Nagebeld", StringComparison.Ordinal));
        Assert.Contains(await server.Service<AuditStore>().ListAsync("notes"), e => e.Action == "note-approved");
    }

    [Fact]
    public async Task ACustomGroupMustHaveFiveToFourHundredKnownMembersAndNotNearlyEqualAnotherGroup()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        await Api.ImportRegisterWithAsync(server);
        var register = (await server.Service<RegisterStore>().GetAsync(Api.Cycle))!;
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        async Task<HttpResponseMessage> Put(string id, params string[] members)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cycles/{Api.Cycle}/groups/{id}") { Content = Api.Json(new JsonObject { ["label"] = "Pilot rijbewijzen", ["members"] = new JsonArray(members.Select(m => (JsonNode)m!).ToArray()) }) };
            return await analyst.SendAsync(request);
        }

        var codes = register.Municipalities.Select(m => m.Code).ToList();
        var province = register.Municipalities.GroupBy(m => m.Province).OrderBy(g => g.Count()).First(g => g.Count() >= 8).Select(m => m.Code).ToList();

        var tooSmall = await Put("pilot", codes.Take(4).ToArray());
        var unknown = await Put("pilot", [.. codes.Take(5), "GM0001"]);
        var nearlyAProvince = await Put("pilot", province.Skip(1).ToArray());
        var fine = await Put("pilot", codes.Where((_, i) => i % 7 == 0).Take(12).ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.StatusCode);
        Assert.Contains("/members/5", Api.ErrorPointers(await Api.BodyAsync(unknown)));
        Assert.Equal(HttpStatusCode.BadRequest, nearlyAProvince.StatusCode);
        Assert.Contains("fewer than 5 municipalities", (await Api.BodyAsync(nearlyAProvince))["errors"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Single(await server.Service<CurationStore>().GroupsAsync(Api.Cycle));
    }

    [Fact]
    public async Task TwoFlagsOnOneBlockAreBothKept()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var first = new Benchmark.Core.Benchmarking.PlausibilityFlag(Benchmark.Core.Benchmarking.FlagRule.PrerequisiteGap, "GM0363", 2026, "dienstenrichtlijn", new("Dienstenrichtlijn staat op niveau 4, terwijl Ondernemersplein, waarop het voortbouwt, pas op niveau 2 staat.", "Dienstenrichtlijn is at level 4 while its prerequisite Ondernemersplein is only at level 2."));
        var second = first with { Message = new("Dienstenrichtlijn staat op niveau 4, terwijl eHerkenning, waarop het voortbouwt, pas op niveau 1 staat.", "Dienstenrichtlijn is at level 4 while its prerequisite eHerkenning is only at level 1.") };

        await server.Service<CurationStore>().ReplaceFlagsAsync(2026, [StoredFlag.Raised(2026, first), StoredFlag.Raised(2026, second)]);

        var stored = await server.Service<CurationStore>().FlagsAsync(2026);
        Assert.Equal(2, stored.Count);
        Assert.Equal([first.Message, second.Message], stored.OrderBy(f => f.Flag.Message.En.Contains("eHerkenning", StringComparison.Ordinal)).Select(f => f.Flag.Message));
    }

    [Fact]
    public async Task AFlagStoredBeforeFlagsHadADutchTextReadsInEnglishUntilTheNextRun()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        const string english = "MijnOverheid is at level 5 while its prerequisite DigiD is only at level 2.";
        await server.Service<BenchmarkTables>().Flags.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("2025", "GM0363_PrerequisiteGap_mijnoverheid_0123456789")
        {
            ["Rule"] = "PrerequisiteGap", ["Municipality"] = "GM0363", ["BlockId"] = "mijnoverheid", ["Message"] = english, ["Dismissed"] = false,
        });

        var flag = Assert.Single(await server.Service<CurationStore>().FlagsAsync(2025), f => f.Flag.Municipality == "GM0363");

        Assert.Equal(new Benchmark.Core.Model.LocalizedText(english, english), flag.Flag.Message);
    }
}
