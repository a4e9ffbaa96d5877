using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// Answers checked against one cycle's questionnaire, with one refusal that lists every problem by its JSON pointer:
/// the same list whether the answers came as JSON over HTTP or typed from a form.
/// </summary>
public static class SubmissionAnswers
{
    /// <summary>Reads a request body (UTF-8 JSON) sent for <paramref name="municipality"/> in <paramref name="cycle"/>.</summary>
    public static Outcome<Submission> Read(ReadOnlyMemory<byte> utf8, Cycle cycle, string municipality, QuestionnaireCatalog catalog, ValidationMode mode)
    {
        // Answers are checked only against the cycle's own questionnaire; another version is one clear error.
        var (submission, errors) = SubmissionJson.ReadUtf8(utf8, v => v == cycle.QuestionnaireVersion ? catalog.Version(v) : null, mode, cycle.Year, municipality);
        var list = errors
            .Select(e => e.Pointer == "/questionnaire" && e.Message.StartsWith("unknown questionnaire version", StringComparison.Ordinal)
                ? e with { Message = $"cycle {cycle.Year} uses questionnaire {cycle.QuestionnaireVersion}; {e.Message}" }
                : e)
            .ToList();

        if (list.Count > 0 || submission is null)
        {
            return new Refusal(RefusalKind.Invalid, "The answers are not valid", $"{list.Count} problem{(list.Count == 1 ? "" : "s")} found; nothing was saved.", list) { Code = SubmissionRefusals.InvalidAnswers };
        }

        Passed.AddOrUpdate(submission, new CheckedFor(cycle.Year, cycle.QuestionnaireVersion, municipality, mode));
        return submission;
    }

    /// <summary>
    /// The answers this class has read and found valid, with what they were checked for. A request body is read and
    /// checked once at the edge; the service then checks the same answers again (a form's answers come to it unchecked),
    /// and reading them back from their canonical form would find them exactly as they are (the reader keeps the
    /// questionnaire's order), so that second check can be skipped for answers that already passed it. A
    /// <see cref="Submission"/> does not change once made.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Submission, CheckedFor> Passed = [];

    private sealed record CheckedFor(int Year, string Questionnaire, string Municipality, ValidationMode Mode)
    {
        /// <summary>Final asks everything Draft asks, and more.</summary>
        public bool Covers(Cycle cycle, string municipality, ValidationMode mode) =>
            Year == cycle.Year && Questionnaire == cycle.QuestionnaireVersion && Municipality == municipality && (Mode == mode || Mode == ValidationMode.Final);
    }

    /// <summary>
    /// Checks typed answers exactly as if they had been sent as JSON, so a form and the API are held to one standard:
    /// they must be for this municipality and cycle, in the cycle's questionnaire, and (<see cref="ValidationMode.Final"/>)
    /// complete enough to submit. The answers come back as storage will read them (answers to questions the
    /// questionnaire does not have are dropped, choices in the questionnaire's order), so what is returned is what is kept.
    /// </summary>
    public static Outcome<Submission> Check(Submission submission, Cycle cycle, string municipality, QuestionnaireCatalog catalog, ValidationMode mode)
    {
        var questionnaire = submission.QuestionnaireVersion == cycle.QuestionnaireVersion ? catalog.Version(submission.QuestionnaireVersion) : null;
        if (questionnaire is null)
        {
            var error = new SubmissionError("/questionnaire", $"cycle {cycle.Year} uses questionnaire {cycle.QuestionnaireVersion}; unknown questionnaire version '{submission.QuestionnaireVersion}'");
            return new Refusal(RefusalKind.Invalid, "The answers are not valid", "1 problem found; nothing was saved.", [error]) { Code = SubmissionRefusals.InvalidAnswers };
        }

        if (Passed.TryGetValue(submission, out var passed) && passed.Covers(cycle, municipality, mode))
        {
            return submission;
        }

        return Read(SubmissionJson.WriteUtf8(submission, questionnaire), cycle, municipality, catalog, mode);
    }
}
