using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using CsCheck;

namespace Benchmark.Core.Tests;

/// <summary>"Not applicable" on a condition for a level never lifts a block past that level (docs/scoring.md, §2 and the worked example).</summary>
public sealed class NotApplicableConditionTests
{
    private static readonly MaturityModel Model = TestData.Example.ModelForCycle(2026);
    private static readonly Submission NotApplicableSms = TestData.ExampleSubmission().With("digid.sms", Answer.NotApplicableBecause("Wij hebben geen eigen DigiD-aansluiting."));

    /// <summary>The worked example's questionnaire, with "not applicable" allowed on the SMS condition and, optionally, a question in its place.</summary>
    private static Questionnaire WithNotApplicableSms(string? instead)
    {
        var original = TestData.Example.Version("2026")!;
        var blocks = original.Blocks
            .Select(b => b with { Questions = b.Questions.Select(q => q.Id == "digid.sms" ? q with { NotApplicableAllowed = true, NotApplicableInstead = instead } : q).ToList() })
            .ToList();
        return new Questionnaire(original.Id, original.Version, original.ModelId, original.FirstCycle, original.Title, original.Introduction, blocks, original.Mapping);
    }

    [Fact]
    public void ANotApplicableConditionWithNothingInItsPlaceScoresExactlyLikeAnHonestNo()
    {
        var questionnaire = WithNotApplicableSms(instead: null);

        var notApplicable = ScoringEngine.Score(Model, questionnaire, NotApplicableSms).Block("digid");
        var no = ScoringEngine.Score(Model, questionnaire, TestData.ExampleSubmission()).Block("digid");

        // Worked example: level 4 claimed, the SMS condition for level 3 not met → level 2; progress (0 + 0.6) / 2 = 0.3.
        Assert.Equal(2, notApplicable.StagedLevel);
        Assert.Equal(2m + (0m + 1.5m / 2.5m) / 2m, notApplicable.Score);
        Assert.Equal(no.Score, notApplicable.Score);
        var cap = Assert.Single(notApplicable.Caps);
        Assert.Equal(new LevelCap("digid.sms", 3, Unanswered: false, NotApplicable: true), cap);
    }

    [Fact]
    public void ANotApplicableConditionIsJudgedByTheQuestionThatTakesItsPlace()
    {
        var questionnaire = WithNotApplicableSms(instead: "digid.aanvragen");

        // Change of address and waste card: 1.5 / 2.5 = 0.6 ≥ 0.5, so the condition is met in another way; the
        // not-applicable condition itself leaves the progress, which is the 0.6 alone.
        var met = ScoringEngine.Score(Model, questionnaire, NotApplicableSms).Block("digid");
        Assert.Equal(4, met.StagedLevel);
        Assert.Equal(4m + 1.5m / 2.5m, met.Score);
        Assert.Empty(met.Caps);

        // Waste card alone: 0.5 / 2.5 = 0.2 < 0.5: what takes its place is not met, so the level stays below 3.
        var notMet = ScoringEngine.Score(Model, questionnaire, NotApplicableSms.With("digid.aanvragen", Answer.Of(new MultiChoiceValue(["afval"])))).Block("digid");
        Assert.Equal(2, notMet.StagedLevel);
        Assert.Equal(2m + 0.5m / 2.5m, notMet.Score);
        Assert.True(Assert.Single(notMet.Caps).NotApplicable);
    }

    /// <summary>The versions that have a condition which may be "not applicable" with nothing in its place (2027 has none).</summary>
    public static TheoryData<string> Versions() => new(TestData.Real.Questionnaires
        .Where(q => q.Questions.Any(c => c.RequiredForLevel is not null && c.NotApplicableAllowed && c.NotApplicableInstead is null))
        .Select(q => q.Version));

    [Theory]
    [MemberData(nameof(Versions))]
    public void OnTheRealQuestionnairesNotApplicableOnAConditionNeverScoresBetterThanItsLowestAnswer(string version)
    {
        var questionnaire = TestData.Real.Version(version)!;
        var conditions = questionnaire.Questions.Where(q => q.RequiredForLevel is not null && q.NotApplicableAllowed && q.NotApplicableInstead is null).ToList();
        Assert.NotEmpty(conditions);
        Gen.Select(Gen.UInt.Array[questionnaire.Questions.Count()], Gen.Int[0, conditions.Count - 1]).Sample((seeds, index) =>
        {
            var condition = conditions[index];
            var submission = RandomSubmissions.Build(questionnaire, seeds);
            var lowest = ScoringEngine.Score(TestData.Real.ModelOf(questionnaire), questionnaire, submission.With(condition.Id, Answer.Of(RandomSubmissions.Lowest(condition)!, "x"))).Block(condition.BlockId);
            var notApplicable = ScoringEngine.Score(TestData.Real.ModelOf(questionnaire), questionnaire, submission.With(condition.Id, Answer.NotApplicableBecause("Niet van toepassing."))).Block(condition.BlockId);

            Assert.Equal(lowest.StagedLevel, notApplicable.StagedLevel);
            Assert.Equal(lowest.Score, notApplicable.Score);
            Assert.True(notApplicable.StagedLevel is null || notApplicable.StagedLevel < condition.RequiredForLevel || notApplicable.ClaimedLevel < condition.RequiredForLevel);
        }, iter: 300);
    }
}
