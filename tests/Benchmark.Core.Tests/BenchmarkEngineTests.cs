using System.Text.Json;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

public sealed class BenchmarkEngineTests
{
    private static readonly Lazy<BenchmarkInput> Demo = new(() => DemoInput(seed: 1, cycle: 2026));

    /// <summary>The demo's latest cycle with every submission approved, and practice notes approved for all consenting leaders.</summary>
    internal static BenchmarkInput DemoInput(int seed, int cycle)
    {
        var catalog = TestData.Real;
        var data = DemoGenerator.Generate(catalog, seed, [2024, 2025, 2026]);
        var register = data.RegisterFor(cycle);
        var participants = data.Submissions.Where(s => s.Cycle == cycle)
            .Select(s => new Participant(register.Find(s.Municipality)!, s, ScoringEngine.Score(catalog.ModelForCycle(2026), catalog.Version(s.QuestionnaireVersion)!, s), SubmissionStatus.Approved, Complete: true))
            .ToList();
        var notes = data.Submissions.Where(s => s.Cycle == cycle)
            .SelectMany(s => s.Answers.Where(a => a.Value.PracticeNote is not null)
                .Select(a => new ApprovedNote(s.Municipality, catalog.Version(s.QuestionnaireVersion)!.QuestionsById[a.Key].BlockId, a.Value.PracticeNote!.Text, a.Value.PracticeNote.ContactRole)))
            .ToList();
        return new BenchmarkInput(cycle, catalog.ModelForCycle(2026), register, participants, [new CustomGroup("drie", "Drie gemeenten", register.Municipalities.Take(3).Select(m => m.Code).ToList())], notes);
    }

    [Fact]
    public void EveryGroupSmallerThanFiveIsWithheldEverywhere()
    {
        var benchmark = BenchmarkEngine.Compute(Demo.Value);
        var small = benchmark.Groups.Where(g => g.Group.Members.Count(m => Demo.Value.Participants.Any(p => p.Municipality.Code == m)) < GroupStatistics.MinimumGroupSize).ToList();

        Assert.NotEmpty(small);
        Assert.All(small.SelectMany(g => g.Measures), m => Assert.True(m.Statistics.IsWithheld));
        Assert.All(small.SelectMany(g => g.Measures), m => Assert.Contains("fewer than 5", m.Statistics.WithheldReason!, StringComparison.Ordinal));
        var smallIds = small.Select(g => g.Group.Id).ToHashSet();
        Assert.All(benchmark.Positions.SelectMany(p => p.Positions).SelectMany(p => p.PercentileRanks).Where(r => smallIds.Contains(r.Key)), r => Assert.Null(r.Value));
        Assert.False(benchmark.Group("all").Of(BenchmarkEngine.Index).IsWithheld);
    }

    [Fact]
    public void OnlyApprovedSubmissionsCountUnlessSubmittedOnesAreIncluded()
    {
        var input = Demo.Value;
        var mixed = input with { Participants = input.Participants.Select((p, i) => i % 3 == 0 ? p with { Status = SubmissionStatus.Submitted } : i % 3 == 1 ? p with { Status = SubmissionStatus.Draft } : p).ToList() };

        var approvedOnly = BenchmarkEngine.Compute(mixed);
        var withSubmitted = BenchmarkEngine.Compute(mixed with { IncludeSubmitted = true });

        Assert.Equal(input.Participants.Count / 3, approvedOnly.Participants, 1.0);
        Assert.Equal(approvedOnly.Participants + mixed.Participants.Count(p => p.Status == SubmissionStatus.Submitted), withSubmitted.Participants);
    }

    [Fact]
    public void TheSameInputGivesTheSameResultsInTheSameOrder()
    {
        var first = JsonSerializer.Serialize(BenchmarkEngine.Compute(Demo.Value));
        var reversed = Demo.Value with { Participants = Demo.Value.Participants.Reverse().ToList() };

        Assert.Equal(first, JsonSerializer.Serialize(BenchmarkEngine.Compute(Demo.Value)));
        Assert.Equal(first, JsonSerializer.Serialize(BenchmarkEngine.Compute(reversed)));
    }

