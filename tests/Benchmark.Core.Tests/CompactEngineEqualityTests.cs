using System.Text.Json;
using System.Text.Json.Serialization;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Performance;

namespace Benchmark.Core.Tests;

/// <summary>
/// Issue 19: the compact engine (rows of measure values, ranks in arrays) must give what the previous engine gave,
/// byte for byte as storage writes it, on the demo rounds and on a seeded synthetic round.
/// </summary>
public sealed class CompactEngineEqualityTests
{
    // The options of Benchmark.Storage's BenchmarkStore.Json (the core tests do not reference storage): what is stored.
    private static readonly JsonSerializerOptions StorageJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Theory]
    [InlineData(1, 2026)]
    [InlineData(2, 2026)]
    [InlineData(3, 2026)]
    [InlineData(1, 2025)]
    public void TheCompactEngineStoresTheSameResultsAsTheReferenceEngineOnTheDemoRounds(int seed, int cycle)
    {
        var input = BenchmarkEngineTests.DemoInput(seed, cycle);

        AssertSameResults(input, withLearnFromAndNational: true);
    }

    [Fact]
    public void TheCompactEngineStoresTheSameResultsAsTheReferenceEngineOnASeededSyntheticRound()
    {
        var input = SyntheticInput(10_000, seed: 19);

        AssertSameResults(input, withLearnFromAndNational: false);
    }

    [Fact]
    public void RowsMadeOneByOneFromScoreCardsGiveTheSameResultsAsParticipants()
    {
        var input = SyntheticInput(500, seed: 20);
        var layout = MeasureLayout.For(input.Model);

        // In reverse order and with a municipality outside the register: the engine orders and filters the rows itself.
        var rows = BenchmarkEngine.Counted(input).Select(layout.Row).Reverse().ToList();
        var compact = BenchmarkEngine.Compute(new CompactBenchmarkInput(input.Cycle, input.Model, input.Register, rows, input.CustomGroups, input.Notes));

        Assert.Equal(Json(ReferenceBenchmarkEngine.Compute(input)), Json(compact));
    }

    [Fact]
    public void TheFasterScoringEngineMakesTheSameScoreCardsAsTheReferenceOnDemoAndSyntheticSubmissions()
    {
        var catalog = TestData.Real;
        var model = catalog.ModelForCycle(2026);
        var demo = BenchmarkEngineTests.DemoInput(seed: 2, cycle: 2026).Participants.Select(p => p.Submission);
        var synthetic = SyntheticOrganisations.Generate(catalog, 1_000, seed: 21).Submissions;
        var submissions = demo.Concat(synthetic).ToList();

        foreach (var submission in submissions)
        {
            var questionnaire = catalog.Version(submission.QuestionnaireVersion)!;
            Assert.Equal(Json(ReferenceScoringEngine.Score(model, questionnaire, submission)), Json(ScoringEngine.Score(model, questionnaire, submission)));
        }

        Assert.True(submissions.Count > 1_000);
    }

    [Theory]
    [InlineData(1, 2026)]
    [InlineData(3, 2025)]
    public void TheAdvisorGivesEveryMunicipalityTheAdviceTheReferenceGaveOneAtATimeOnTheDemoRounds(int seed, int cycle)
    {
        var input = BenchmarkEngineTests.DemoInput(seed, cycle);
        AssertSameAdvice(input, LearnFromBasis.Leaders, LearnFromBasis.NobodyAhead);

        // With one in six consenting to be named, leaders are often anonymous and the advice falls back to others ahead.
        var fewConsent = input with { Participants = input.Participants.Select((p, i) => p with { Submission = p.Submission with { ConsentToBeNamed = i % 6 == 0 } }).ToList() };
        AssertSameAdvice(fewConsent, LearnFromBasis.Ahead);
    }

    [Fact]
    public void TheAdvisorGivesEveryMunicipalityTheAdviceTheReferenceGaveOneAtATimeOnASeededSyntheticRound()
    {
        var input = SyntheticInput(1_000, seed: 22);

        AssertSameAdvice(input, LearnFromBasis.Leaders);
    }

    [Theory]
    [InlineData(1, 2026)]
    [InlineData(2, 2026)]
    [InlineData(3, 2025)]
    public void ACyclesPlausibilityCheckRaisesTheFlagsThatCheckingEachSubmissionAgainstItsOwnPeerListRaised(int seed, int cycle)
    {
        var input = BenchmarkEngineTests.DemoInput(seed, cycle);
        var catalog = TestData.Real;
        var previous = cycle > 2025 ? BenchmarkEngineTests.DemoInput(seed, cycle - 1).Participants.ToDictionary(p => p.Municipality.Code, p => p.Submission) : [];

        // As BenchmarkService checked before issue 19: the peer lists made again for every submission.
        var expected = new List<PlausibilityFlag>();
        foreach (var participant in input.Participants.Where(p => p.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved))
        {
            var questionnaire = catalog.Version(participant.Submission.QuestionnaireVersion)!;
            var before = previous.GetValueOrDefault(participant.Municipality.Code) is { } record ? ComparisonBasis.Compare(catalog, record, participant.Submission) : null;
            var peerGroup = input.Participants
                .Where(p => p.Municipality.SizeClass == participant.Municipality.SizeClass && p.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved)
                .ToList();
            var peers = peerGroup.Where(p => p.Card.Index is not null).Select(p => p.Card.Index!.Value).ToList();
            expected.AddRange(PlausibilityRules.Check(catalog.ModelOf(questionnaire), questionnaire, participant.Submission, participant.Card, before, peers, peerGroup.Select(p => p.Submission).ToList()));
        }

        var plausibility = new CyclePlausibility(catalog, input.Participants);
        var actual = input.Participants.Where(p => CyclePlausibility.IsChecked(p.Status)).SelectMany(p => plausibility.Check(p, previous.GetValueOrDefault(p.Municipality.Code))).ToList();

        Assert.Equal(Json(expected), Json(actual));
        Assert.Contains(actual, f => f.Rule == FlagRule.PeerOutlier || f.Rule == FlagRule.UnusualNotApplicable);
    }

    /// <param name="mustOccur">The bases some advice of the round has, so each way of choosing whom to learn from is compared.</param>
    private static void AssertSameAdvice(BenchmarkInput input, params string[] mustOccur)
    {
        var benchmark = BenchmarkEngine.Compute(input);
        var advisor = new LearnFrom.Advisor(input, benchmark);
        var advice = benchmark.Positions.Select(p => advisor.For(p.Municipality)).ToList();

        Assert.Equal(benchmark.Positions.Select(p => Json(ReferenceLearnFrom.For(input, benchmark, p.Municipality))), advice.Select(Json));

        // As the service asks it: from the participants' summaries, with each municipality's own card alone.
        var cards = BenchmarkEngine.Counted(input).GroupBy(p => p.Municipality.Code).ToDictionary(g => g.Key, g => g.First().Card);
        var fromSummaries = new LearnFrom.Advisor(ScoredCycle.Of(input), benchmark);
        Assert.Equal(advice.Select(Json), benchmark.Positions.Select(p => Json(fromSummaries.For(p.Municipality, cards[p.Municipality]))));
        Assert.Throws<InvalidOperationException>(() => fromSummaries.For(benchmark.Positions[0].Municipality));
        var bases = advice.SelectMany(a => a.Gaps).Select(g => g.Basis).ToHashSet();
        Assert.All(mustOccur, basis => Assert.Contains(basis, bases));
    }

    private static void AssertSameResults(BenchmarkInput input, bool withLearnFromAndNational)
    {
        var reference = ReferenceBenchmarkEngine.Compute(input);
        var compact = BenchmarkEngine.Compute(input);

        Assert.Equal(Json(reference), Json(compact));
        Assert.NotEmpty(compact.Positions);
        Assert.Contains(compact.Positions.SelectMany(p => p.Positions).SelectMany(p => p.PercentileRanks), r => r.Value is not null);
        Assert.Contains(compact.LeadersByBlock.Values, l => l.Count > 0);
        if (withLearnFromAndNational)
        {
            Assert.Equal(Json(NationalPicture.Build(input, reference)), Json(NationalPicture.Build(input, compact)));
            foreach (var position in reference.Positions)
            {
                Assert.Equal(Json(LearnFrom.For(input, reference, position.Municipality)), Json(LearnFrom.For(input, compact, position.Municipality)));
            }
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StorageJson);

    /// <summary>The scale measurement's synthetic organisations, all approved, and a custom group of every seventh.</summary>
    private static BenchmarkInput SyntheticInput(int count, ulong seed)
    {
        var catalog = TestData.Real;
        var cycle = SyntheticOrganisations.Generate(catalog, count, seed);
        var model = catalog.ModelForCycle(2026);
        var participants = cycle.Submissions.Select(s =>
        {
            var card = ScoringEngine.Score(model, cycle.Questionnaire, s);
            return new Participant(cycle.Register.Find(s.Municipality)!, s, card, SubmissionStatus.Approved, SubmissionCompleteness.Missing(cycle.Questionnaire, s, card).Count == 0);
        }).ToList();
        var custom = new CustomGroup("steekproef", "Steekproef", cycle.Register.Municipalities.Where((_, i) => i % 7 == 0).Select(m => m.Code).Reverse().ToList());
        return new BenchmarkInput(cycle.Cycle, model, cycle.Register, participants, [custom], cycle.Notes);
    }
}
