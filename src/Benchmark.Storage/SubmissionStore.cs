using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

/// <summary>
/// Submissions in one table, one partition per cycle. Every change replaces the current row and adds an
/// immutable version row in one entity-group transaction, so a change and its history are never apart.
/// A <see cref="StoredSubmission"/>'s token is the table's ETag of the current row.
/// </summary>
public sealed class SubmissionStore(BenchmarkTables tables, QuestionnaireCatalog catalog) : ISubmissionRepository, ICycleSubmissions
{
    private static readonly string[] MetadataColumns = ["Version", "PreviousVersion", "Status", "LastAction", "ChangedAt", "ChangedBy", "Comment"];

    public static string CurrentKey(string municipality) => "c_" + municipality;

    public static string VersionKey(string municipality, int version) => $"v_{municipality}_{version.ToString("D6", CultureInfo.InvariantCulture)}";

    private static string Partition(int cycle) => cycle.ToString(CultureInfo.InvariantCulture);

    /// <summary>How many current rows <see cref="_lastKnown"/> holds at most; a few hundred municipalities save in one cycle.</summary>
    private const int LastKnownLimit = 512;

    /// <summary>
    /// The current row of each submission as this instance last wrote or read it. The row is always read again (that
    /// read is what sees another instance's change), but when its ETag is the one remembered the row is unchanged, and
    /// its answers need not be decompressed and parsed again: a save reads the draft it wrote the time before.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Cycle, string Municipality), StoredSubmission> _lastKnown = new();

