using Benchmark.Core.Application;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Benchmark.Core.Benchmarking;

namespace Benchmark.Storage;

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
public sealed record StoredFlag(int Cycle, string Id, PlausibilityFlag Flag, bool Dismissed, string? DismissedBy, DateTimeOffset? DismissedAt, string? Comment);

/// <summary>Practice notes, plausibility flags and custom peer groups of a cycle; each table is partitioned by cycle.</summary>
public sealed class CurationStore(BenchmarkTables tables, AuditStore audit, TimeProvider time)
{
    private static string Partition(int cycle) => cycle.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// What the flag is about plus a short hash of what it says: two flags on one block (two low prerequisites) keep
    /// their own ids, and a flag whose numbers change is a new flag to look at, not one already dismissed.
    /// </summary>
    public static string FlagId(PlausibilityFlag flag) =>
        $"{flag.Municipality}_{flag.Rule}_{flag.BlockId ?? "all"}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(flag.Message)))[..10]}";

    /// <summary>Writes rows of one partition in transactions of 100, the most one may hold.</summary>
    private static async Task UpsertAllAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await BenchmarkTables.Guard(() => table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Brings the notes in line with the submissions of <paramref name="municipalities"/>: new notes are pending, a note whose
    /// text changed goes back to pending, and a note the municipality removed is removed. With <paramref name="approvedBy"/>
    /// (demo data only) new notes are approved at once.
    /// </summary>
    public async Task SyncNotesAsync(int cycle, IReadOnlyCollection<string> municipalities, IReadOnlyList<NoteSource> notes, string? approvedBy = null, CancellationToken cancellationToken = default)
    {
        // Rows from before notes were kept per question have no question id: they are replaced by the current ones.
        var rows = await BenchmarkTables.QueryAll(tables.Notes.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var legacy in rows.Where(e => string.IsNullOrEmpty(e.GetString("QuestionId"))))
        {
            await BenchmarkTables.Guard(() => tables.Notes.DeleteEntityAsync(legacy.PartitionKey, legacy.RowKey, ETag.All, cancellationToken)).ConfigureAwait(false);
        }

        var existing = (await NotesAsync(cycle, cancellationToken).ConfigureAwait(false)).ToDictionary(n => (n.Municipality, n.QuestionId));
        var changed = new List<TableEntity>();
        foreach (var source in notes)
        {
            if (existing.TryGetValue((source.Municipality, source.QuestionId), out var known) && known.OriginalText == source.Text && known.ContactRole == source.ContactRole)
            {
                continue;
            }

            changed.Add(ToEntity(approvedBy is null
                ? new CuratedNote(cycle, source.Municipality, source.QuestionId, source.BlockId, source.Text, source.ContactRole, NoteStatus.Pending, null, null, null)
                : new CuratedNote(cycle, source.Municipality, source.QuestionId, source.BlockId, source.Text, source.ContactRole, NoteStatus.Approved, null, approvedBy, time.GetUtcNow())));
        }

        await UpsertAllAsync(tables.Notes, changed, cancellationToken).ConfigureAwait(false);
        var current = notes.Select(n => (n.Municipality, n.QuestionId)).ToHashSet();
        foreach (var gone in existing.Values.Where(n => municipalities.Contains(n.Municipality) && !current.Contains((n.Municipality, n.QuestionId))))
        {
            await BenchmarkTables.Guard(() => tables.Notes.DeleteEntityAsync(Partition(cycle), NoteKey(gone.Municipality, gone.QuestionId), ETag.All, cancellationToken)).ConfigureAwait(false);
        }

        if (approvedBy is not null && changed.Count > 0)
        {
            await audit.AppendAsync(AuditAreas.Notes, approvedBy, "notes-approved", cycle.ToString(CultureInfo.InvariantCulture), $"{changed.Count} notes", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<CuratedNote>> NotesAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Notes.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Where(e => !string.IsNullOrEmpty(e.GetString("QuestionId")))
            .Select(e => ToNote(cycle, e))
            .OrderBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.QuestionId, StringComparer.Ordinal)
            .ToList();

    /// <summary>Approve (optionally with an edited text) or hide a note, by its question; returns null when there is no such note.</summary>
    public async Task<CuratedNote?> CurateAsync(int cycle, string municipality, string questionId, NoteStatus status, string? editedText, string analyst, CancellationToken cancellationToken = default)
    {
        var response = await BenchmarkTables.Guard(() => tables.Notes.GetEntityIfExistsAsync<TableEntity>(Partition(cycle), NoteKey(municipality, questionId), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var note = ToNote(cycle, response.Value!);
        var edited = !string.IsNullOrWhiteSpace(editedText);
        var curated = note with { Status = status, EditedText = edited ? editedText!.Trim() : note.EditedText, CuratedBy = analyst, CuratedAt = time.GetUtcNow() };
        await BenchmarkTables.Guard(() => tables.Notes.UpsertEntityAsync(ToEntity(curated), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Notes, analyst, "note-" + status.ToString().ToLowerInvariant(), $"{cycle}/{municipality}/{questionId}", edited ? "text edited" : null, cancellationToken).ConfigureAwait(false);
        return curated;
    }

    private static string NoteKey(string municipality, string questionId) => $"{municipality}_{questionId}";

    private static CuratedNote ToNote(int cycle, TableEntity e) =>
        new(cycle, e.GetString("Municipality"), e.GetString("QuestionId"), e.GetString("BlockId"), e.GetString("OriginalText"), e.GetString("ContactRole"),
            Enum.Parse<NoteStatus>(e.GetString("Status")), e.GetString("EditedText"), e.GetString("CuratedBy"), e.GetDateTimeOffset("CuratedAt"));

    private static TableEntity ToEntity(CuratedNote note) =>
            new(Partition(note.Cycle), NoteKey(note.Municipality, note.QuestionId))
            {
                ["Municipality"] = note.Municipality,
                ["QuestionId"] = note.QuestionId,
                ["BlockId"] = note.BlockId,
                ["OriginalText"] = note.OriginalText,
                ["ContactRole"] = note.ContactRole,
                ["Status"] = note.Status.ToString(),
                ["EditedText"] = note.EditedText,
                ["CuratedBy"] = note.CuratedBy,
                ["CuratedAt"] = note.CuratedAt,
            };

    /// <summary>Replaces the cycle's flags with a fresh set, keeping the dismissal of every flag that is raised again.</summary>
    public async Task ReplaceFlagsAsync(int cycle, IReadOnlyList<PlausibilityFlag> flags, CancellationToken cancellationToken = default)
    {
        var existing = (await FlagsAsync(cycle, cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var fresh = flags.GroupBy(FlagId, StringComparer.Ordinal).Select(g => g.First()).ToDictionary(FlagId, StringComparer.Ordinal);
        foreach (var gone in existing.Keys.Where(id => !fresh.ContainsKey(id)))
        {
            await BenchmarkTables.Guard(() => tables.Flags.DeleteEntityAsync(Partition(cycle), gone, ETag.All, cancellationToken)).ConfigureAwait(false);
        }

        await UpsertAllAsync(
            tables.Flags,
            fresh.Select(p =>
            {
                var kept = existing.GetValueOrDefault(p.Key);
                return ToEntity(new StoredFlag(cycle, p.Key, p.Value, kept?.Dismissed ?? false, kept?.DismissedBy, kept?.DismissedAt, kept?.Comment));
            }),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredFlag>> FlagsAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Flags.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(e => new StoredFlag(
                cycle,
                e.RowKey,
                new PlausibilityFlag(Enum.Parse<FlagRule>(e.GetString("Rule")), e.GetString("Municipality"), cycle, e.GetString("BlockId"), e.GetString("Message")),
                e.GetBoolean("Dismissed") ?? false,
                e.GetString("DismissedBy"),
                e.GetDateTimeOffset("DismissedAt"),
                e.GetString("Comment")))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Dismisses a flag with the analyst's comment (audited); null when there is no such flag.</summary>
    public async Task<StoredFlag?> DismissFlagAsync(int cycle, string id, string comment, string analyst, CancellationToken cancellationToken = default)
    {
        var flag = (await FlagsAsync(cycle, cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Id == id);
        if (flag is null)
        {
            return null;
        }

        var dismissed = flag with { Dismissed = true, DismissedBy = analyst, DismissedAt = time.GetUtcNow(), Comment = comment };
        await BenchmarkTables.Guard(() => tables.Flags.UpsertEntityAsync(ToEntity(dismissed), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Flags, analyst, "flag-dismissed", $"{cycle}/{id}", comment, cancellationToken).ConfigureAwait(false);
        return dismissed;
    }

    private static TableEntity ToEntity(StoredFlag flag) =>
            new(Partition(flag.Cycle), flag.Id)
            {
                ["Rule"] = flag.Flag.Rule.ToString(),
                ["Municipality"] = flag.Flag.Municipality,
                ["BlockId"] = flag.Flag.BlockId,
                ["Message"] = flag.Flag.Message,
                ["Dismissed"] = flag.Dismissed,
                ["DismissedBy"] = flag.DismissedBy,
                ["DismissedAt"] = flag.DismissedAt,
                ["Comment"] = flag.Comment,
            };

    public async Task<IReadOnlyList<CustomGroup>> GroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Groups.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(e => new CustomGroup(e.RowKey, e.GetString("Label"), e.GetString("Members").Split('|', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();

    public async Task PutGroupAsync(int cycle, CustomGroup group, string analyst, CancellationToken cancellationToken = default)
    {
        await BenchmarkTables.Guard(() => tables.Groups.UpsertEntityAsync(
            new TableEntity(Partition(cycle), group.Id) { ["Label"] = group.Label, ["Members"] = string.Join('|', group.Members) },
            TableUpdateMode.Replace,
            cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Groups, analyst, "group-set", $"{cycle}/{group.Id}", $"{group.Label}: {string.Join(", ", group.Members)}", cancellationToken).ConfigureAwait(false);
    }
}
