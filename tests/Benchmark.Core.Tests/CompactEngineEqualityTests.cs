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
        var input = SyntheticInput(2_000, seed: 19);

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
