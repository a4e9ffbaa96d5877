using System.Globalization;
using Azure.Data.Tables;

namespace Benchmark.Storage;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string? Detail);

/// <summary>
/// Append-only log of what is not a submission version: changes to keys, cycles and curation, benchmark computations
/// and report batches, refused calls and failed sign-ins. Submission changes are logged by their version rows,
/// written atomically with the change.
/// </summary>
public sealed class AuditStore(BenchmarkTables tables, TimeProvider time) : Core.Application.IAuditLog
{
    public const string KeysArea = "keys";
    public const string CyclesArea = Core.Application.CycleService.AuditArea;
    public const string NotesArea = "notes";
    public const string FlagsArea = "flags";
    public const string GroupsArea = "groups";

    /// <summary>Failed sign-ins on the web pages.</summary>
    public const string SignInArea = "sign-in";

    /// <summary>Calls and pages refused by a role policy, whatever the key's role.</summary>
    public const string RefusalsArea = "refusals";

    /// <summary>Benchmark computations: who computed which cycle, the run id and what it counted.</summary>
    public const string ComputationsArea = "computations";

    /// <summary>Report batches started: batch id, run id, languages, number of reports.</summary>
    public const string ReportsArea = "reports";

    /// <summary>
    /// Every area written under its own name, and so readable by that name. The per-submission access areas are not
    /// here: they belong to a submission and are read with its trail.
    /// </summary>
    public static IReadOnlyList<string> Areas { get; } = [KeysArea, CyclesArea, NotesArea, FlagsArea, GroupsArea, SignInArea, RefusalsArea, ComputationsArea, ReportsArea];

    public static bool IsArea(string area) => Areas.Contains(area, StringComparer.Ordinal);

    /// <summary>Refused attempts on one submission: its own partition, so its trail is one partition query.</summary>
    public static string AccessArea(int cycle, string municipality) => $"access-{cycle.ToString(CultureInfo.InvariantCulture)}-{municipality}";

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
