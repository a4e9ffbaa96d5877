using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests;

/// <summary>Comparing cycles answered with different questionnaire versions on what both versions measure (docs/benchmarking.md).</summary>
public sealed class ComparisonBasisTests
{
    private static readonly QuestionnaireCatalog Real = TestData.Real;
    private static readonly Questionnaire V2024 = Real.Version("2024")!;
    private static readonly Questionnaire V2026 = Real.Version("2026")!;

    [Fact]
    public void AConditionTheEarlierQuestionnaireDidNotAskNeverHoldsACarriedOverSubmissionBelowALevel()
    {
        var newCondition = V2026.QuestionsById["mijnoverheid.berichtenbox"];
        Assert.False(V2024.QuestionsById.ContainsKey(newCondition.Id));
        var earlier = Reaching(V2024, newCondition.RequiredForLevel!.Value) with { Cycle = 2025 };

        var card = ComparisonBasis.Between(Real, "2024", "2026").Score(Real, earlier);

        var block = card.Block(newCondition.BlockId);
        Assert.Equal(newCondition.RequiredForLevel, block.StagedLevel);
        Assert.Empty(block.Caps);
        Assert.DoesNotContain(block.Questions, q => q.QuestionId == newCondition.Id);
    }

    /// <summary>Every block answered at <paramref name="level"/>, with every condition up to it met and every other scored question at its best.</summary>
    private static Submission Reaching(Questionnaire questionnaire, int level)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var question in questionnaire.Questions.Where(q => q.IsScored))
        {
            answers[question.Id] = question.Type == QuestionType.Level
                ? Answer.Of(new LevelValue(level), $"Niveau {level}, zie het jaarverslag.")
                : Answer.Of(Best(question));
        }

        return TestData.Empty(questionnaire) with { Answers = answers };
    }

    private static AnswerValue Best(Question question) => question.Type switch
    {
        QuestionType.YesNo => new YesNoValue(true),
        QuestionType.Single => new ChoiceValue(question.Options.MaxBy(o => o.Value)!.Id),
        QuestionType.Multi => new MultiChoiceValue(question.Options.Where(o => !o.Exclusive).Select(o => o.Id).ToList()),
        QuestionType.Number => new NumberValue(question.Scale!.FullAt),
        _ => throw new ArgumentException($"{question.Id} is not scored by an answer of this kind.", nameof(question)),
    };
}
