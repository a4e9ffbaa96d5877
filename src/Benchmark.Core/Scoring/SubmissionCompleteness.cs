using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Scoring;

/// <summary>
/// What a submission still lacks before it may be submitted or approved, each item by its JSON pointer: a required
/// question neither answered nor marked not applicable (the same count as the score card's completeness), and evidence
/// where the model asks for it (a level claimed at or above the block's evidence level). Missing explanations are the
/// final validation's (<see cref="ValidationMode.Final"/>).
/// </summary>
public static class SubmissionCompleteness
{
    public static IReadOnlyList<SubmissionError> Missing(MaturityModel model, Questionnaire questionnaire, Submission submission) =>
        Missing(questionnaire, submission, ScoringEngine.Score(model, questionnaire, submission));

    /// <summary>The same, from the submission's score card when it is at hand.</summary>
    public static IReadOnlyList<SubmissionError> Missing(Questionnaire questionnaire, Submission submission, ScoreCard card)
    {
        var missing = new List<SubmissionError>();
        foreach (var score in card.Blocks.SelectMany(b => b.Questions).Where(q => q.Status == QuestionStatus.Unanswered))
        {
            if (questionnaire.QuestionsById.TryGetValue(score.QuestionId, out var question) && question.Required)
            {
                missing.Add(new SubmissionError($"/answers/{Escape(question.Id)}", "required: give an answer, or mark the question not applicable with a reason"));
            }
        }

        foreach (var block in questionnaire.Blocks)
        {
            var question = block.LevelQuestion;
            if (question.EvidenceFromLevel is { } from && submission.AnswerTo(question.Id) is { Value: LevelValue { Level: var level } } answer
                && level >= from && string.IsNullOrWhiteSpace(answer.Evidence))
            {
                missing.Add(new SubmissionError($"/answers/{Escape(question.Id)}/evidence", $"level {level} asks for evidence (a link or document reference) from level {from}"));
            }
        }

        return missing;
    }

    /// <summary>Whether nothing is missing, for the submission's own questionnaire version.</summary>
    public static bool IsComplete(QuestionnaireCatalog catalog, Submission submission) =>
        catalog.Version(submission.QuestionnaireVersion) is { } questionnaire
        && Missing(catalog.ModelOf(questionnaire), questionnaire, submission).Count == 0;

    /// <summary>The same, from the submission's score card when it is at hand.</summary>
    public static bool IsComplete(QuestionnaireCatalog catalog, Submission submission, ScoreCard card) =>
        catalog.Version(submission.QuestionnaireVersion) is { } questionnaire && Missing(questionnaire, submission, card).Count == 0;

    /// <summary>JSON pointer escaping (RFC 6901): "~" as "~0", "/" as "~1".</summary>
    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
