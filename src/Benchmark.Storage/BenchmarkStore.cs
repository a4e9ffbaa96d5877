using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;

namespace Benchmark.Storage;

/// <summary>
/// Computed benchmarks. A computation writes its rows under a new run id and then points the cycle's
/// "current" row at it, so readers see one whole computation or the previous one, never a mix.
/// </summary>
public sealed class BenchmarkStore(BenchmarkTables tables) : IBenchmarkResults
{
    private const string Current = "current";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Partition(int cycle) => cycle.ToString(CultureInfo.InvariantCulture);

    /// <summary>Actions in one entity-group transaction at most (the service's limit).</summary>
    private const int RowsPerTransaction = 100;

    /// <summary>
    /// What one transaction carries at most, of the 4 MiB the service allows: binary properties travel as base64 (a third
    /// more) in a JSON body with the rest of each row, so this leaves room to spare.
    /// </summary>
    private const int BytesPerTransaction = 2 * 1024 * 1024;

    /// <summary>
    /// A row's size in a request at most, for rows this store may split: an entity holds 1 MiB, and the emulator counts
    /// binary properties as the base64 they travel as, so compressed payloads near the 900 KiB that one row may take are
    /// refused there.
    /// </summary>
    private const int RowBytesAtMost = 768 * 1024;

    /// <summary>Transactions in flight at once while the next rows are made: enough to keep storage busy, few enough not to swamp it.</summary>
    private const int TransactionsInFlight = 4;