    [Fact]
    public void LeadersAreAtLevelFourOrMoreInTheTopDecileCountingTiesAndNamedOnlyWithConsent()
    {
        var input = Demo.Value;
        var benchmark = BenchmarkEngine.Compute(input);
        var leaders = benchmark.LeadersByBlock.SelectMany(l => l.Value).ToList();

        Assert.Contains(leaders, l => l.IsNamed);
        Assert.Contains(leaders, l => !l.IsNamed);
        foreach (var (blockId, list) in benchmark.LeadersByBlock)
        {
            var scores = input.Participants.Select(p => p.Card.Block(blockId)).Where(b => b.Status == ScoreStatus.Scored).Select(b => b.Score!.Value).Order().ToList();
            // Fewer than 10 % ahead of every leader (the top score always qualifies, ties included); at most the cap named.
            Assert.True(list.Count(l => l.IsNamed) <= BenchmarkEngine.NamedLeadersAtMost, $"{blockId}: {list.Count(l => l.IsNamed)} named");
            Assert.Equal(list.OrderByDescending(l => l.IsNamed).Select(l => l.IsNamed), list.Select(l => l.IsNamed));
            Assert.All(list, l => Assert.True(scores.Count(s => s > l.Score) < scores.Count * 0.1m));
        }

        foreach (var leader in leaders)
        {
            Assert.True(leader.StagedLevel >= BenchmarkEngine.LeaderMinimumLevel);
            if (leader.IsNamed)
            {
                Assert.True(input.Participants.Single(p => p.Municipality.Code == leader.Municipality).Submission.ConsentToBeNamed);
            }
            else
            {
                Assert.Null(leader.Name);
                Assert.Null(leader.Note);
            }
        }
    }

