using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

public enum NoteStatus
{
    /// <summary>Written by the municipality, not yet seen by an analyst: shown to nobody else.</summary>
    Pending,
    Approved,
    Hidden,
}

/// <summary>A practice note as written with one answer.</summary>
public sealed record NoteSource(string Municipality, string QuestionId, string BlockId, string Text, string? ContactRole);

/// <summary>A practice note with its curation: analysts approve (perhaps after editing) or hide notes before others see them.</summary>
public sealed record CuratedNote(int Cycle, string Municipality, string QuestionId, string BlockId, string OriginalText, string? ContactRole, NoteStatus Status, string? EditedText, string? CuratedBy, DateTimeOffset? CuratedAt)
{
    public string Text => EditedText ?? OriginalText;
}

/// <summary>A flag with whether an analyst dismissed it, and why.</summary>
public sealed record StoredFlag(int Cycle, string Id, PlausibilityFlag Flag, bool Dismissed, string? DismissedBy, DateTimeOffset? DismissedAt, string? Comment)
{
    /// <summary>
    /// What the flag is about plus a short hash of what it says (in English, the wording of its first ids): two flags
    /// on one block (two low prerequisites) keep their own ids, and a flag whose numbers change is a new flag to look
    /// at, not one already dismissed.
    /// </summary>
    public static string IdOf(PlausibilityFlag flag) =>
        $"{flag.Municipality}_{flag.Rule}_{flag.BlockId ?? "all"}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(flag.Message.En)))[..10]}";

    /// <summary>A flag as the benchmark raises it, not yet looked at.</summary>
    public static StoredFlag Raised(int cycle, PlausibilityFlag flag) => new(cycle, IdOf(flag), flag, false, null, null, null);
}

/// <summary>A cycle's practice notes with what the curation page shows beside them.</summary>
public sealed record CycleNotes(Cycle Cycle, IReadOnlyList<CuratedNote> Notes, MunicipalityRegister? Register);

/// <summary>Where practice notes, plausibility flags and custom peer groups are kept, per cycle.</summary>
public interface ICurationRepository
{
    /// <summary>The cycle's notes, by municipality and question.</summary>
    Task<IReadOnlyList<CuratedNote>> NotesAsync(int cycle, CancellationToken cancellationToken = default);

    Task<CuratedNote?> NoteAsync(int cycle, string municipality, string questionId, CancellationToken cancellationToken = default);

