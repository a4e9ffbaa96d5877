using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests;

public sealed class ScoringEngineTests
{
    private static readonly Questionnaire Questionnaire = TestData.Example.Version("2026")!;
    private static readonly MaturityModel Model = TestData.Example.ModelForCycle(2026);

    private static ScoreCard Score(Submission submission) => ScoringEngine.Score(Model, Questionnaire, submission);

    [Fact]
    public void ScoreIgnoresNotApplicableAnswers()
    {
        var baseline = TestData.ExampleSubmission().With("mijnoverheid.niveau", Answer.Of(new LevelValue(5), "x"));
        var withNo = baseline.With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(false)));
        var withNotApplicable = baseline.With("mijnoverheid.niveau", Answer.NotApplicableBecause("Geen berichten aan inwoners."));

        Assert.Equal(5m, Score(baseline).Block("mijnoverheid").Score);
        Assert.Equal(5m, Score(withNo).Block("mijnoverheid").Score);
        Assert.Equal(ScoreStatus.NotApplicable, Score(withNotApplicable).Block("mijnoverheid").Status);
        Assert.Null(Score(withNotApplicable).Block("mijnoverheid").Score);
        Assert.Equal(Score(withNotApplicable).Domain("dienstverlening").Score, Score(withNotApplicable).Block("digid").Score);
    }

    [Fact]
    public void SupportingAnswersAddProgressWithinTheLevel()
    {
        var level3 = TestData.ExampleSubmission().With("mijnoverheid.niveau", Answer.Of(new LevelValue(3), "x"));

        Assert.Equal(3m, Score(level3).Block("mijnoverheid").Score);
        Assert.Equal(3m, Score(level3.With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(false)))).Block("mijnoverheid").Score);
        Assert.Equal(3.99m, Score(level3.With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(true)))).Block("mijnoverheid").Score);
    }

    [Fact]
    public void AnUnansweredSubQuestionIsLeftOutOfTheProgress()
    {
        var submission = TestData.ExampleSubmission().With("bio.incidenten", Answer.Of(new NumberValue(10)));
        var withoutAudit = TestData.ExampleSubmission().With("bio.audit", null);

        // audit "gepland" 0.5 and 10 incidents 0: progress 0.25; without the audit answer there is no progress at all.
        Assert.Equal(3.25m, Score(submission).Block("bio").Score);
        Assert.Equal(3m, Score(withoutAudit).Block("bio").Score);
    }

    [Fact]
    public void AnUnansweredLevelQuestionLeavesTheBlockOpenNotZero()
    {
        var submission = TestData.ExampleSubmission().With("bio.niveau", null);
        var card = Score(submission);

        Assert.Equal(ScoreStatus.Unanswered, card.Block("bio").Status);
        Assert.Null(card.Block("bio").Score);
        Assert.Equal(ScoreStatus.Unanswered, card.Domain("veiligheid").Status);
        Assert.Equal(card.Domain("dienstverlening").Score, card.OverallScore);
        Assert.True(card.Completeness < 87.5m);
        Assert.False(card.IsComplete);
    }

    [Fact]
    public void NothingAnsweredGivesNoIndexAndZeroCompleteness()
    {
        var card = Score(TestData.Empty(Questionnaire));

        Assert.Null(card.Index);
        Assert.Null(card.OverallScore);
        Assert.Equal(0m, card.Completeness);
        Assert.All(card.Blocks, b => Assert.Equal(ScoreStatus.Unanswered, b.Status));
    }

    [Fact]
    public void LevelOneEverywhereIsIndexZeroAndLevelFiveEverywhereIsIndexHundred()
    {
        Submission AllAt(int level, bool yes, string audit, int incidents, string[] requests) => TestData.Empty(Questionnaire)
            .With("digid.niveau", Answer.Of(new LevelValue(level)))
            .With("digid.sms", Answer.Of(new YesNoValue(yes)))
            .With("digid.aanvragen", Answer.Of(new MultiChoiceValue(requests)))
            .With("mijnoverheid.niveau", Answer.Of(new LevelValue(level)))
            .With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(yes)))
            .With("bio.niveau", Answer.Of(new LevelValue(level)))
            .With("bio.audit", Answer.Of(new ChoiceValue(audit)))
            .With("bio.incidenten", Answer.Of(new NumberValue(incidents)));

        var lowest = Score(AllAt(1, false, "geen", 10, ["geen"]));
        var highest = Score(AllAt(5, true, "uitgevoerd", 0, ["verhuizing", "parkeren", "afval"]));

        Assert.Equal(0m, lowest.Index);
        Assert.Equal(100m, highest.Index);
        Assert.True(highest.IsComplete);
        Assert.All(highest.Blocks, b => Assert.Equal(5, b.StagedLevel));
    }

    [Fact]
    public void AnUnmetConditionCapsTheStagedLevelBelowTheLevelItGuards()
    {
        var claimed2 = TestData.ExampleSubmission().With("digid.niveau", Answer.Of(new LevelValue(2), "x"));
        var met = TestData.ExampleSubmission().With("digid.sms", Answer.Of(new YesNoValue(true)));

        Assert.Equal(2, Score(TestData.ExampleSubmission()).Block("digid").StagedLevel);
        Assert.Equal([new LevelCap("digid.sms", 3)], Score(TestData.ExampleSubmission()).Block("digid").Caps);
        Assert.Equal(2, Score(claimed2).Block("digid").StagedLevel);
        Assert.Empty(Score(claimed2).Block("digid").Caps);
        Assert.Equal(4, Score(met).Block("digid").StagedLevel);
        Assert.Equal(4.8m, Score(met).Block("digid").Score);
    }

    [Fact]
    public void AnUnansweredConditionIsNotMetButANotApplicableOneDoesNotApply()
    {
        var unanswered = TestData.ExampleSubmission().With("digid.sms", null);

        Assert.Equal(2, Score(unanswered).Block("digid").StagedLevel);
        Assert.Equal([new LevelCap("digid.sms", 3, Unanswered: true)], Score(unanswered).Block("digid").Caps);
    }

    [Fact]
    public void LeavingAConditionBlankNeverPaysBetterThanAnsweringIt()
    {
        var blank = Score(TestData.ExampleSubmission().With("digid.sms", null)).Block("digid");
        var honestNo = Score(TestData.ExampleSubmission()).Block("digid");

        Assert.True(blank.Score <= honestNo.Score, $"blank {blank.Score} vs honest no {honestNo.Score}");
        Assert.Equal(honestNo.StagedLevel, blank.StagedLevel);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(5, 0.5)]
    [InlineData(0, 1)]
    [InlineData(25, 0)]
    public void ANumberScaleRunsFromZeroAtToFullAtAndIsClamped(int incidents, double expected)
    {
        var question = Questionnaire.QuestionsById["bio.incidenten"];

        Assert.Equal((decimal)expected, ScoringEngine.ScoreAnswer(question, new NumberValue(incidents)));
    }

    [Fact]
    public void AMultipleChoiceScoresTheShareOfAllOptionValues()
    {
        var question = Questionnaire.QuestionsById["digid.aanvragen"];

        Assert.Equal(0.6m, ScoringEngine.ScoreAnswer(question, new MultiChoiceValue(["verhuizing", "afval"])));
        Assert.Equal(0m, ScoringEngine.ScoreAnswer(question, new MultiChoiceValue(["geen"])));
        Assert.Equal(1m, ScoringEngine.ScoreAnswer(question, new MultiChoiceValue(["verhuizing", "parkeren", "afval"])));
    }

    [Fact]
    public void FreeTextIsNeverScored()
    {
        var question = Questionnaire.QuestionsById["bio.toelichting"];

        Assert.False(question.IsScored);
        Assert.Null(ScoringEngine.ScoreAnswer(question, new TextValue("Alles gaat goed.")));
        Assert.Equal(Score(TestData.ExampleSubmission()).Block("bio").Score, Score(TestData.ExampleSubmission().With("bio.toelichting", null)).Block("bio").Score);
    }

    [Theory]
    [InlineData(5, 2.70, 33)]
    [InlineData(3, 0.70, 65)]
    [InlineData(2, 0, 100)]
    [InlineData(1, 0, 100)]
    public void TargetsGiveGapAndPercentToTarget(int target, double gap, double percent)
    {
        var submission = TestData.ExampleSubmission() with { Targets = new Dictionary<string, int> { ["digid"] = target } };
        var digid = Score(submission).Block("digid");

        Assert.Equal((decimal)gap, digid.GapToTarget);
        Assert.Equal((decimal)percent, Math.Round(digid.PercentToTarget!.Value, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void ABlockWithoutTargetHasNoGap()
    {
        var mijnoverheid = Score(TestData.ExampleSubmission().With("mijnoverheid.niveau", Answer.Of(new LevelValue(3), "x"))).Block("mijnoverheid");

        Assert.Null(mijnoverheid.Target);
        Assert.Null(mijnoverheid.GapToTarget);
        Assert.Null(mijnoverheid.PercentToTarget);
    }

    [Fact]
    public void ScoringASubmissionAgainstAnotherVersionIsRefused()
    {
        var submission = TestData.ExampleSubmission() with { QuestionnaireVersion = "2024" };

        var error = Assert.Throws<ArgumentException>(() => Score(submission));
        Assert.Contains("2024", error.Message, StringComparison.Ordinal);
    }
}
