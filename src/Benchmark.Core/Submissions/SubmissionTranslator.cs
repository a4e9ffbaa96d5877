using Benchmark.Core.Loading;
using Benchmark.Core.Model;

namespace Benchmark.Core.Submissions;

/// <summary>
/// Carries a submission's answers to a later questionnaire version through the versions' mappings,
/// so that results of different years can be compared like with like.
/// </summary>
public static class SubmissionTranslator
{
    /// <summary>Why a carried-over answer is "not applicable": the question was not asked in that year.</summary>
    public const string NotAskedReason = "not asked in the questionnaire of that cycle";

    /// <summary>
    /// Carries a submission to <paramref name="targetVersion"/> and marks every question that version asks but the
    /// submission's did not as not applicable, so a new condition neither caps nor counts: scores compare like with like.
    /// </summary>
    public static Submission ForComparison(QuestionnaireCatalog catalog, Submission submission, string targetVersion)
    {
        var translated = Translate(catalog, submission, targetVersion);
        if (submission.QuestionnaireVersion == targetVersion)
        {
            return translated;
        }

        var asked = new HashSet<string>(StringComparer.Ordinal);
        var version = catalog.Version(submission.QuestionnaireVersion)!;
        foreach (var question in version.Questions)
        {
            asked.Add(question.Id);
        }

        // Walk the mappings forward: a question is "asked" when some earlier question maps onto it.
        foreach (var step in catalog.Questionnaires.Where(q => string.CompareOrdinal(q.Version, submission.QuestionnaireVersion) > 0 && string.CompareOrdinal(q.Version, targetVersion) <= 0))
        {
            var next = new HashSet<string>(step.Questions.Select(q => q.Id).Where(asked.Contains), StringComparer.Ordinal);
            foreach (var change in step.Mapping?.Changes ?? [])
            {
                if (change.From is not null && asked.Contains(change.From))
                {
                    next.UnionWith(change.To);
                }
            }

            asked = next;
        }

        var answers = translated.Answers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var question in catalog.Version(targetVersion)!.Questions.Where(q => !asked.Contains(q.Id) && !answers.ContainsKey(q.Id)))
        {
            answers[question.Id] = Answer.NotApplicableBecause(NotAskedReason);
        }

        return translated with { Answers = answers };
    }

    /// <summary>Translates step by step through every version between the submission's and <paramref name="targetVersion"/>.</summary>
    public static Submission Translate(QuestionnaireCatalog catalog, Submission submission, string targetVersion)
    {
        var target = catalog.Version(targetVersion) ?? throw new ArgumentException($"Unknown questionnaire version '{targetVersion}'.", nameof(targetVersion));
        var current = submission;
        while (current.QuestionnaireVersion != target.Version)
        {
            var next = catalog.Questionnaires.FirstOrDefault(q => q.Mapping?.FromVersion == current.QuestionnaireVersion)
                ?? throw new InvalidOperationException($"No questionnaire maps from version {current.QuestionnaireVersion}, so it cannot be carried to {target.Version}.");
            current = TranslateOneStep(catalog.Version(current.QuestionnaireVersion)!, next, current);
        }

        return current;
    }

    /// <summary>Translates to the version directly after the submission's; <paramref name="to"/> must map from <paramref name="from"/>.</summary>
    public static Submission TranslateOneStep(Questionnaire from, Questionnaire to, Submission submission)
    {
        if (to.Mapping?.FromVersion != from.Version || submission.QuestionnaireVersion != from.Version)
        {
            throw new ArgumentException($"Questionnaire {to.Version} does not map from {from.Version}, or the submission is not for {from.Version}.", nameof(to));
        }

        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in to.Mapping.Changes.Where(c => c.From is not null && c.To.Count > 0))
        {
            mapped.Add(change.From!);
            if (submission.Answers.TryGetValue(change.From!, out var answer))
            {
                foreach (var target in change.To)
                {
                    answers[target] = answer with { Value = MapOptions(answer.Value, change.Options) };
                }
            }
        }

        foreach (var (id, answer) in submission.Answers.Where(p => to.QuestionsById.ContainsKey(p.Key) && !mapped.Contains(p.Key)))
        {
            answers.TryAdd(id, answer);
        }

        var targets = submission.Targets.Where(t => to.BlocksById.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return submission with { QuestionnaireVersion = to.Version, Answers = answers, Targets = targets };
    }

    private static AnswerValue? MapOptions(AnswerValue? value, IReadOnlyDictionary<string, string> options) => value switch
    {
        ChoiceValue choice => new ChoiceValue(options.GetValueOrDefault(choice.OptionId, choice.OptionId)),
        MultiChoiceValue multi => new MultiChoiceValue(multi.OptionIds.Select(id => options.GetValueOrDefault(id, id)).Distinct().ToList()),
        _ => value,
    };
}
