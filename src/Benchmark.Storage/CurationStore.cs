using System.Globalization;
using Azure.Data.Tables;
using Azure;
using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;

namespace Benchmark.Storage;

/// <summary>
/// Practice notes, plausibility flags and custom peer groups of a cycle; each table is partitioned by cycle. Storage
/// only: what may change, and the audit of it, is <see cref="CurationService"/>'s.
/// </summary>
public sealed class CurationStore(BenchmarkTables tables) : ICurationRepository
{
    private static string Partition(int cycle) => cycle.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes rows of one partition in transactions of 100, the most one may hold.</summary>
    private static async Task UpsertAllAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await BenchmarkTables.Guard(() => table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task SyncNotesAsync(int cycle, IReadOnlyList<CuratedNote> changed, IReadOnlyList<CuratedNote> removed, CancellationToken cancellationToken = default)
    {
        // Rows from before notes were kept per question have no question id: they are replaced by the current ones.
        var rows = await BenchmarkTables.QueryAll(tables.Notes.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var legacy in rows.Where(e => string.IsNullOrEmpty(e.GetString("QuestionId"))))
        {
            await BenchmarkTables.Guard(() => tables.Notes.DeleteEntityAsync(legacy.PartitionKey, legacy.RowKey, ETag.All, cancellationToken)).ConfigureAwait(false);
        }

        await UpsertAllAsync(tables.Notes, changed.Select(ToEntity), cancellationToken).ConfigureAwait(false);
        foreach (var gone in removed)
        {
            await BenchmarkTables.Guard(() => tables.Notes.DeleteEntityAsync(Partition(gone.Cycle), NoteKey(gone.Municipality, gone.QuestionId), ETag.All, cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<CuratedNote>> NotesAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Notes.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Where(e => !string.IsNullOrEmpty(e.GetString("QuestionId")))
            .Select(e => ToNote(cycle, e))
            .OrderBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.QuestionId, StringComparer.Ordinal)
            .ToList();

    public async Task<CuratedNote?> NoteAsync(int cycle, string municipality, string questionId, CancellationToken cancellationToken = default)
    {
        var response = await BenchmarkTables.Guard(() => tables.Notes.GetEntityIfExistsAsync<TableEntity>(Partition(cycle), NoteKey(municipality, questionId), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue && !string.IsNullOrEmpty(response.Value!.GetString("QuestionId")) ? ToNote(cycle, response.Value) : null;
    }

    public Task SaveNoteAsync(CuratedNote note, CancellationToken cancellationToken = default) =>
        BenchmarkTables.Guard(() => tables.Notes.UpsertEntityAsync(ToEntity(note), TableUpdateMode.Replace, cancellationToken));

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

    public async Task ReplaceFlagsAsync(int cycle, IReadOnlyList<StoredFlag> flags, IReadOnlyList<StoredFlag>? current = null, CancellationToken cancellationToken = default)
    {
        current ??= await FlagsAsync(cycle, cancellationToken).ConfigureAwait(false);
        var fresh = flags.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in current.Where(f => !fresh.Contains(f.Id)))
        {
            await BenchmarkTables.Guard(() => tables.Flags.DeleteEntityAsync(Partition(cycle), gone.Id, ETag.All, cancellationToken)).ConfigureAwait(false);
        }

        // A computation raises mostly the flags it raised before: only what differs from the stored row is written.
        var stored = current.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        await UpsertAllAsync(tables.Flags, flags.Where(f => !(stored.TryGetValue(f.Id, out var same) && same == f)).Select(ToEntity), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredFlag>> FlagsAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Flags.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(e => new StoredFlag(
                cycle,
                e.RowKey,
                new PlausibilityFlag(Enum.Parse<FlagRule>(e.GetString("Rule")), e.GetString("Municipality"), cycle, e.GetString("BlockId"), new LocalizedText(e.GetString("MessageNl") ?? e.GetString("Message"), e.GetString("Message"))),
                e.GetBoolean("Dismissed") ?? false,
                e.GetString("DismissedBy"),
                e.GetDateTimeOffset("DismissedAt"),
                e.GetString("Comment")))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    public Task SaveFlagAsync(StoredFlag flag, CancellationToken cancellationToken = default) =>
        BenchmarkTables.Guard(() => tables.Flags.UpsertEntityAsync(ToEntity(flag), TableUpdateMode.Replace, cancellationToken));

    private static TableEntity ToEntity(StoredFlag flag) =>
            new(Partition(flag.Cycle), flag.Id)
            {
                ["Rule"] = flag.Flag.Rule.ToString(),
                ["Municipality"] = flag.Flag.Municipality,
                ["BlockId"] = flag.Flag.BlockId,
                // "Message" kept its name and its English text when the Dutch one was added, so older rows still read.
                ["Message"] = flag.Flag.Message.En,
                ["MessageNl"] = flag.Flag.Message.Nl,
                ["Dismissed"] = flag.Dismissed,
                ["DismissedBy"] = flag.DismissedBy,
                ["DismissedAt"] = flag.DismissedAt,
                ["Comment"] = flag.Comment,
            };

    public async Task<IReadOnlyList<CustomGroup>> GroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Groups.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(e => new CustomGroup(e.RowKey, e.GetString("Label"), e.GetString("Members").Split('|', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();

    public Task SaveGroupAsync(int cycle, CustomGroup group, CancellationToken cancellationToken = default) =>
        BenchmarkTables.Guard(() => tables.Groups.UpsertEntityAsync(
            new TableEntity(Partition(cycle), group.Id) { ["Label"] = group.Label, ["Members"] = string.Join('|', group.Members) },
            TableUpdateMode.Replace,
            cancellationToken));
}
