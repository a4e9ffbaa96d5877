using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

/// <summary>
/// The submission workflow over storage: validate, check the rules, write the next version.
/// Nothing is written unless every check passes.
/// </summary>
public sealed class SubmissionService(SubmissionStore store, CycleStore cycles, AuditStore audit, QuestionnaireCatalog catalog, TimeProvider time)
{
    public const string AccessDenied = "accessDenied";

    public async Task<Outcome<StoredSubmission>> GetAsync(Actor actor, int cycle, string municipality, CancellationToken cancellationToken = default)
    {
        if (await RefuseReadAsync(actor, cycle, municipality, "read", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownCycle(cycle);
        }

        var current = await store.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        return current is null ? new Refusal(RefusalKind.NotFound, "No submission", $"{municipality} has no answers in cycle {cycle} yet.") : current;
    }

    public async Task<Outcome<StoredSubmission>> SaveDraftAsync(Actor actor, int cycle, string municipality, ReadOnlyMemory<byte> body, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var context = await WriteContextAsync(actor, cycle, municipality, cancellationToken).ConfigureAwait(false);
        if (context.Refusal is not null)
        {
            return context.Refusal;
        }

        var (submission, refusal) = Parse(body, context.Cycle!, municipality, ValidationMode.Draft);
        if (refusal is not null)
        {
            return refusal;
        }

        var current = await store.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        var rules = SubmissionRules.CheckWritable(context.Cycle, current?.Record, time.GetUtcNow())
                    ?? SubmissionRules.CheckExpectedVersion(current?.Record, expectedVersion, requireWhenExists: true);
        if (rules is not null)
        {
            return rules;
        }

        if (current is not null && Same(current.Record.Submission, submission!))
        {
            return current;
        }

        return await WriteAsync(current, submission!, SubmissionAction.DraftSaved, actor, null, current?.Record.Reopened ?? false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits the stored draft, or the answers in <paramref name="body"/> when given. Submitting the same answers twice changes nothing.</summary>
    public async Task<Outcome<StoredSubmission>> SubmitAsync(Actor actor, int cycle, string municipality, ReadOnlyMemory<byte>? body, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var context = await WriteContextAsync(actor, cycle, municipality, cancellationToken).ConfigureAwait(false);
        if (context.Refusal is not null)
        {
            return context.Refusal;
        }

        Submission? submission = null;
        if (body is { Length: > 0 } bytes)
        {
            var (parsed, refusal) = Parse(bytes, context.Cycle!, municipality, ValidationMode.Final);
            if (refusal is not null)
            {
                return refusal;
            }

            submission = parsed;
        }

        var current = await store.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        if (current is { Record.Status: SubmissionStatus.Submitted or SubmissionStatus.Approved } && (submission is null || Same(current.Record.Submission, submission)))
        {
            return current;
        }

        if (submission is null)
        {
            if (current is null)
            {
                return new Refusal(RefusalKind.NotFound, "Nothing to submit", "Save a draft first, or send the answers with the submit request.");
            }

            // The stored draft was checked as a draft; submitting asks more (explanations), so check it again.
            var questionnaire = catalog.Version(current.Record.Submission.QuestionnaireVersion)!;
            var (_, refusal) = Parse(System.Text.Encoding.UTF8.GetBytes(SubmissionJson.Write(current.Record.Submission, questionnaire)), context.Cycle!, municipality, ValidationMode.Final);
            if (refusal is not null)
            {
                return refusal with { Detail = "The saved answers cannot be submitted yet: " + refusal.Detail };
            }

            submission = current.Record.Submission;
        }

        var rules = SubmissionRules.CheckWritable(context.Cycle, current?.Record, time.GetUtcNow())
                    ?? SubmissionRules.CheckExpectedVersion(current?.Record, expectedVersion, requireWhenExists: body is { Length: > 0 });
        if (rules is not null)
        {
            return rules;
        }

        return await WriteAsync(current, submission, SubmissionAction.Submitted, actor, null, reopened: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An analyst approves, rejects (with a comment) or reopens a submission.</summary>
    public async Task<Outcome<StoredSubmission>> ReviewAsync(Actor actor, int cycle, string municipality, SubmissionAction action, string? comment, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (actor.Role != Role.Analyst)
        {
            return new Refusal(RefusalKind.Forbidden, "Analysts only", "Only analysts review submissions.");
        }

        if (action is not (SubmissionAction.Approved or SubmissionAction.Rejected or SubmissionAction.Reopened))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not a review action.");
        }

        if (action == SubmissionAction.Rejected && string.IsNullOrWhiteSpace(comment))
        {
            return new Refusal(RefusalKind.Invalid, "Comment required", "Say why the submission is rejected, so the municipality knows what to fix.", [new SubmissionError("/comment", "a rejection needs a comment")]);
        }

        if (SubmissionJson.CheckText(comment, "/comment") is { } commentError)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid comment", $"The comment {commentError.Message}; nothing was changed.", [commentError]);
        }

        if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownCycle(cycle);
        }

        var current = await store.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.Record.Status == SubmissionRules.StatusAfter(action) && current.Record.LastAction == action)
        {
            return current;
        }

        // A reviewer who read an older version hears that first: what they saw is not what is there now.
        var refusal = current is null
            ? SubmissionRules.CheckReview(null, action)
            : SubmissionRules.CheckExpectedVersion(current.Record, expectedVersion, requireWhenExists: false) ?? SubmissionRules.CheckReview(current.Record, action);
        if (refusal is not null)
        {
            return refusal;
        }

        return await WriteAsync(current, current!.Record.Submission, action, actor, comment, reopened: action == SubmissionAction.Reopened, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<ScoreCard>> ScoreAsync(Actor actor, int cycle, string municipality, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(actor, cycle, municipality, cancellationToken).ConfigureAwait(false);
        if (current.Refusal is not null)
        {
            return current.Refusal;
        }

        var submission = current.Value!.Record.Submission;
        return ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);
    }

    /// <summary>
    /// Refuses a key that may not read this municipality's data, and keeps the attempt in the municipality's trail.
    /// Decided before the cycle or the submission is looked up, so a refusal reveals neither and is recorded either way.
    /// </summary>
    /// <param name="attempt">What was attempted, in a few words ("read the position"); never anything from the request.</param>
    public async Task<Refusal?> RefuseReadAsync(Actor actor, int cycle, string municipality, string attempt, CancellationToken cancellationToken = default)
    {
        if (actor.MayRead(municipality))
        {
            return null;
        }

        await RecordDeniedAsync(actor, cycle, municipality, attempt, cancellationToken).ConfigureAwait(false);
        return Forbidden(municipality);
    }

    /// <summary>Keeps a refused attempt on someone else's submission in that submission's audit trail.</summary>
    public Task RecordDeniedAsync(Actor actor, int cycle, string municipality, string attempt, CancellationToken cancellationToken = default) =>
        audit.AppendAsync(AuditAreas.Access(cycle, municipality), actor.KeyId, AccessDenied, $"{cycle}/{municipality}", $"{attempt} by a {actor.Role.ToString().ToLowerInvariant()} key{(actor.Municipality is null ? "" : " of " + actor.Municipality)}", cancellationToken);

    private async Task<(Cycle? Cycle, Refusal? Refusal)> WriteContextAsync(Actor actor, int cycle, string municipality, CancellationToken cancellationToken)
    {
        if (!actor.MayWrite(municipality))
        {
            // A council (or analyst) key that tries to change the answers is as much the municipality's business as another municipality's key.
            await RecordDeniedAsync(actor, cycle, municipality, "write", cancellationToken).ConfigureAwait(false);
            return (null, actor.Role == Role.Municipality
                ? Forbidden(municipality)
                : new Refusal(RefusalKind.Forbidden, "Municipalities only", "Only the municipality itself changes its answers."));
        }

        var found = await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false);
        return found is null ? (null, UnknownCycle(cycle)) : (found, null);
    }

    private (Submission? Submission, Refusal? Refusal) Parse(ReadOnlyMemory<byte> body, Cycle cycle, string municipality, ValidationMode mode)
    {
        // Answers are checked only against the cycle's own questionnaire; another version is one clear error.
        var (submission, errors) = SubmissionJson.ReadUtf8(body, v => v == cycle.QuestionnaireVersion ? catalog.Version(v) : null, mode, cycle.Year, municipality);
        var list = errors
            .Select(e => e.Pointer == "/questionnaire" && e.Message.StartsWith("unknown questionnaire version", StringComparison.Ordinal)
                ? e with { Message = $"cycle {cycle.Year} uses questionnaire {cycle.QuestionnaireVersion}; {e.Message}" }
                : e)
            .ToList();

        return list.Count == 0
            ? (submission, null)
            : (null, new Refusal(RefusalKind.Invalid, "The answers are not valid", $"{list.Count} problem{(list.Count == 1 ? "" : "s")} found; nothing was saved.", list));
    }

    private async Task<Outcome<StoredSubmission>> WriteAsync(StoredSubmission? current, Submission submission, SubmissionAction action, Actor actor, string? comment, bool reopened, CancellationToken cancellationToken)
    {
        var next = new SubmissionRecord(
            submission.Municipality,
            submission.Cycle,
            (current?.Record.Version ?? 0) + 1,
            SubmissionRules.StatusAfter(action),
            submission,
            action,
            time.GetUtcNow(),
            actor.KeyId,
            comment,
            reopened);
        try
        {
            var written = await store.WriteAsync(current, next, cancellationToken).ConfigureAwait(false);
            BenchmarkTelemetry.SubmissionWritten(action.ToString());
            return written;
        }
        catch (ConcurrentChangeException)
        {
            return new Refusal(RefusalKind.Stale, "Precondition failed", "Someone else saved this submission at the same moment; read it again. Your changes were not saved.");
        }
        catch (PayloadTooLargeException e)
        {
            return new Refusal(RefusalKind.Invalid, "Too large to store", e.Message);
        }
    }

    private bool Same(Submission a, Submission b)
    {
        if (a.QuestionnaireVersion != b.QuestionnaireVersion)
        {
            return false;
        }

        var questionnaire = catalog.Version(a.QuestionnaireVersion)!;
        return a.ConsentToBeNamed == b.ConsentToBeNamed && SubmissionJson.Write(a, questionnaire) == SubmissionJson.Write(b, questionnaire);
    }

    private static Refusal Forbidden(string municipality) =>
        new(RefusalKind.Forbidden, "Not your municipality", $"This key may not access {municipality}.");

    private static Refusal UnknownCycle(int cycle) =>
        new(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {cycle}.");
}