    Task SaveNoteAsync(CuratedNote note, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="changed"/> and removes <paramref name="removed"/>: one synchronisation of the cycle's notes with its submissions.</summary>
    Task SyncNotesAsync(int cycle, IReadOnlyList<CuratedNote> changed, IReadOnlyList<CuratedNote> removed, CancellationToken cancellationToken = default);

    /// <summary>The cycle's flags, by id.</summary>
    Task<IReadOnlyList<StoredFlag>> FlagsAsync(int cycle, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="flags"/> the cycle's flags: any other flag of the cycle is removed.</summary>
    /// <param name="current">The cycle's flags as the caller just read them (<see cref="FlagsAsync"/>), if it did: then they are not read again, and a flag stored exactly so is not written again.</param>
    Task ReplaceFlagsAsync(int cycle, IReadOnlyList<StoredFlag> flags, IReadOnlyList<StoredFlag>? current = null, CancellationToken cancellationToken = default);

    Task SaveFlagAsync(StoredFlag flag, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CustomGroup>> GroupsAsync(int cycle, CancellationToken cancellationToken = default);

    Task SaveGroupAsync(int cycle, CustomGroup group, CancellationToken cancellationToken = default);
}

/// <summary>Dismiss a plausibility flag, saying why.</summary>
public sealed record DismissFlag(int Cycle, string Id, string? Comment);

/// <summary>Approve (optionally with an edited text) or hide a practice note; only <see cref="NoteStatus.Approved"/> and <see cref="NoteStatus.Hidden"/> are curations.</summary>
public sealed record CurateNote(int Cycle, string Municipality, string QuestionId, NoteStatus? Status, string? Text = null);

/// <summary>Define (or redefine) a custom peer group of a cycle.</summary>
public sealed record PutGroup(int Cycle, string Id, string? Label, IReadOnlyList<string>? Members);

/// <summary>The stable codes of the curation rules' refusals, for adapters that speak to people in their own words.</summary>
public static class CurationRefusals
{
    public const string UnknownCycle = "curation.cycle-unknown";
    public const string UnknownFlag = "flag.unknown";
    public const string CommentRequired = "flag.comment-required";
    public const string InvalidComment = "flag.comment-invalid";
    public const string UnknownNote = "note.unknown";
    public const string InvalidStatus = "note.status-invalid";
    public const string InvalidText = "note.text-invalid";
    public const string NoRegister = "group.no-register";
    public const string InvalidGroup = "group.invalid";
}

/// <summary>
/// The curation rules, in one place for the API, the analyst pages and the benchmark: a flag is dismissed only with a
/// reason, and keeps its dismissal while the benchmark raises it again unchanged; a practice note reaches other
/// municipalities only once an analyst approves it (perhaps edited), and goes back to pending when its municipality
/// changes it; a custom peer group has 5 to 400 municipalities of the register and does not nearly equal another group.
/// Every change an analyst makes is audited.
/// </summary>
public sealed class CurationService(ICurationRepository curation, ICycleRepository cycles, IRegisterRepository registers, IAuditLog audit, QuestionnaireCatalog catalog, TimeProvider time)
{
    /// <summary>Groups from 5 to this many members; larger ones are better expressed as the existing groups.</summary>
    public const int MaxCustomGroupSize = 400;

    /// <summary>A custom group that differs from another group by 1 to 4 municipalities would let their statistics be subtracted.</summary>
    public const int MinimumDifference = 5;

    public Task<IReadOnlyList<StoredFlag>> ListFlagsAsync(int cycle, CancellationToken cancellationToken = default) =>
        curation.FlagsAsync(cycle, cancellationToken);

    public async Task<Outcome<StoredFlag>> DismissFlagAsync(string actor, DismissFlag command, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(command.Comment))
        {
            return new Refusal(RefusalKind.Invalid, "Comment required", $"Say why the flag is dismissed (at most {SubmissionJson.MaxTextLength} characters).", [new("/comment", "required")]) { Code = CurationRefusals.CommentRequired };
        }

        if (SubmissionJson.CheckText(command.Comment, "/comment") is { } commentError)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid comment", $"The comment {commentError.Message}; nothing was changed.", [commentError]) { Code = CurationRefusals.InvalidComment };
        }

        if ((await curation.FlagsAsync(command.Cycle, cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Id == command.Id) is not { } flag)
        {
            return new Refusal(RefusalKind.NotFound, "No such flag", $"Cycle {command.Cycle} has no flag '{command.Id}'.") { Code = CurationRefusals.UnknownFlag };
        }

        var comment = command.Comment.Trim();
        var dismissed = flag with { Dismissed = true, DismissedBy = actor, DismissedAt = time.GetUtcNow(), Comment = comment };
        await curation.SaveFlagAsync(dismissed, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Flags, actor, "flag-dismissed", $"{command.Cycle}/{command.Id}", comment, cancellationToken).ConfigureAwait(false);
        return dismissed;
    }

    /// <summary>
    /// Replaces the cycle's flags with those the benchmark just raised; a flag raised again keeps its dismissal, so an
    /// analyst does not look twice at the same finding. Not audited here: the computation that raised them is.
    /// </summary>
    public async Task RaiseFlagsAsync(int cycle, IReadOnlyList<PlausibilityFlag> flags, CancellationToken cancellationToken = default)
    {
        var current = await curation.FlagsAsync(cycle, cancellationToken).ConfigureAwait(false);
        var existing = current.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var fresh = flags
            .Select(flag => StoredFlag.Raised(cycle, flag))
            .DistinctBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => existing.GetValueOrDefault(f.Id) is { } kept ? f with { Dismissed = kept.Dismissed, DismissedBy = kept.DismissedBy, DismissedAt = kept.DismissedAt, Comment = kept.Comment } : f)
            .ToList();
        await curation.ReplaceFlagsAsync(cycle, fresh, current, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<CuratedNote>> ListNotesAsync(int cycle, CancellationToken cancellationToken = default) =>
        curation.NotesAsync(cycle, cancellationToken);

    /// <summary>The cycle's notes with the cycle and its register, for a page that names the municipalities; refused for an unknown cycle.</summary>
    public async Task<Outcome<CycleNotes>> NotesOfCycleAsync(int cycle, CancellationToken cancellationToken = default)
    {
        if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return UnknownCycle(cycle);
        }

        var notes = await curation.NotesAsync(cycle, cancellationToken).ConfigureAwait(false);
        return new CycleNotes(found, notes, await registers.GetAsync(cycle, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Approves or hides a note. A text sent along replaces the municipality's wording for others, but only when it
    /// differs from what they would read now: an unchanged or empty text is no edit, so the audit trail does not claim one.
    /// </summary>
    public async Task<Outcome<CuratedNote>> CurateNoteAsync(string actor, CurateNote command, CancellationToken cancellationToken = default)
    {
        if (command.Status is not (NoteStatus.Approved or NoteStatus.Hidden))
        {
            return new Refusal(RefusalKind.Invalid, "Status required", "Send {\"status\": \"approved\"} (optionally with \"text\") or {\"status\": \"hidden\"}.", [new("/status", "approved or hidden")]) { Code = CurationRefusals.InvalidStatus };
        }

        if (SubmissionJson.CheckText(command.Text, "/text") is { } textError)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid text", $"The text {textError.Message}; nothing was changed.", [textError]) { Code = CurationRefusals.InvalidText };
        }

        if (await curation.NoteAsync(command.Cycle, command.Municipality, command.QuestionId, cancellationToken).ConfigureAwait(false) is not { } note)
        {
            return new Refusal(RefusalKind.NotFound, "No such note", $"{command.Municipality} has no practice note with question '{command.QuestionId}' in cycle {command.Cycle}.") { Code = CurationRefusals.UnknownNote };
        }

        var text = command.Text?.Trim();
        var edited = !string.IsNullOrEmpty(text) && text != note.Text ? text : null;
        var curated = note with { Status = command.Status.Value, EditedText = edited ?? note.EditedText, CuratedBy = actor, CuratedAt = time.GetUtcNow() };
        await curation.SaveNoteAsync(curated, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Notes, actor, "note-" + curated.Status.ToString().ToLowerInvariant(), $"{command.Cycle}/{command.Municipality}/{command.QuestionId}", edited is null ? null : "text edited", cancellationToken).ConfigureAwait(false);
        return curated;
    }

    /// <summary>
    /// Brings the cycle's notes in line with its submitted and approved submissions: a new note is pending, a note whose
    /// text changed goes back to pending (what an analyst approved is no longer what it says), and a note the
    /// municipality removed is removed. With <paramref name="approvedBy"/> (demo data only) new notes are approved at
    /// once, and that approval is audited.
    /// </summary>
    public async Task SyncNotesAsync(int cycle, IReadOnlyList<SubmissionRecord> submissions, string? approvedBy = null, CancellationToken cancellationToken = default)
    {
        var reviewed = submissions.Where(r => r.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved).ToList();
        var sources = NoteSources(reviewed);
        var existing = (await curation.NotesAsync(cycle, cancellationToken).ConfigureAwait(false)).ToDictionary(n => (n.Municipality, n.QuestionId));
        var changed = sources
            .Where(source => !(existing.TryGetValue((source.Municipality, source.QuestionId), out var known) && known.OriginalText == source.Text && known.ContactRole == source.ContactRole))
            .Select(source => approvedBy is null
                ? new CuratedNote(cycle, source.Municipality, source.QuestionId, source.BlockId, source.Text, source.ContactRole, NoteStatus.Pending, null, null, null)
                : new CuratedNote(cycle, source.Municipality, source.QuestionId, source.BlockId, source.Text, source.ContactRole, NoteStatus.Approved, null, approvedBy, time.GetUtcNow()))
            .ToList();
        var municipalities = reviewed.Select(r => r.Municipality).ToHashSet(StringComparer.Ordinal);
        var current = sources.Select(n => (n.Municipality, n.QuestionId)).ToHashSet();
        var removed = existing.Values.Where(n => municipalities.Contains(n.Municipality) && !current.Contains((n.Municipality, n.QuestionId))).ToList();
        await curation.SyncNotesAsync(cycle, changed, removed, cancellationToken).ConfigureAwait(false);
        if (approvedBy is not null && changed.Count > 0)
        {
            await audit.AppendAsync(AuditAreas.Notes, approvedBy, "notes-approved", cycle.ToString(CultureInfo.InvariantCulture), $"{changed.Count} notes", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The approved notes as the benchmark's learn-from advice quotes them, edited text and all.</summary>
    public async Task<IReadOnlyList<ApprovedNote>> ApprovedNotesAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await curation.NotesAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(n => n.Status == NoteStatus.Approved)
            .Select(n => new ApprovedNote(n.Municipality, n.BlockId, n.Text, n.ContactRole))
            .ToList();

    public Task<IReadOnlyList<CustomGroup>> ListGroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        curation.GroupsAsync(cycle, cancellationToken);

    /// <summary>
    /// Whether cycle <paramref name="cycle"/> exists to put a group in, before anything else is looked at: for the API,
    /// which names an unknown cycle before it reads the request.
    /// </summary>
    public async Task<Refusal?> CheckGroupCycleAsync(int cycle, CancellationToken cancellationToken = default) =>
        await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is null ? UnknownCycle(cycle) : null;

    public async Task<Outcome<CustomGroup>> PutGroupAsync(string actor, PutGroup command, CancellationToken cancellationToken = default)
    {
        if (await CheckGroupCycleAsync(command.Cycle, cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return unknown;
        }

        var errors = new List<SubmissionError>();
        if (PeerGroups.Slug(command.Id) != command.Id || command.Id.Length > 60)
        {
            errors.Add(new("/id", "use lowercase letters, digits and hyphens"));
        }

        if (string.IsNullOrWhiteSpace(command.Label))
        {
            errors.Add(new("/label", "required"));
        }
        else if (SubmissionJson.CheckText(command.Label, "/label") is { } labelError)
        {
            errors.Add(labelError);
        }

        var members = command.Members ?? [];
        if (await registers.GetAsync(command.Cycle, cancellationToken).ConfigureAwait(false) is not { } register)
        {
            return new Refusal(RefusalKind.Conflict, "No register", $"No municipality register covers {command.Cycle}; import one first.") { Code = CurationRefusals.NoRegister };
        }

        errors.AddRange(members.Select((m, i) => (m, i)).Where(x => register.Find(x.m) is null).Select(x => new SubmissionError($"/members/{x.i}", $"'{(x.m.Length > 20 ? x.m[..20] : x.m)}' is not a municipality in the register of {register.Year}")).Take(50));
        var distinct = members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (distinct.Count is < GroupStatistics.MinimumGroupSize or > MaxCustomGroupSize)
        {
            errors.Add(new("/members", $"a group has {GroupStatistics.MinimumGroupSize} to {MaxCustomGroupSize} municipalities, not {distinct.Count}"));
        }

        if (errors.Count == 0)
        {
            var others = PeerGroups.For(register, (await curation.GroupsAsync(command.Cycle, cancellationToken).ConfigureAwait(false)).Where(g => g.Id != command.Id).ToList());
            var close = others.FirstOrDefault(g => g.Members.Except(distinct).Count() + distinct.Except(g.Members).Count() is > 0 and < MinimumDifference);
            if (close is not null)
            {
                errors.Add(new("/members", $"differs from group '{close.Label}' by fewer than {MinimumDifference} municipalities; comparing the two would reveal their scores"));
            }
        }

        if (errors.Count > 0 || command.Label is null)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid group", $"{errors.Count} problem(s); nothing was saved.", errors) { Code = CurationRefusals.InvalidGroup };
        }

        var group = new CustomGroup(command.Id, command.Label.Trim(), distinct);
        await curation.SaveGroupAsync(command.Cycle, group, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Groups, actor, "group-set", $"{command.Cycle}/{group.Id}", $"{group.Label}: {string.Join(", ", group.Members)}", cancellationToken).ConfigureAwait(false);
        return group;
    }

    /// <summary>Every practice note written with an answer, with the question and block it belongs to.</summary>
    private List<NoteSource> NoteSources(IEnumerable<SubmissionRecord> records) =>
        records.SelectMany(r => r.Submission.Answers
                .Where(a => a.Value.PracticeNote is not null)
                .Select(a => new NoteSource(r.Municipality, a.Key, catalog.Version(r.Submission.QuestionnaireVersion)!.QuestionsById[a.Key].BlockId, a.Value.PracticeNote!.Text, a.Value.PracticeNote.ContactRole)))
            .ToList();

    private static Refusal UnknownCycle(int cycle) =>
        new(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {cycle}.") { Code = CurationRefusals.UnknownCycle };
}
