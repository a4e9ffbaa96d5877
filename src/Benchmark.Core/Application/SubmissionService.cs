using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// A municipality's own answers, in one place for the API and the pages: read them, save a draft, submit, and their
/// history. Only the municipality itself changes its answers, only until the deadline (unless an analyst reopened them),
/// never in a closed cycle and never over a version the caller did not read. Nothing is written unless every check
/// passes, and every refused attempt by another key is kept in the submission's trail.
/// </summary>
public sealed class SubmissionService(ISubmissionRepository submissions, ICycleRepository cycles, IAuditLog audit, ISubmissionContext context, QuestionnaireCatalog catalog, TimeProvider time)
{
    /// <summary>The action of a refused attempt in a submission's trail.</summary>
    public const string AccessDenied = "accessDenied";

    public async Task<Outcome<StoredSubmission>> GetAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken = default)
    {
        if (await RefuseReadAsync(actor, year, municipality, "read", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is null)
        {
            return CycleService.Unknown(year);
        }

        return await submissions.GetAsync(year, municipality, cancellationToken).ConfigureAwait(false) is { } current
            ? current
            : new Refusal(RefusalKind.NotFound, "No submission", $"{municipality} has no answers in cycle {year} yet.") { Code = SubmissionRefusals.None };
    }

    /// <summary>Every version of the submission, oldest first.</summary>
    public async Task<Outcome<IReadOnlyList<VersionInfo>>> VersionsAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(actor, year, municipality, cancellationToken).ConfigureAwait(false);
        if (current.Failed)
        {
            return current.Refusal;
        }

        return new(await submissions.VersionsAsync(year, municipality, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>One earlier version, as it was.</summary>
    public async Task<Outcome<SubmissionRecord>> VersionAsync(Actor actor, int year, string municipality, int version, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(actor, year, municipality, cancellationToken).ConfigureAwait(false);
        if (current.Failed)
        {
            return current.Refusal;
        }

        return await submissions.VersionAsync(year, municipality, version, cancellationToken).ConfigureAwait(false) is { } record
            ? record
            : new Refusal(RefusalKind.NotFound, "No such version", $"{municipality} has versions 1 to {current.Value.Record.Version} in cycle {year}.") { Code = SubmissionRefusals.UnknownVersion };
    }

    /// <summary>Every version and every refused attempt by another key; also before the municipality has saved anything.</summary>
    public async Task<Outcome<SubmissionTrail>> TrailAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken = default)
    {
        if (await RefuseReadAsync(actor, year, municipality, "read the audit trail", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var versions = await submissions.VersionsAsync(year, municipality, cancellationToken).ConfigureAwait(false);
        var denied = await audit.ListAsync(AuditAreas.Access(year, municipality), cancellationToken).ConfigureAwait(false);

        // Refusals are recorded before the cycle is looked up, so even a trail of an unknown cycle can hold entries; only an empty one is a mistaken year.
        if (versions.Count == 0 && denied.Count == 0 && await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is null)
        {
            return CycleService.Unknown(year);
        }

        return new SubmissionTrail(versions, denied);
    }

    public async Task<Outcome<ScoreCard>> ScoreAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(actor, year, municipality, cancellationToken).ConfigureAwait(false);
        if (current.Failed)
        {
            return current.Refusal;
        }

        var submission = current.Value.Record.Submission;
        return ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);
    }

    /// <summary>The cycle <paramref name="year"/> as the municipality sees it, with its own answers and whether this actor may change them now.</summary>
    public async Task<Outcome<SubmissionRound>> RoundAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken = default)
    {
        if (await RefuseReadAsync(actor, year, municipality, "read the round", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is not { } cycle)
        {
            return CycleService.Unknown(year);
        }

        if (catalog.Version(cycle.QuestionnaireVersion) is not { } questionnaire)
        {
            return new Refusal(RefusalKind.NotFound, "Unknown questionnaire", $"Cycle {year} uses questionnaire {cycle.QuestionnaireVersion}, which this version of the app does not know.") { Code = CycleRefusals.UnknownQuestionnaire };
        }

        var stored = await submissions.GetAsync(year, municipality, cancellationToken).ConfigureAwait(false);
        var locked = actor.MayWrite(municipality) ? SubmissionRules.CheckWritable(cycle, stored?.Record, time.GetUtcNow()) : WriteForbidden(actor, municipality);
        return new SubmissionRound(cycle, questionnaire, catalog.ModelOf(questionnaire), municipality, stored, locked);
    }

    /// <summary>Every cycle with where the municipality's answers stand in it.</summary>
    public async Task<Outcome<SubmissionCycles>> CyclesAsync(Actor actor, string municipality, CancellationToken cancellationToken = default)
    {
        if (!actor.MayRead(municipality))
        {
            // No one submission is named, so there is no trail to keep the attempt in; the per-cycle reads record theirs.
            return ReadForbidden(municipality);
        }

        var rows = new List<SubmissionCycle>();
        foreach (var cycle in await cycles.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var current = await submissions.GetAsync(cycle.Year, municipality, cancellationToken).ConfigureAwait(false);
            rows.Add(new SubmissionCycle(cycle, current?.Record.Status));
        }

        var latest = rows.Count > 0 ? await context.RegisterAsync(rows.Max(r => r.Cycle.Year), cancellationToken).ConfigureAwait(false) : null;
        return new SubmissionCycles(municipality, latest?.Find(municipality)?.EverydayName ?? municipality, rows);
    }

    /// <summary>
    /// Applies a merge patch to the draft as stored (or to an empty draft of the cycle's questionnaire when there is none)
    /// and saves the result as <see cref="SaveDraftAsync"/> does: the same checks, the same errors by JSON pointer (the
    /// pointers of the patched document, which are the patch's own), answers the patch does not name kept as they were.
    /// </summary>
    public async Task<Outcome<StoredSubmission>> PatchDraftAsync(Actor actor, PatchDraft command, CancellationToken cancellationToken = default)
    {
        var writable = await WritableCycleAsync(actor, command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);
        if (writable.Failed)
        {
            return writable.Refusal;
        }

        var cycle = writable.Value;
        var current = await submissions.GetAsync(command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);

        // The version first: a patch applied to answers someone else changed since would merge into what the caller never saw.
        var rules = SubmissionRules.CheckWritable(cycle, current?.Record, time.GetUtcNow())
                    ?? SubmissionRules.CheckExpectedVersion(current?.Record, command.ExpectedVersion, requireWhenExists: true);
        if (rules is not null)
        {
            return rules;
        }

        if (command.Patch is not JsonObject)
        {
            return new Refusal(RefusalKind.Invalid, "The answers are not valid", "1 problem found; nothing was saved.", [new SubmissionError("", "a merge patch of a submission is a JSON object")]) { Code = SubmissionRefusals.InvalidAnswers };
        }

        var target = current is null
            ? new JsonObject { ["municipality"] = command.Municipality, ["cycle"] = command.Year, ["questionnaire"] = cycle.QuestionnaireVersion, ["answers"] = new JsonObject() }
            : JsonNode.Parse(SubmissionJson.Write(current.Record.Submission, catalog.Version(current.Record.Submission.QuestionnaireVersion)!));
        var merged = JsonMergePatch.Apply(target, command.Patch);
        var answers = SubmissionAnswers.Read(Encoding.UTF8.GetBytes(merged?.ToJsonString() ?? "null"), cycle, command.Municipality, catalog, ValidationMode.Draft);
        if (answers.Failed)
        {
            return answers.Refusal;
        }

        // The draft read above is the one the patch applies to and the rules were checked against; reading it again
        // would only widen the window in which someone else's save gets in (which the write's ETag refuses anyway).
        return await WriteDraftAsync(actor, current, answers.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<StoredSubmission>> SaveDraftAsync(Actor actor, SaveDraft command, CancellationToken cancellationToken = default)
    {
        var writable = await WritableCycleAsync(actor, command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);
        if (writable.Failed)
        {
            return writable.Refusal;
        }

        var cycle = writable.Value;
        var answers = SubmissionAnswers.Check(command.Answers, cycle, command.Municipality, catalog, ValidationMode.Draft);
        if (answers.Failed)
        {
            return answers.Refusal;
        }

        var current = await submissions.GetAsync(command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);
        var rules = SubmissionRules.CheckWritable(cycle, current?.Record, time.GetUtcNow())
                    ?? SubmissionRules.CheckExpectedVersion(current?.Record, command.ExpectedVersion, requireWhenExists: true);
        if (rules is not null)
        {
            return rules;
        }

        return await WriteDraftAsync(actor, current, answers.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes checked answers as the next draft over <paramref name="current"/>, unless they are what it already holds.</summary>
    private async Task<Outcome<StoredSubmission>> WriteDraftAsync(Actor actor, StoredSubmission? current, Submission answers, CancellationToken cancellationToken)
    {
        if (current is not null && Same(current.Record.Submission, answers))
        {
            return current;
        }

        return await submissions.WriteNextAsync(current, answers, SubmissionAction.DraftSaved, actor, null, current?.Record.Reopened ?? false, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits the saved draft, or the answers in the command when given. Submitting the same answers twice changes nothing.</summary>
    public async Task<Outcome<StoredSubmission>> SubmitAsync(Actor actor, SubmitAnswers command, CancellationToken cancellationToken = default)
    {
        var writable = await WritableCycleAsync(actor, command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);
        if (writable.Failed)
        {
            return writable.Refusal;
        }

        var cycle = writable.Value;
        Submission? submission = null;
        if (command.Answers is { } sent)
        {
            var answers = SubmissionAnswers.Check(sent, cycle, command.Municipality, catalog, ValidationMode.Final);
            if (answers.Failed)
            {
                return answers.Refusal;
            }

            if (CheckComplete(answers.Value) is { } incomplete)
            {
                return incomplete;
            }

            submission = answers.Value;
        }

        var current = await submissions.GetAsync(command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);
        if (current is { Record.Status: SubmissionStatus.Submitted or SubmissionStatus.Approved } && (submission is null || Same(current.Record.Submission, submission)))
        {
            return current;
        }

        if (submission is null)
        {
            if (current is null)
            {
                return new Refusal(RefusalKind.NotFound, "Nothing to submit", "Save a draft first, or send the answers with the submit request.") { Code = SubmissionRefusals.NothingToSubmit };
            }

            if (CheckSubmittable(cycle, command.Municipality, current.Record.Submission) is { } notReady)
            {
                return notReady;
            }

            submission = current.Record.Submission;
        }

        var rules = SubmissionRules.CheckWritable(cycle, current?.Record, time.GetUtcNow())
                    ?? SubmissionRules.CheckExpectedVersion(current?.Record, command.ExpectedVersion, requireWhenExists: true);
        if (rules is not null)
        {
            return rules;
        }

        return await submissions.WriteNextAsync(current, submission, SubmissionAction.Submitted, actor, null, reopened: false, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Why saved answers cannot be submitted yet, every problem by its pointer (explanations missing, mostly); null when
    /// they can. The saved draft was checked as a draft; submitting asks more, so a submit of the draft checks it again.
    /// </summary>
    public Refusal? CheckSubmittable(Cycle cycle, string municipality, Submission saved) =>
        SubmissionAnswers.Check(saved, cycle, municipality, catalog, ValidationMode.Final).Refusal is { } refusal
            ? refusal with { Detail = "The saved answers cannot be submitted yet: " + refusal.Detail, Code = SubmissionRefusals.NotReady }
            : CheckComplete(saved);

    /// <summary>Every required answer and every piece of evidence the model asks for that is still missing, as one refusal; null when complete.</summary>
    public Refusal? CheckComplete(Submission submission) => Incomplete(catalog, submission, "nothing was submitted");

    /// <summary>The completeness refusal, shared by submitting and approving: the same list, by JSON pointer.</summary>
    internal static Refusal? Incomplete(QuestionnaireCatalog catalog, Submission submission, string consequence)
    {
        var questionnaire = catalog.Version(submission.QuestionnaireVersion)!;
        var missing = SubmissionCompleteness.Missing(catalog.ModelOf(questionnaire), questionnaire, submission);
        return missing.Count == 0
            ? null
            : new Refusal(RefusalKind.Invalid, "The submission is not complete", $"{missing.Count} item{(missing.Count == 1 ? " is" : "s are")} missing; {consequence}.", missing) { Code = SubmissionRefusals.Incomplete };
    }

    /// <summary>
    /// Refuses a key that may not read this municipality's data, and keeps the attempt in the municipality's trail.
    /// Decided before the cycle or the submission is looked up, so a refusal reveals neither and is recorded either way.
    /// </summary>
    /// <param name="attempt">What was attempted, in a few words ("read the position"); never anything from the request.</param>
    public async Task<Refusal?> RefuseReadAsync(Actor actor, int year, string municipality, string attempt, CancellationToken cancellationToken = default)
    {
        if (actor.MayRead(municipality))
        {
            return null;
        }

        await RecordDeniedAsync(actor, year, municipality, attempt, cancellationToken).ConfigureAwait(false);
        return ReadForbidden(municipality);
    }

    /// <summary>
    /// Refuses a key that may not change this municipality's answers, and keeps the attempt in the municipality's trail:
    /// a council (or analyst) key that tries is as much the municipality's business as another municipality's key.
    /// </summary>
    /// <param name="attempt">What was attempted, in a few words ("write"); never anything from the request.</param>
    public async Task<Refusal?> RefuseWriteAsync(Actor actor, int year, string municipality, string attempt, CancellationToken cancellationToken = default)
    {
        if (actor.MayWrite(municipality))
        {
            return null;
        }

        await RecordDeniedAsync(actor, year, municipality, attempt, cancellationToken).ConfigureAwait(false);
        return WriteForbidden(actor, municipality);
    }

    /// <summary>Keeps a refused attempt on someone else's submission in that submission's audit trail.</summary>
    public Task RecordDeniedAsync(Actor actor, int year, string municipality, string attempt, CancellationToken cancellationToken = default) =>
        audit.AppendAsync(AuditAreas.Access(year, municipality), actor.KeyId, AccessDenied, $"{year.ToString(CultureInfo.InvariantCulture)}/{municipality}", $"{attempt} by a {actor.Role.ToString().ToLowerInvariant()} key{(actor.Municipality is null ? "" : " of " + actor.Municipality)}", cancellationToken);

    private async Task<Outcome<Cycle>> WritableCycleAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken)
    {
        if (await RefuseWriteAsync(actor, year, municipality, "write", cancellationToken).ConfigureAwait(false) is { } forbidden)
        {
            return forbidden;
        }

        return await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is { } cycle ? cycle : CycleService.Unknown(year);
    }

    private bool Same(Submission a, Submission b)
    {
        if (a.QuestionnaireVersion != b.QuestionnaireVersion)
        {
            return false;
        }

        // Both canonical forms are usually at hand already (SubmissionJson.WriteUtf8 keeps the form of each submission it wrote):
        // the stored draft's from when it was written, the new answers' for storing them next.
        var questionnaire = catalog.Version(a.QuestionnaireVersion)!;
        return a.ConsentToBeNamed == b.ConsentToBeNamed && SubmissionJson.WriteUtf8(a, questionnaire).Span.SequenceEqual(SubmissionJson.WriteUtf8(b, questionnaire).Span);
    }

    private static Refusal ReadForbidden(string municipality) =>
        new(RefusalKind.Forbidden, "Not your municipality", $"This key may not access {municipality}.") { Code = SubmissionRefusals.NotYourMunicipality };

    private static Refusal WriteForbidden(Actor actor, string municipality) => actor.Role == Role.Municipality
        ? new(RefusalKind.Forbidden, "Not your municipality", $"This key may not change the answers of {municipality}.") { Code = SubmissionRefusals.NotYourMunicipality }
        : new(RefusalKind.Forbidden, "Municipalities only", "Only the municipality itself changes its answers.") { Code = SubmissionRefusals.MunicipalitiesOnly };
}
