using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

/// <summary>
/// The yearly cycles. They are read on every write, so they are cached briefly: a change made on this
/// instance is seen at once, one made elsewhere within <see cref="CacheDuration"/>.
/// </summary>
public sealed class CycleStore(BenchmarkTables tables, TimeProvider time) : Core.Application.ICycleRepository
{
    private const string Partition = "cycle";
    private readonly ConcurrentDictionary<int, (Cycle? Cycle, DateTimeOffset ReadAt)> _cache = new();

    public static TimeSpan CacheDuration { get; } = TimeSpan.FromSeconds(15);

    public async Task<Cycle?> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(year, out var cached) && time.GetUtcNow() - cached.ReadAt < CacheDuration)
        {
            return cached.Cycle;
        }

        var response = await BenchmarkTables.Guard(() => tables.Cycles.GetEntityIfExistsAsync<TableEntity>(Partition, Key(year), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var cycle = response.HasValue ? ToCycle(response.Value!) : null;
        _cache[year] = (cycle, time.GetUtcNow());
        return cycle;
    }

    public async Task<IReadOnlyList<Cycle>> ListAsync(CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Cycles.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToCycle)
            .OrderBy(c => c.Year)
            .ToList();

    public async Task SaveAsync(Cycle cycle, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition, Key(cycle.Year))
        {
            ["Questionnaire"] = cycle.QuestionnaireVersion,
            ["Status"] = cycle.Status.ToString(),
            ["Deadline"] = cycle.Deadline,
            ["OpenedAt"] = cycle.OpenedAt,
            ["ClosedAt"] = cycle.ClosedAt,
        };
        await BenchmarkTables.Guard(() => tables.Cycles.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        _cache[cycle.Year] = (cycle, time.GetUtcNow());
    }

    private static string Key(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static Cycle ToCycle(TableEntity entity) => new(
        int.Parse(entity.RowKey, CultureInfo.InvariantCulture),
        entity.GetString("Questionnaire"),
        Enum.Parse<CycleStatus>(entity.GetString("Status")),
        entity.GetDateTimeOffset("Deadline")!.Value,
        entity.GetDateTimeOffset("OpenedAt")!.Value,
        entity.GetDateTimeOffset("ClosedAt"));
}
