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

    public async Task SaveAsync(BenchmarkSummary summary, IReadOnlyList<GroupBenchmark> groups, NationalView national, IReadOnlyList<MunicipalityResult> results, CancellationToken cancellationToken = default)
    {
        var partition = Partition(summary.Cycle);
        var rows = new List<TableEntity>
        {
            Row(partition, $"{summary.RunId}_groups", groups),
            Row(partition, $"{summary.RunId}_national", national),
        };
        rows.AddRange(results.Select(r => Row(partition, $"{summary.RunId}_pos_{r.Position.Municipality}", r)));
        foreach (var batch in rows.Chunk(2))
        {
            // Small batches: a row may come close to the 1 MiB entity limit, binary travels as base64 (a third more), and a transaction carries at most 4 MiB.
            await BenchmarkTables.Guard(() => tables.Benchmarks.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken)).ConfigureAwait(false);
        }

        await BenchmarkTables.Guard(() => tables.Benchmarks.UpsertEntityAsync(Row(partition, Current, summary), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
    }

    public Task<BenchmarkSummary?> SummaryAsync(int cycle, CancellationToken cancellationToken = default) =>
        ReadAsync<BenchmarkSummary>(Partition(cycle), Current, cancellationToken);

    public async Task<IReadOnlyList<GroupBenchmark>?> GroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        await SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is { } summary
            ? await ReadAsync<List<GroupBenchmark>>(Partition(cycle), $"{summary.RunId}_groups", cancellationToken).ConfigureAwait(false)
            : null;

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

    private static TableEntity Row<T>(string partition, string rowKey, T value)
    {
        var entity = new TableEntity(partition, rowKey);
        Payload.Write(entity, JsonSerializer.Serialize(value, Json));
        return entity;
    }

    private async Task<T?> ReadAsync<T>(string partition, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        var response = await BenchmarkTables.Guard(() => tables.Benchmarks.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? JsonSerializer.Deserialize<T>(Payload.Read(response.Value!), Json) : null;
    }
}
