using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// What analysts do with submissions, in one place for the API and the pages: list a cycle's submissions, approve,
/// reject (with a comment) or reopen. A decision is taken on the version the analyst read, and only where the state
/// allows it; taking the same decision twice changes nothing.
/// </summary>
public sealed class ReviewService(ISubmissionRepository submissions, ICycleRepository cycles, ISubmissionContext context, QuestionnaireCatalog catalog, TimeProvider time)
{
    public async Task<Outcome<StoredSubmission>> ReviewAsync(Actor actor, ReviewSubmission command, CancellationToken cancellationToken = default)
    {
        if (AnalystsOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var action = command.Action;
        if (action is not (SubmissionAction.Approved or SubmissionAction.Rejected or SubmissionAction.Reopened))
        {
            throw new ArgumentOutOfRangeException(nameof(command), action, "Not a review action.");
        }

        if (action == SubmissionAction.Rejected && string.IsNullOrWhiteSpace(command.Comment))
        {
            return new Refusal(RefusalKind.Invalid, "Comment required", "Say why the submission is rejected, so the municipality knows what to fix.", [new SubmissionError("/comment", "a rejection needs a comment")]) { Code = SubmissionRefusals.CommentRequired };
        }

        if (SubmissionJson.CheckText(command.Comment, "/comment") is { } commentError)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid comment", $"The comment {commentError.Message}; nothing was changed.", [commentError]) { Code = SubmissionRefusals.InvalidComment };
        }

        if (await cycles.GetAsync(command.Year, cancellationToken).ConfigureAwait(false) is null)
        {
            return CycleService.Unknown(command.Year);
        }

        var current = await submissions.GetAsync(command.Year, command.Municipality, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.Record.Status == SubmissionRules.StatusAfter(action) && current.Record.LastAction == action)
        {
            // The same decision again changes nothing, unless it comes with a new comment: that is kept as a version of
            // its own (a second "reopen" explaining what else to fix), never dropped in silence.
            var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
            if (comment is null || string.Equals(comment, current.Record.Comment, StringComparison.Ordinal))
            {
                return current;
            }

            if (SubmissionRules.CheckExpectedVersion(current.Record, command.ExpectedVersion, requireWhenExists: false) is { } stale)
            {
                return stale;
            }

            return await submissions.WriteNextAsync(current, current.Record.Submission, action, actor, comment, reopened: current.Record.Reopened, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (current is null)
        {
            return SubmissionRules.CheckReview(null, action) ?? throw new InvalidOperationException("The review rules let a missing submission be reviewed.");
        }

        // A reviewer who read an older version hears that first: what they saw is not what is there now.
        if ((SubmissionRules.CheckExpectedVersion(current.Record, command.ExpectedVersion, requireWhenExists: false) ?? SubmissionRules.CheckReview(current.Record, action)) is { } refusal)
        {
            return refusal;
        }

        // Submitted before completeness was checked (or loaded from elsewhere): an incomplete submission is never approved.
        if (action == SubmissionAction.Approved && SubmissionService.Incomplete(catalog, current.Record.Submission, "it was not approved; reject it with a comment saying what to add") is { } incomplete)
        {
            return incomplete with { Kind = RefusalKind.Conflict };
        }

        return await submissions.WriteNextAsync(current, current.Record.Submission, action, actor, command.Comment, reopened: action == SubmissionAction.Reopened, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A cycle's submissions with their index, completeness and open flags, filtered and in <paramref name="order"/>
    /// (by municipality code when null); the counts are of the whole cycle.
    /// </summary>
    public async Task<Outcome<ReviewTable>> ListAsync(Actor actor, int year, ReviewFilter filter, ReviewOrder? order = null, CancellationToken cancellationToken = default)
    {
        if (AnalystsOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is not { } cycle)
        {
            return CycleService.Unknown(year);
        }

        var register = await context.RegisterAsync(year, cancellationToken).ConfigureAwait(false);
        var records = await submissions.ListAsync(year, cancellationToken).ConfigureAwait(false);
        var flags = await context.OpenFlagsAsync(year, cancellationToken).ConfigureAwait(false);
        var matching = records.Select(r =>
            {
                var municipality = register?.Find(r.Municipality);
                var card = ScoringEngine.Score(catalog.ModelOfVersion(r.Submission.QuestionnaireVersion), catalog.Version(r.Submission.QuestionnaireVersion)!, r.Submission);
                return (Municipality: municipality, Row: new ReviewRow(r.Municipality, municipality?.EverydayName, municipality?.Province, municipality?.SizeClass.Number, r.Status, r.Version, r.ChangedAt, card.Index, card.Completeness, flags.GetValueOrDefault(r.Municipality)));
            })
            .Where(i => filter.Status is null || i.Row.Status == filter.Status)
            .Where(i => filter.Province is null || string.Equals(i.Municipality?.Province, filter.Province, StringComparison.Ordinal))
            .Where(i => filter.SizeClass is null || i.Municipality?.SizeClass.Number == filter.SizeClass)
            .Where(i => filter.Collaboration is null || i.Municipality?.Collaborations.Contains(filter.Collaboration, StringComparer.Ordinal) == true)
            .Select(i => i.Row);
        var rows = (order ?? ReviewOrder.Default).Apply(matching).ToList();
        var notStarted = register is null ? 0 : register.Municipalities.Count(m => records.All(r => r.Municipality != m.Code));
        var provinces = register?.Municipalities.Select(m => m.Province).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        var collaborations = register?.Municipalities.SelectMany(m => m.Collaborations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        return new ReviewTable(cycle, Counts(records), notStarted, records.Count, rows, provinces, collaborations);
    }

    /// <summary>The submission of <paramref name="municipality"/> in <paramref name="year"/> with what its review page shows.</summary>
    public async Task<Outcome<ReviewCase>> CaseAsync(Actor actor, int year, string municipality, CancellationToken cancellationToken = default)
    {
        if (AnalystsOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is not { } cycle)
        {
            return new Refusal(RefusalKind.NotFound, "Unknown cycle", $"Cycle {year} does not exist.") { Code = CycleRefusals.Unknown };
        }

        if (await submissions.GetAsync(year, municipality, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return new Refusal(RefusalKind.NotFound, "No submission", $"{municipality} has no answers in cycle {year} yet.") { Code = SubmissionRefusals.None };
        }

        var versions = (await submissions.VersionsAsync(year, municipality, cancellationToken).ConfigureAwait(false)).OrderByDescending(v => v.Version).ToList();
        var register = await context.RegisterAsync(year, cancellationToken).ConfigureAwait(false);
        return new ReviewCase(cycle, current, register?.Find(municipality), versions);
    }

    /// <summary>Every cycle, oldest first, with its number of submissions per status.</summary>
    public async Task<Outcome<IReadOnlyList<ReviewCycle>>> CyclesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (AnalystsOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var list = new List<ReviewCycle>();
        foreach (var cycle in await cycles.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ReviewCycle(cycle, Counts(await submissions.ListAsync(cycle.Year, cancellationToken).ConfigureAwait(false))));
        }

        return new(list, null);
    }

    private static Dictionary<SubmissionStatus, int> Counts(IReadOnlyList<SubmissionRecord> records) =>
        Enum.GetValues<SubmissionStatus>().ToDictionary(s => s, s => records.Count(r => r.Status == s));

    /// <summary>The one access rule of everything analysts read in bulk: the review list, the exports.</summary>
    internal static Refusal? AnalystsOnly(Actor actor) => actor.Role == Role.Analyst
        ? null
        : new Refusal(RefusalKind.Forbidden, "Analysts only", "Only analysts review submissions.") { Code = SubmissionRefusals.AnalystsOnly };
}
