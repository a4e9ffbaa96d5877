using System.Globalization;
using Azure.Data.Tables;
using Benchmark.Core.Application;

namespace Benchmark.Storage;

/// <summary>
/// Append-only log of what is not a submission version: changes to keys, cycles and curation, benchmark computations
/// and report batches, refused calls and failed sign-ins. Submission changes are logged by their version rows,
/// written atomically with the change.
/// </summary>
public sealed class AuditStore(BenchmarkTables tables, TimeProvider time) : IAuditLog
{
    public async Task AppendAsync(string area, string actor, string action, string subject, string? detail = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // Time-ordered and unique: ticks, then a random suffix so two entries in one tick never collide.
        var rowKey = $"{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}";
        var entity = new TableEntity(area, rowKey)
        {
            ["At"] = now,
            ["Actor"] = actor,
            ["Action"] = action,
            ["Subject"] = subject,
            ["Detail"] = detail,
        };
        // The row key is new (time and a random id), so an upsert adds it; unlike an add, it also succeeds when the SDK sends it again after a lost answer.
        await BenchmarkTables.Guard(() => tables.Audit.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string area, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(tables.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == area, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(e => new AuditEntry(e.GetDateTimeOffset("At")!.Value, e.GetString("Actor"), e.GetString("Action"), e.GetString("Subject"), e.GetString("Detail")))
            .ToList();
}
