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

/// <summary>A practice note with its curation: analysts approve (perhaps after editing) or hide notes before others see them.</summary>
public sealed record CuratedNote(int Cycle, string Municipality, string BlockId, string OriginalText, string? ContactRole, NoteStatus Status, string? EditedText, string? CuratedBy, DateTimeOffset? CuratedAt)
{
    public string Text => EditedText ?? OriginalText;
}

/// <summary>A flag with whether an analyst dismissed it, and why.</summary>
public sealed record StoredFlag(int Cycle, string Id, PlausibilityFlag Flag, bool Dismissed, string? DismissedBy, DateTimeOffset? DismissedAt, string? Comment);

/// <summary>Practice notes, plausibility flags and custom peer groups of a cycle; each table is partitioned by cycle.</summary>
public sealed class CurationStore(BenchmarkTables tables, AuditStore audit, TimeProvider time)
{
    private static string Partition(int cycle) => cycle.ToString(CultureInfo.InvariantCulture);

    public static string FlagId(PlausibilityFlag flag) => $"{flag.Municipality}_{flag.Rule}_{flag.BlockId ?? "all"}".Replace(':', '-');

    /// <summary>
    /// Brings the notes in line with the submissions: new notes are pending; a note whose text changed goes back to pending.
    /// With <paramref name="approvedBy"/> (demo data only) new notes are approved at once.
    /// </summary>
    public async Task SyncNotesAsync(int cycle, IReadOnlyList<(string Municipality, string BlockId, string Text, string? ContactRole)> notes, string? approvedBy = null, CancellationToken cancellationToken = default)
    {
        var existing = (await NotesAsync(cycle, cancellationToken).ConfigureAwait(false)).ToDictionary(n => (n.Municipality, n.BlockId));
        foreach (var (municipality, blockId, text, role) in notes)
        {
            if (existing.TryGetValue((municipality, blockId), out var known) && known.OriginalText == text && known.ContactRole == role)
            {
                continue;
            }

            var note = approvedBy is null
                ? new CuratedNote(cycle, municipality, blockId, text, role, NoteStatus.Pending, null, null, null)
                : new CuratedNote(cycle, municipality, blockId, text, role, NoteStatus.Approved, null, approvedBy, time.GetUtcNow());
            await PutNoteAsync(note, cancellationToken).ConfigureAwait(false);
        }

        if (approvedBy is not null && notes.Count > 0)
        {
            await audit.AppendAsync("notes", approvedBy, "notes-approved", cycle.ToString(CultureInfo.InvariantCulture), $"{notes.Count} notes", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<CuratedNote>> NotesAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Notes.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(e => new CuratedNote(cycle, e.GetString("Municipality"), e.GetString("BlockId"), e.GetString("OriginalText"), e.GetString("ContactRole"),
                Enum.Parse<NoteStatus>(e.GetString("Status")), e.GetString("EditedText"), e.GetString("CuratedBy"), e.GetDateTimeOffset("CuratedAt")))
            .OrderBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.BlockId, StringComparer.Ordinal)
            .ToList();

    /// <summary>Approve (optionally with an edited text) or hide a note; returns null when there is no such note.</summary>
    public async Task<CuratedNote?> CurateAsync(int cycle, string municipality, string blockId, NoteStatus status, string? editedText, string analyst, CancellationToken cancellationToken = default)
    {
        var note = (await NotesAsync(cycle, cancellationToken).ConfigureAwait(false)).FirstOrDefault(n => n.Municipality == municipality && n.BlockId == blockId);
        if (note is null)
        {
            return null;
        }

        var curated = note with { Status = status, EditedText = string.IsNullOrWhiteSpace(editedText) ? note.EditedText : editedText.Trim(), CuratedBy = analyst, CuratedAt = time.GetUtcNow() };
        await PutNoteAsync(curated, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync("notes", analyst, "note-" + status.ToString().ToLowerInvariant(), $"{cycle}/{municipality}/{blockId}", editedText is null ? null : "text edited", cancellationToken).ConfigureAwait(false);
        return curated;
    }

    private Task<Azure.Response> PutNoteAsync(CuratedNote note, CancellationToken cancellationToken) =>
        BenchmarkTables.Guard(() => tables.Notes.UpsertEntityAsync(
            new TableEntity(Partition(note.Cycle), $"{note.Municipality}_{note.BlockId}")
            {
                ["Municipality"] = note.Municipality,
                ["BlockId"] = note.BlockId,
                ["OriginalText"] = note.OriginalText,
                ["ContactRole"] = note.ContactRole,
                ["Status"] = note.Status.ToString(),
                ["EditedText"] = note.EditedText,
                ["CuratedBy"] = note.CuratedBy,
                ["CuratedAt"] = note.CuratedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken));

    /// <summary>Replaces the cycle's flags with a fresh set, keeping the dismissal of every flag that is raised again.</summary>
    public async Task ReplaceFlagsAsync(int cycle, IReadOnlyList<PlausibilityFlag> flags, CancellationToken cancellationToken = default)
    {
        var existing = (await FlagsAsync(cycle, cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var fresh = flags.GroupBy(FlagId, StringComparer.Ordinal).Select(g => g.First()).ToDictionary(FlagId, StringComparer.Ordinal);
        foreach (var gone in existing.Keys.Where(id => !fresh.ContainsKey(id)))
        {
            await BenchmarkTables.Guard(() => tables.Flags.DeleteEntityAsync(Partition(cycle), gone, ETag.All, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var (id, flag) in fresh)
        {
            var kept = existing.GetValueOrDefault(id);
            await PutFlagAsync(new StoredFlag(cycle, id, flag, kept?.Dismissed ?? false, kept?.DismissedBy, kept?.DismissedAt, kept?.Comment), cancellationToken).ConfigureAwait(false);
        }
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
        await PutFlagAsync(dismissed, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync("flags", analyst, "flag-dismissed", $"{cycle}/{id}", comment, cancellationToken).ConfigureAwait(false);
        return dismissed;
    }

    private Task<Azure.Response> PutFlagAsync(StoredFlag flag, CancellationToken cancellationToken) =>
        BenchmarkTables.Guard(() => tables.Flags.UpsertEntityAsync(
            new TableEntity(Partition(flag.Cycle), flag.Id)
            {
                ["Rule"] = flag.Flag.Rule.ToString(),
                ["Municipality"] = flag.Flag.Municipality,
                ["BlockId"] = flag.Flag.BlockId,
                ["Message"] = flag.Flag.Message,
                ["Dismissed"] = flag.Dismissed,
                ["DismissedBy"] = flag.DismissedBy,
                ["DismissedAt"] = flag.DismissedAt,
                ["Comment"] = flag.Comment,
            },
            TableUpdateMode.Replace,
            cancellationToken));

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
        await audit.AppendAsync("groups", analyst, "group-set", $"{cycle}/{group.Id}", $"{group.Members.Count} members", cancellationToken).ConfigureAwait(false);
    }
}