    public async Task<StoredSubmission?> GetAsync(int cycle, string municipality, CancellationToken cancellationToken = default)
    {
        var response = await BenchmarkTables.Guard(() => tables.Submissions.GetEntityIfExistsAsync<TableEntity>(Partition(cycle), CurrentKey(municipality), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var etag = entity.ETag.ToString("G") ?? "";
        if (etag.Length > 0 && _lastKnown.TryGetValue((cycle, municipality), out var known) && known.ETag == etag)
        {
            return known;
        }

        return Remember(Stored(ToRecord(entity), entity.ETag));
    }

    private StoredSubmission Remember(StoredSubmission stored)
    {
        if (stored.ETag.Length == 0)
        {
            return stored;
        }

        // Bounded by starting over: what is forgotten is only read and parsed once more.
        if (_lastKnown.Count >= LastKnownLimit)
        {
            _lastKnown.Clear();
        }

        _lastKnown[(stored.Record.Cycle, stored.Record.Municipality)] = stored;
        return stored;
    }

    /// <summary>Every current submission of a cycle: one range query within the cycle's partition.</summary>
    public async Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken = default)
    {
        var records = new List<SubmissionRecord>();
        await foreach (var record in ReadAsync(cycle, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Rows per page of a cycle's submissions: small enough that reading the first page overlaps with fetching the next.</summary>
    private const int PageSize = 200;

    /// <summary>Pages fetched ahead of the reader at most, so a slow reader does not make the whole cycle pile up in memory.</summary>
    private const int PagesAhead = 2;

    /// <summary>
    /// Every current submission of a cycle as it is read: one range query within the cycle's partition, whose next page
    /// is fetched while the caller decompresses, parses and works on this one (issue 19: reading overlapped with work).
    /// </summary>
    public async IAsyncEnumerable<SubmissionRecord> ReadAsync(int cycle, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(cycle)} and RowKey ge {"c_"} and RowKey lt {"c`"}");
        var pages = System.Threading.Channels.Channel.CreateBounded<IReadOnlyList<TableEntity>>(
            new System.Threading.Channels.BoundedChannelOptions(PagesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetching = Task.Run(
            async () =>
            {
                try
                {
                    await BenchmarkTables.Guard(async () =>
                    {
                        await foreach (var page in tables.Submissions.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: stop.Token).AsPages().ConfigureAwait(false))
                        {
                            await pages.Writer.WriteAsync(page.Values, stop.Token).ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);
                }
                finally
                {
                    // Ends the reader's loop either way; a failure surfaces from the task below.
                    pages.Writer.TryComplete();
                }
            },
            CancellationToken.None);

        try
        {
            while (await pages.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (pages.Reader.TryRead(out var page))
                {
                    foreach (var entity in page)
                    {
                        // Pages fetched ahead are not read on for a reader that gave up.
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return ToRecord(entity);
                    }
                }
            }

            await fetching.ConfigureAwait(false);
        }
        finally
        {
            // A reader that stops early (or fails) stops the fetching too, and waits for it, so nothing runs on after it.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await fetching.ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Its failure, if any, was thrown above already, or nobody is reading any more.
            }
        }
    }

    public async Task<IReadOnlyList<VersionInfo>> VersionsAsync(int cycle, string municipality, CancellationToken cancellationToken = default)
    {
        var prefix = $"v_{municipality}_";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(cycle)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        return (await BenchmarkTables.QueryAll(tables.Submissions.QueryAsync<TableEntity>(filter, select: MetadataColumns, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(entity => new VersionInfo(
                entity.GetInt32("Version")!.Value,
                entity.GetInt32("PreviousVersion"),
                Enum.Parse<SubmissionStatus>(entity.GetString("Status")),
                Enum.Parse<SubmissionAction>(entity.GetString("LastAction")),
                entity.GetDateTimeOffset("ChangedAt")!.Value,
                entity.GetString("ChangedBy"),
                entity.GetString("Comment")))
            .OrderBy(v => v.Version)
            .ToList();
    }

    public async Task<SubmissionRecord?> VersionAsync(int cycle, string municipality, int version, CancellationToken cancellationToken = default)
    {
        var response = await BenchmarkTables.Guard(() => tables.Submissions.GetEntityIfExistsAsync<TableEntity>(Partition(cycle), VersionKey(municipality, version), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    /// <summary>
    /// Writes the next version: replaces the current row (only if it still has <paramref name="current"/>'s ETag)
    /// and adds the version row, atomically. Throws <see cref="ConcurrentChangeException"/> when someone was first.
    /// </summary>
    public async Task<StoredSubmission> WriteAsync(StoredSubmission? current, SubmissionRecord next, CancellationToken cancellationToken = default)
    {
        if (next.Version != (current?.Record.Version ?? 0) + 1)
        {
            throw new ArgumentException($"The next version must be {(current?.Record.Version ?? 0) + 1}, not {next.Version}.", nameof(next));
        }

        var partition = Partition(next.Cycle);
        var row = ToEntity(next, partition, CurrentKey(next.Municipality), current?.Record.Version);

        // The version row is the same entity under another key: the answers are serialised and compressed once.
        var version = new TableEntity(row) { RowKey = VersionKey(next.Municipality, next.Version), ETag = default };
        TableTransactionAction[] actions =
        [
            current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag.Length == 0 ? default : new ETag(current.ETag)),
            new TableTransactionAction(TableTransactionActionType.Add, version),
        ];

        try
        {
            var response = await BenchmarkTables.Guard(() => tables.Submissions.SubmitTransactionAsync(actions, cancellationToken)).ConfigureAwait(false);
            return Remember(Stored(next, response.Value[0].Headers.ETag ?? default));
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // The SDK retries a transaction whose answer was lost (a time-out under load); the retry then meets its own
            // first attempt. That is a success, not a conflict — but only when the stored row is exactly this write.
            if (await IsAlreadyWrittenAsync(next, cancellationToken).ConfigureAwait(false) is { } written)
            {
                return written;
            }

            throw new ConcurrentChangeException($"Submission {next.Municipality} for cycle {next.Cycle} was changed by someone else.", e);
        }
    }

    private async Task<StoredSubmission?> IsAlreadyWrittenAsync(SubmissionRecord next, CancellationToken cancellationToken)
    {
        var response = await BenchmarkTables.Guard(() => tables.Submissions.GetEntityIfExistsAsync<TableEntity>(Partition(next.Cycle), CurrentKey(next.Municipality), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var stored = response.Value!;
        var expected = ToEntity(next, stored.PartitionKey, stored.RowKey, null);
        var same = stored.GetInt32("Version") == next.Version
                   && stored.GetString("LastAction") == expected.GetString("LastAction")
                   && stored.GetString("ChangedBy") == next.ChangedBy
                   && stored.GetDateTimeOffset("ChangedAt") == next.ChangedAt
                   && Payload.Read(stored) == Payload.Read(expected);
        return same ? Stored(next, stored.ETag) : null;
    }

    async Task<SubmissionWrite> ISubmissionRepository.TryWriteAsync(StoredSubmission? current, SubmissionRecord version, CancellationToken cancellationToken)
    {
        try
        {
            var written = await WriteAsync(current, version, cancellationToken).ConfigureAwait(false);
            BenchmarkTelemetry.SubmissionWritten(version.LastAction.ToString());
            return new SubmissionWrite.Written(written);
        }
        catch (ConcurrentChangeException)
        {
            return new SubmissionWrite.Overtaken();
        }
        catch (PayloadTooLargeException e)
        {
            return new SubmissionWrite.TooLarge(e.Message);
        }
    }

    private static StoredSubmission Stored(SubmissionRecord record, ETag etag) => new(record, etag.ToString("G") ?? "");

    private TableEntity ToEntity(SubmissionRecord record, string partition, string rowKey, int? previousVersion)
    {
        var questionnaire = catalog.Version(record.Submission.QuestionnaireVersion)
                            ?? throw new InvalidOperationException($"Unknown questionnaire version {record.Submission.QuestionnaireVersion}.");
        var entity = new TableEntity(partition, rowKey)
        {
            ["Municipality"] = record.Municipality,
            ["Cycle"] = record.Cycle,
            ["Version"] = record.Version,
            ["PreviousVersion"] = previousVersion,
            ["Status"] = record.Status.ToString(),
            ["LastAction"] = record.LastAction.ToString(),
            ["ChangedAt"] = record.ChangedAt,
            ["ChangedBy"] = record.ChangedBy,
            ["Comment"] = record.Comment,
            ["Reopened"] = record.Reopened,
            ["Questionnaire"] = questionnaire.Version,
        };
        Payload.Write(entity, SubmissionJson.WriteUtf8(record.Submission, questionnaire).Span);
        return entity;
    }

    private SubmissionRecord ToRecord(TableEntity entity)
    {
        var json = Payload.Read(entity);
        var (submission, errors) = SubmissionJson.Read(json, catalog.Version, ValidationMode.Draft);
        if (submission is null)
        {
            throw new InvalidDataException($"Stored submission {entity.PartitionKey}/{entity.RowKey} no longer fits its questionnaire: {string.Join("; ", errors)}");
        }

        return new SubmissionRecord(
            entity.GetString("Municipality"),
            entity.GetInt32("Cycle")!.Value,
            entity.GetInt32("Version")!.Value,
            Enum.Parse<SubmissionStatus>(entity.GetString("Status")),
            submission,
            Enum.Parse<SubmissionAction>(entity.GetString("LastAction")),
            entity.GetDateTimeOffset("ChangedAt")!.Value,
            entity.GetString("ChangedBy"),
            entity.GetString("Comment"),
            entity.GetBoolean("Reopened") ?? false);
    }
}
