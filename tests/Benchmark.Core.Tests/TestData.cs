using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests;

internal static class TestData
{
    private static readonly Lazy<QuestionnaireCatalog> LazyExample = new(() => QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryPaths.Docs, "worked-example")));
    private static readonly Lazy<QuestionnaireCatalog> LazyReal = new(() => QuestionnaireCatalog.LoadDirectory(RepositoryPaths.Questionnaires));

    /// <summary>The small model and questionnaire of the worked example in docs/scoring.md.</summary>
    public static QuestionnaireCatalog Example => LazyExample.Value;

    /// <summary>The real maturity model and questionnaires in questionnaires/.</summary>
    public static QuestionnaireCatalog Real => LazyReal.Value;

    public static Submission ExampleSubmission() => ReadValid(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "worked-example", "submission.json")), Example);

    public static Submission ReadValid(string json, QuestionnaireCatalog catalog, ValidationMode mode = ValidationMode.Final)
    {
        var (submission, errors) = SubmissionJson.Read(json, catalog.Version, mode);
        Assert.True(submission is not null, string.Join("\n", errors));
        return submission;
    }

    public static Submission With(this Submission submission, string questionId, Answer? answer)
    {
        var answers = submission.Answers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (answer is null)
        {
            answers.Remove(questionId);
        }
        else
        {
            answers[questionId] = answer;
        }

        return submission with { Answers = answers };
    }

    public static Submission Empty(Questionnaire questionnaire, string municipality = "GM9999") =>
        new(municipality, questionnaire.FirstCycle, questionnaire.Version, false, new Dictionary<string, Answer>(), new Dictionary<string, int>());
}
