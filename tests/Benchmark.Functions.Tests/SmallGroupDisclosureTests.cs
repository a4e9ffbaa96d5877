using System.Text.Json;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Reports;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Endpoints;
using Benchmark.Reports;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>
/// Issue 14's acceptance: in groups of exactly the threshold size, a reader who knows their own value learns nothing about
/// one non-consenting peer's value from anything they can get. Who can get what (docs/benchmarking.md, "Who sees what"):
/// a municipality and its council the position and learn-from responses, the council report (PDF and HTML twin) and the
/// national report; analysts also the groups and national endpoints and the analyst pages, which show full figures
/// because analysts review every submission (their roles are checked by <see cref="AuthorizationMatrixTests"/>).
/// </summary>
public sealed class SmallGroupDisclosureTests
{
    private const string Block = "woz";
    private const int Cycle = 2026;
    private static readonly DateOnly DataDate = new(2026, 11, 1);
    private static readonly Lazy<QuestionnaireCatalog> Catalog = new(() => QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires")));
    private static readonly ReportRenderer Renderer = new();

    [Fact]
    public void InGroupsOfExactlyTheThresholdSizeNoOutputAMemberOrCouncilCanGetChangesWhenANonConsentingPeersValueChanges()
    {
        // Five municipalities in one size class and one province: every group they are in has exactly the minimum size.
        // Only the first consents to be named; the top one is a leader that did not consent. No value lies near a level
        // boundary, so a shift of 0.01 changes no staged level and no one's order.
        decimal[] scores = [2.13m, 2.87m, 3.41m, 4.06m, 4.72m];
        Assert.Equal(Disclosure.MinimumGroupSize, scores.Length);
        const decimal delta = 0.01m;
        var checkedWorlds = 0;
        for (var reader = 0; reader < scores.Length; reader++)
        {
            for (var peer = 1; peer < scores.Length; peer++)
            {
                if (peer == reader)
                {
                    continue;
                }

                // The other world: the peer's value moved, and moved back by another non-consenting member so that the sum
                // (which a published mean of five gives away, by design) is the same; only one peer's value is then at stake.
                var other = Enumerable.Range(1, scores.Length - 1).First(i => i != reader && i != peer);
                var shifted = scores.ToArray();
                shifted[peer] += delta;
                shifted[other] -= delta;

                var before = Outputs(scores, reader);
                var after = Outputs(shifted, reader);

                // The analyst-only figures do tell the worlds apart, so an unprotected figure in a reader's output would be caught.
                Assert.NotEqual(before.AnalystOnly, after.AnalystOnly);
                Assert.Equal(before.PositionResponse, after.PositionResponse);
                Assert.Equal(before.LearnFromResponse, after.LearnFromResponse);
                Assert.Equal(before.CouncilHtml, after.CouncilHtml);
                Assert.Equal(before.NationalReport, after.NationalReport);
                Assert.Equal(before.NationalHtml, after.NationalHtml);
                checkedWorlds++;
            }
        }

        // Every reader against every non-consenting peer other than themselves.
        Assert.Equal(scores.Length * (scores.Length - 1) - (scores.Length - 1), checkedWorlds);
    }

    [Fact]
    public void TheNationalReportShowsNoMinimumOrMaximumAndDoesNotCountAnonymousLeadersOfASmallGroup()
    {
        decimal[] scores = [2.13m, 2.87m, 3.41m, 4.06m, 4.72m];
        var input = Round(scores);
        var benchmark = BenchmarkEngine.Compute(input);
        var view = NationalPicture.Build(input, benchmark);
        Assert.Contains(view.LeadersByBlock[Block], l => !l.IsNamed);

        foreach (var language in new[] { Language.Dutch, Language.English })
        {
            var report = NationalReportBuilder.Build(input.Model, view, DataDate, language);
            var box = report.BoxPlots.SelectMany(b => b.Boxes).Single(b => b.Label == input.Model.Blocks.Single(x => x.Id == Block).Name.In(language));
            Assert.Equal(scores.Length, box.N);
            Assert.Equal((null, null, null, null, null), (box.P10, box.P25, box.Median, box.P75, box.P90));
            var html = Renderer.NationalHtml(report);
            Assert.All(scores, s => Assert.DoesNotContain(Numbers.Format(s, 2, language), html, StringComparison.Ordinal));
            var leaders = report.Leaders.Rows.Single(r => r[0] == input.Model.Blocks.Single(x => x.Id == Block).Name.In(language));
            Assert.Equal("–", leaders[2]);
        }
    }

    private sealed record ReaderOutputs(string PositionResponse, string LearnFromResponse, string CouncilHtml, string NationalReport, string NationalHtml, string AnalystOnly);

    /// <summary>What the reader can get, built as the API and the report batch build it; and, for contrast, what only analysts see.</summary>
    private static ReaderOutputs Outputs(IReadOnlyList<decimal> scores, int reader)
    {
        var input = Round(scores);
        var benchmark = BenchmarkEngine.Compute(input);
        var participant = input.Participants[reader];
        var code = participant.Municipality.Code;
        var position = benchmark.PositionOf(code)!;
        var groups = benchmark.Groups.Where(g => position.Groups.Contains(g.Group.Id)).Select(PublicGroup.From).ToList();
        var advice = LearnFrom.For(input, benchmark, code);
        var trends = new MunicipalityTrends(Trends.ForIndex(code, [], input.Register), input.Model.Blocks.ToDictionary(b => b.Id, b => Trends.ForBlock(code, b.Id, [], input.Register), StringComparer.Ordinal));
        var view = NationalPicture.Build(input, benchmark);
        var report = new CouncilReportInput(input.Model, participant.Municipality, participant.Card, position, groups, advice, [], [], Cycle, DataDate);
        var languages = new[] { Language.Dutch, Language.English };
        var nationalReports = languages.Select(l => NationalReportBuilder.Build(input.Model, view, DataDate, l)).ToList();
        return new ReaderOutputs(
            JsonSerializer.Serialize(new BenchmarkEndpoints.MunicipalityPositionResponse(position, groups, trends)),
            JsonSerializer.Serialize(advice),
            string.Join("\n", languages.Select(l => Renderer.CouncilHtml(CouncilReportBuilder.Build(report, l)))),
            JsonSerializer.Serialize(nationalReports),
            string.Join("\n", nationalReports.Select(Renderer.NationalHtml)),
            JsonSerializer.Serialize(new object[] { benchmark.Groups, view }));
    }

    /// <summary>
    /// Municipalities of one size class and province whose only difference is their WOZ score: every other block scores
    /// 3.00 for everyone, so the WOZ block is the only thing a reader could learn about others. Only the first consents.
    /// </summary>
    private static BenchmarkInput Round(IReadOnlyList<decimal> wozScores)
    {
        var model = Catalog.Value.ModelForCycle(2026);
        var municipalities = wozScores.Select((_, i) => new Municipality($"GM9{i + 1:000}", $"Gemeente {i + 1}", $"Gemeente {i + 1}", "Utrecht", 30_000 + i, [], [])).ToList();
        var register = new MunicipalityRegister(Cycle, municipalities);
        var participants = municipalities.Select((m, i) =>
        {
            var blocks = model.Blocks.Select(b =>
            {
                var score = b.Id == Block ? wozScores[i] : 3.00m;
                var level = (int)Math.Floor(score);
                return new BlockScore(b.Id, b.DomainId, ScoreStatus.Scored, score, level, level, [], 100m, null, null, null, []);
            }).ToList();
            var domains = model.Domains.Select(d => new DomainScore(d.Id, ScoreStatus.Scored, 3.00m, 1m, model.BlocksIn(d.Id).Count(), 0, 0)).ToList();
            var card = new ScoreCard(m.Code, Cycle, "2026", 50m, 3m, 100m, 1, 1, domains, blocks);
            var submission = new Submission(m.Code, Cycle, "2026", i == 0, new Dictionary<string, Answer>(), new Dictionary<string, int>());
            return new Participant(m, submission, card, SubmissionStatus.Approved, Complete: true);
        }).ToList();
        return new BenchmarkInput(Cycle, model, register, participants, [], []);
    }
}
