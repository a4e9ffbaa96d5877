using System.Net;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// Issue 15 on the pages: in a round on the 2027 questionnaire a municipality sees per block what it rests on and gives
/// evidence with a level of 4 or 5; the analyst sees the evidence on review, or that it is missing.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class EvidenceAndSourcesTests(AzuriteFixture fixture)
{
    private const int Year = 2027;
    private const string Municipality = "GM9901";

    [Fact]
    public async Task InA2027RoundTheMunicipalityGivesEvidenceWithItsLevelAndSeesTheSourcesAndTheAnalystReadsTheEvidence()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "100000" }, new DateTimeOffset(2027, 9, 1, 10, 0, 0, TimeSpan.Zero));
        var catalog = server.Service<QuestionnaireCatalog>();
        var questionnaire = catalog.ForCycle(Year)!;
        var model = catalog.ModelOf(questionnaire);
        Assert.Equal("2027", questionnaire.Version);
        await server.Service<RegisterStore>().ImportAsync(new MunicipalityRegister(Year, [new Municipality(Municipality, "Testgemeente", "Testgemeente", "Utrecht", 30_000, [], [])]));
        await Api.OpenCycleAsync(server, Year, new DateTimeOffset(2027, 12, 31, 22, 59, 0, TimeSpan.Zero));

        var domain = model.Domains[0];
        var block = questionnaire.BlocksById[model.BlocksIn(domain.Id).First(b => questionnaire.BlocksById.ContainsKey(b.Id)).Id];
        var level = block.LevelQuestion;
        using var page = await WebClient.SignedInAsync(server.Address, await server.CreateKeyAsync(Role.Municipality, Municipality));
        var url = $"/gemeente/{Year}/vragenlijst/{domain.Id}";
        var form = await page.GetStringAsync(url);

        // What the block rests on, with its links, and a field for evidence with the level question.
        Assert.Contains("Waarop deze bouwsteen rust", form, StringComparison.Ordinal);
        Assert.All(model.BlocksById[block.BlockId].Sources, s => Assert.Contains($"href=\"{s.Url}\"", form, StringComparison.Ordinal));
        Assert.Contains($"name=\"{QuestionnaireFields.Evidence(level)}\"", form, StringComparison.Ordinal);

        using var saved = await page.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__bm_af"] = WebClient.AntiforgeryToken(form),
            [QuestionnaireFields.Version] = "0",
            [QuestionnaireFields.Value(level)] = "4",
            [QuestionnaireFields.Explanation(level)] = "Zo staat het ervoor bij ons.",
            [QuestionnaireFields.Evidence(level)] = "https://www.testgemeente.example/verantwoording",
        }));
        Assert.True(saved.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"saving answered {(int)saved.StatusCode}");
        var stored = (await server.Service<SubmissionStore>().GetAsync(Year, Municipality))!.Record.Submission;
        Assert.Equal(new LevelValue(4), stored.AnswerTo(level.Id)!.Value);
        Assert.Equal("https://www.testgemeente.example/verantwoording", stored.AnswerTo(level.Id)!.Evidence);
        Assert.Contains("value=\"https://www.testgemeente.example/verantwoording\"", await page.GetStringAsync(url), StringComparison.Ordinal);

        // Through the API the evidence is part of the answer, and a level 4 without it is saved but flagged on review.
        using var api = server.Client(await server.CreateKeyAsync(Role.Analyst));
        Assert.Contains("\"evidence\":\"https://www.testgemeente.example/verantwoording\"", await api.GetStringAsync(Api.SubmissionPath(Municipality, Year)), StringComparison.Ordinal);
        using var analyst = await WebClient.SignedInAsync(server.Address, await server.CreateKeyAsync(Role.Analyst));
        var review = await analyst.GetStringAsync($"/analist/{Year}/inzendingen/{Municipality}");
        Assert.Contains("https://www.testgemeente.example/verantwoording", review, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://www.testgemeente.example/verantwoording\"", review, StringComparison.Ordinal);

        var withoutEvidence = stored with
        {
            Answers = stored.Answers.ToDictionary(a => a.Key, a => a.Key == level.Id ? a.Value with { Evidence = null } : a.Value, StringComparer.Ordinal),
        };
        var flags = Core.Benchmarking.PlausibilityRules.Check(model, questionnaire, withoutEvidence, Core.Scoring.ScoringEngine.Score(model, questionnaire, withoutEvidence), null, []);
        Assert.Contains(flags, f => f.Rule == Core.Benchmarking.FlagRule.LevelWithoutEvidence && f.BlockId == block.BlockId);
    }

    [Fact]
    public async Task ADemoRoundOnThe2027QuestionnaireGivesEvidenceWithMostHighLevels()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var catalog = server.Service<QuestionnaireCatalog>();
        var data = DemoGenerator.Generate(catalog, 1, [2026, Year]);
        var high = data.Submissions.Where(s => s.Cycle == Year)
            .SelectMany(s => catalog.ForCycle(Year)!.Blocks.Select(b => s.AnswerTo(b.LevelQuestion.Id)))
            .Where(a => a?.Value is LevelValue { Level: >= 4 })
            .ToList();

        Assert.NotEmpty(high);
        var share = high.Count(a => a!.Evidence is not null) / (double)high.Count;
        Assert.InRange(share, 0.6, 0.99);
    }
}