    [Fact]
    public void AMunicipalityThatWithheldConsentIsNeverNamedInAnyOutput()
    {
        var input = Demo.Value;
        var benchmark = BenchmarkEngine.Compute(input);
        var outputs = new List<string>
        {
            JsonSerializer.Serialize(benchmark.LeadersByBlock),
            JsonSerializer.Serialize(NationalPicture.Build(input, benchmark)),
        };
        outputs.AddRange(benchmark.Positions.Select(p => JsonSerializer.Serialize(LearnFrom.For(input, benchmark, p.Municipality))));
        var everything = string.Join("\n", outputs);
        var withheld = input.Participants.Where(p => !p.Submission.ConsentToBeNamed).ToList();
        var leadingButWithheld = withheld.Where(p => p.Card.Blocks.Any(b => b.StagedLevel >= 4)).ToList();

        Assert.NotEmpty(leadingButWithheld);
        foreach (var participant in withheld)
        {
            Assert.DoesNotContain(JsonSerializer.Serialize(participant.Municipality.Name)[1..^1], everything, StringComparison.Ordinal);
            Assert.DoesNotContain(participant.Municipality.Code, everything.Replace($"\"Municipality\":\"{participant.Municipality.Code}\",\"Cycle\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LearnFromGivesTheThreeLargestWeightedGapsWithUpToThreeConsentingLeadersEach()
    {
        var input = Demo.Value;
        var benchmark = BenchmarkEngine.Compute(input);
        var adviceForAll = benchmark.Positions.Select(p => LearnFrom.For(input, benchmark, p.Municipality)).ToList();

        Assert.Contains(adviceForAll, a => a.Gaps.Any(g => g.LearnFrom.Any(l => l.Note is not null)));
        foreach (var advice in adviceForAll)
        {
            Assert.True(advice.Gaps.Count <= LearnFrom.GapsShown);
            Assert.Equal(advice.Gaps.OrderByDescending(g => g.WeightedGap).Select(g => g.BlockId), advice.Gaps.Select(g => g.BlockId));
            Assert.All(advice.Gaps, g => Assert.True(g.WeightedGap > 0 && g.Reference > g.Score));
            Assert.All(advice.Gaps.SelectMany(g => g.LearnFrom), l => Assert.True(l.IsNamed && l.Municipality != advice.Municipality));
            Assert.All(advice.Gaps, g => Assert.True(g.LearnFrom.Count <= LearnFrom.LeadersPerGap));
        }
    }

    [Fact]
    public void AnOwnTargetIsTheReferenceOfAGapWhenThereIsOne()
    {
        var input = Demo.Value;
        var benchmark = BenchmarkEngine.Compute(input);

        // Whether a target's gap is among the largest shown depends on the other gaps: every shown one holds the target.
        var advice = input.Participants
            .Where(p => p.Card.Blocks.Any(b => b.Target is { } t && b.Score < t))
            .Select(p => (Participant: p, Advice: LearnFrom.For(input, benchmark, p.Municipality.Code)))
            .ToList();

        Assert.Contains(advice, a => a.Advice.Gaps.Any(g => g.ReferenceKind == "target"));
        Assert.All(advice, a => Assert.All(a.Advice.Gaps.Where(g => g.ReferenceKind == "target"), g => Assert.Equal(a.Participant.Submission.Targets[g.BlockId], g.Reference)));
        Assert.All(advice, a => Assert.All(a.Advice.Gaps.Where(g => a.Participant.Submission.Targets.ContainsKey(g.BlockId)), g => Assert.Equal("target", g.ReferenceKind)));
    }

    [Fact]
    public void WhatMunicipalitiesSeeOfAGroupHasNoMinimumOrMaximumIsRoundedAndHidesQuartilesOfSmallGroups()
    {
        var five = PublicStatistics.From(GroupStatistics.Of([1.234m, 2.345m, 3.456m, 4.567m, 4.678m]), isIndex: false);
        var twelve = PublicStatistics.From(GroupStatistics.Of(Enumerable.Range(1, 12).Select(i => 1m + (i / 3.7m)).ToList()), isIndex: false);
        var index = PublicStatistics.From(GroupStatistics.Of(Enumerable.Range(0, 25).Select(i => 40.25m + i).ToList()), isIndex: true);

        // A group of five shows its mean only: its median would be one member's score (3.456 here).
        Assert.Equal(5, five.N);
        Assert.Null(five.Median);
        Assert.Equal(3.2m, five.Mean); // 3.256 cut off, never rounded up (docs/scoring.md, "Presenting figures")
        Assert.Null(five.P25);
        Assert.Null(five.P75);
        Assert.Contains("under 10", five.WithheldReason!, StringComparison.Ordinal);
        Assert.NotNull(twelve.P25);
        Assert.Null(twelve.P10);
        Assert.Equal(decimal.Floor(twelve.P75!.Value * 10) / 10, twelve.P75);
        Assert.Equal(52m, index.Median);
        Assert.NotNull(index.P90);
        Assert.DoesNotContain("Min", string.Join(",", typeof(PublicStatistics).GetProperties().Select(p => p.Name)), StringComparison.Ordinal);
    }

    [Fact]
    public void CollaborationsWhoseNamesMakeTheSameIdKeepTheirOwnGroups()
    {
        var register = new MunicipalityRegister(2026,
        [
            new Municipality("GM9001", "A", "A", "Utrecht", 30_000, ["Regio X"], []),
            new Municipality("GM9002", "B", "B", "Utrecht", 30_000, ["regio-x"], []),
        ]);

        var ids = PeerGroups.For(register).Where(g => g.Kind == PeerGroupKind.Collaboration).Select(g => g.Id).ToList();

        Assert.Equal(["collaboration-regio-x", "collaboration-regio-x-2"], ids);
    }

    [Fact]
    public void SimilarityCountsSizeClassProvinceAndSharedCollaborations()
    {
        var a = new Municipality("GM9001", "A", "A", "Utrecht", 30_000, ["Regio X", "Regio Y"], []);
        var b = new Municipality("GM9002", "B", "B", "Utrecht", 45_000, ["Regio Y"], []);
        var c = new Municipality("GM9003", "C", "C", "Zeeland", 120_000, [], []);

        Assert.Equal(3 + 1 + 2 + 2, LearnFrom.Similarity(a, b));
        Assert.Equal(0, LearnFrom.Similarity(a, c));
    }

    [Fact]
    public void TheNationalViewWithholdsSmallCellsAndCountsResponse()
    {
        // Only three municipalities of size class 1 take part, so none of its cells may be shown.
        var input = Demo.Value with { Participants = Demo.Value.Participants.Where(p => p.Municipality.SizeClass.Number != 1).Concat(Demo.Value.Participants.Where(p => p.Municipality.SizeClass.Number == 1).Take(3)).ToList() };
        var national = NationalPicture.Build(input, BenchmarkEngine.Compute(input));

        var classOne = national.AdoptionBySizeClass.Single(r => r.GroupId == "size-1");
        Assert.All(classOne.Blocks.Values, c => Assert.Null(c.CountsByLevel));
        Assert.All(classOne.Blocks.Values, c => Assert.NotNull(c.WithheldReason));
        var cells = national.AdoptionBySizeClass.Concat(national.AdoptionByProvince).SelectMany(r => r.Blocks.Values).ToList();
        Assert.All(cells, c => Assert.Equal(c.N < GroupStatistics.MinimumGroupSize, c.CountsByLevel is null));
        Assert.All(cells.Where(c => c.CountsByLevel is not null), c => Assert.Equal(c.N, c.CountsByLevel!.Sum()));
        Assert.Equal(input.Register.Municipalities.Count, national.ResponseByProvince.Sum(r => r.Municipalities));
        Assert.Equal(input.Participants.Count, national.ResponseByProvince.Sum(r => r.Responded));
    }

    [Fact]
    public void AMergedMunicipalitysTrendCombinesItsPredecessorsByPopulation()
    {
        // Hand-computed in docs/benchmarking.md: A (30,000 inhabitants, DigiD 3.00) and B (10,000, DigiD 2.00) merge into M in 2026.
        var before = new MunicipalityRegister(2025, [Municipality("GM9101", 30_000), Municipality("GM9102", 10_000), Municipality("GM9103", 20_000)]);
        var after = new MunicipalityRegister(2026, [Municipality("GM9200", 40_000, "GM9101", "GM9102"), Municipality("GM9103", 20_000)]);
        var history = new List<CycleResults>
        {
            new(2025, before, new Dictionary<string, TrendScores> { ["GM9101"] = TrendScores.Of(Card("GM9101", 2025, 3.00m)), ["GM9102"] = TrendScores.Of(Card("GM9102", 2025, 2.00m)), ["GM9103"] = TrendScores.Of(Card("GM9103", 2025, 4.00m)) }),
            new(2026, after, new Dictionary<string, TrendScores> { ["GM9200"] = TrendScores.Of(Card("GM9200", 2026, 3.10m)) }),
        };

        var trend = Trends.ForBlock("GM9200", "digid", history, after);
        var withoutB = Trends.ForBlock("GM9200", "digid", [history[0] with { Scores = new Dictionary<string, TrendScores> { ["GM9101"] = TrendScores.Of(Card("GM9101", 2025, 3.00m)) } }, history[1]], after);

        Assert.Equal([new TrendPoint(2025, 2.75m, "predecessors"), new TrendPoint(2026, 3.10m, "own")], trend);
        Assert.Equal(3.00m, withoutB[0].Score);
        Assert.Equal(new TrendPoint(2026, null, "none"), Trends.ForBlock("GM9103", "digid", [history[1]], after)[0]);
    }

    [Fact]
    public void ATrendReadsTheSameScoresFromTrendScoresAsFromTheCardTheyWereMadeOf()
    {
        var card = Card("GM9101", 2025, 3.25m) with { Index = 61.5m };
        card = card with
        {
            Blocks =
            [
                .. card.Blocks,
                new BlockScore("mijnoverheid", "dienstverlening-burgers", ScoreStatus.NotApplicable, null, null, null, [], 100m, null, null, null, []),
                card.Blocks[0] with { Score = 1.00m },
            ],
        };

        var scores = TrendScores.Of(card);
        var next = TrendScores.Of(Card("GM9102", 2025, 2.00m) with { Blocks = card.Blocks.Select(b => b with { Score = 4.5m }).ToList() }, scores);

        Assert.Equal(61.5m, scores.Index);
        Assert.Equal(3.25m, scores.Block("digid"));
        Assert.Null(scores.Block("mijnoverheid"));
        Assert.Null(scores.Block("no-such-block"));
        Assert.Equal(4.5m, next.Block("mijnoverheid"));
    }

    private static Municipality Municipality(string code, int population, params string[] predecessors) =>
        new(code, code, code, "Utrecht", population, [], predecessors);

    private static ScoreCard Card(string municipality, int cycle, decimal digid) => new(
        municipality, cycle, "2026", 50m, 3m, 100m, 1, 1, [],
        [new BlockScore("digid", "dienstverlening-burgers", ScoreStatus.Scored, digid, (int)digid, (int)digid, [], 100m, null, null, null, [])]);
}