    public async Task SaveAsync(BenchmarkSummary summary, IReadOnlyList<GroupBenchmark> groups, NationalView national, IEnumerable<MunicipalityResult> results, CancellationToken cancellationToken = default)
    {
        var partition = Partition(summary.Cycle);
        var rows = GroupRows(partition, summary.RunId, groups)
            .Append(Row(partition, $"{summary.RunId}_national", national))
            .Concat(results.Select(r => Row(partition, $"{summary.RunId}_pos_{r.Position.Municipality}", r)));

        // The rows are written in transactions as they are made, a few at once, so neither all rows nor all results are
        // ever held. They are only read once "current" points at this run, below, so a run cut short is never seen.
        var inFlight = new List<Task>(TransactionsInFlight);
        var batch = new List<TableEntity>(RowsPerTransaction);
        var batchBytes = 0;
        try
        {
            foreach (var (row, bytes) in rows)
            {
                if (batch.Count == RowsPerTransaction || (batch.Count > 0 && batchBytes + bytes > BytesPerTransaction))
                {
                    await SendAsync(batch).ConfigureAwait(false);
                    batch = new List<TableEntity>(RowsPerTransaction);
                    batchBytes = 0;
                }

                batch.Add(row);
                batchBytes += bytes;
            }

            if (batch.Count > 0)
            {
                await SendAsync(batch).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Nothing runs on after this method; the failure that stopped it is the one thrown, not a later one.
            await Task.WhenAll(inFlight).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);

        await BenchmarkTables.Guard(() => tables.Benchmarks.UpsertEntityAsync(Row(partition, Current, summary).Entity, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);

        async Task SendAsync(List<TableEntity> rowsOfOneTransaction)
        {
            if (inFlight.Count == TransactionsInFlight)
            {
                var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                inFlight.Remove(done);
                await done.ConfigureAwait(false);
            }

            inFlight.Add(BenchmarkTables.Guard(() => tables.Benchmarks.SubmitTransactionAsync(
                rowsOfOneTransaction.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken)));
        }
    }

    public Task<BenchmarkSummary?> SummaryAsync(int cycle, CancellationToken cancellationToken = default) =>
        ReadAsync<BenchmarkSummary>(Partition(cycle), Current, cancellationToken);

    public async Task<IReadOnlyList<GroupBenchmark>?> GroupsAsync(int cycle, CancellationToken cancellationToken = default)
    {
        if (await SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is not { } summary)
        {
            return null;
        }

        if (await ReadAsync<List<GroupBenchmark>>(Partition(cycle), $"{summary.RunId}_groups", cancellationToken).ConfigureAwait(false) is { } whole)
        {
            return whole;
        }

        // Too many groups for one row: they are in parts, in order (GroupRows).
        var from = $"{summary.RunId}_groups_";
        var parts = await BenchmarkTables.QueryAll(tables.Benchmarks.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition(cycle) && e.RowKey.CompareTo(from) > 0 && e.RowKey.CompareTo(from + "~") < 0,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return parts.Count == 0
            ? null
            : parts.OrderBy(p => p.RowKey, StringComparer.Ordinal).SelectMany(p => JsonSerializer.Deserialize<List<GroupBenchmark>>(Payload.Read(p), Json)!).ToList();
    }

    /// <summary>
    /// The statistics of every group: one row "{run}_groups" while they fit in one (as every run of a few hundred
    /// municipalities), else parts "{run}_groups_0000", "{run}_groups_0001", … of consecutive groups, each fitting in a
    /// row: ten thousand organisations form about a thousand groups, whose statistics take more than a row holds.
    /// </summary>
    private static List<(TableEntity Entity, int Bytes)> GroupRows(string partition, string runId, IReadOnlyList<GroupBenchmark> groups)
    {
        static bool Fit(List<(TableEntity Entity, int Bytes)> rows) => rows.All(r => r.Bytes <= RowBytesAtMost);
        try
        {
            if (new List<(TableEntity Entity, int Bytes)> { Row(partition, $"{runId}_groups", groups) } is var whole && Fit(whole))
            {
                return whole;
            }
        }
        catch (PayloadTooLargeException)
        {
        }

        for (var parts = 2; parts <= groups.Count; parts *= 2)
        {
            try
            {
                var size = (groups.Count + parts - 1) / parts;
                var rows = groups.Chunk(size).Select((part, i) => Row(partition, $"{runId}_groups_{i.ToString("D4", CultureInfo.InvariantCulture)}", part)).ToList();
                if (Fit(rows))
                {
                    return rows;
                }
            }
            catch (PayloadTooLargeException)
            {
            }
        }

        // Only when one group alone is too large for a row: say which, rather than store a run without it.
        return groups.Select((group, i) =>
        {
            try
            {
                return Row(partition, $"{runId}_groups_{i.ToString("D4", CultureInfo.InvariantCulture)}", new[] { group });
            }
            catch (PayloadTooLargeException e)
            {
                throw new PayloadTooLargeException($"The statistics of group '{group.Group.Id}' alone are too large to store: {e.Message}");
            }
        }).ToList();
    }

    public async Task<NationalView?> NationalAsync(int cycle, CancellationToken cancellationToken = default) =>
        await SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is { } summary
            ? await ReadAsync<NationalView>(Partition(cycle), $"{summary.RunId}_national", cancellationToken).ConfigureAwait(false)
            : null;

    public async Task<MunicipalityResult?> ResultAsync(int cycle, string municipality, CancellationToken cancellationToken = default) =>
        await SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is { } summary
            ? await ReadAsync<MunicipalityResult>(Partition(cycle), $"{summary.RunId}_pos_{municipality}", cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The municipalities with a result in the current run, by code.</summary>
    public async Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken = default)
    {
        if (await SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is not { } summary)
        {
            return [];
        }

        var from = $"{summary.RunId}_pos_";
        var rows = await BenchmarkTables.QueryAll(tables.Benchmarks.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition(cycle) && e.RowKey.CompareTo(from) > 0 && e.RowKey.CompareTo(from + "~") < 0,
            select: ["RowKey"],
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.RowKey[from.Length..]).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A row holding <paramref name="value"/>, and about how many bytes it takes in a transaction.</summary>
    private static (TableEntity Entity, int Bytes) Row<T>(string partition, string rowKey, T value)
    {
        var entity = new TableEntity(partition, rowKey);
        var compressed = Payload.Write(entity, value, Json);
        return (entity, (compressed * 4 / 3) + 1024);
    }

    private async Task<T?> ReadAsync<T>(string partition, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        var response = await BenchmarkTables.Guard(() => tables.Benchmarks.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? JsonSerializer.Deserialize<T>(Payload.Read(response.Value!), Json) : null;
    }
}
