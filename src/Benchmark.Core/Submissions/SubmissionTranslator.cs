using Benchmark.Core.Loading;
using Benchmark.Core.Model;

namespace Benchmark.Core.Submissions;

/// <summary>
/// Carries a submission's answers to a later questionnaire version through the versions' mappings. Comparing
/// results across versions also needs what both versions measure: <see cref="Scoring.ComparisonBasis"/>.
/// </summary>
public static class SubmissionTranslator
{
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
