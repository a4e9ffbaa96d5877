using Azure;
using Azure.Core;
using Azure.Data.Tables;

namespace Benchmark.Storage;

/// <summary>The tables of the service. See docs/storage.md for their keys and why.</summary>
public sealed class BenchmarkTables
{
    public BenchmarkTables(StorageSettings settings)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = settings.NetworkTimeout;
        settings.Validate();
        Service = settings.CreateTableService(options);
        Submissions = Service.GetTableClient(settings.TablePrefix + "Submissions");
        Cycles = Service.GetTableClient(settings.TablePrefix + "Cycles");
        Keys = Service.GetTableClient(settings.TablePrefix + "ApiKeys");
        Audit = Service.GetTableClient(settings.TablePrefix + "Audit");
        Registers = Service.GetTableClient(settings.TablePrefix + "Registers");
        Benchmarks = Service.GetTableClient(settings.TablePrefix + "Benchmarks");
        Notes = Service.GetTableClient(settings.TablePrefix + "PracticeNotes");
        Flags = Service.GetTableClient(settings.TablePrefix + "Flags");
        Groups = Service.GetTableClient(settings.TablePrefix + "PeerGroups");
        ReportJobs = Service.GetTableClient(settings.TablePrefix + "ReportJobs");
        DataProtectionKeys = Service.GetTableClient(settings.TablePrefix + "DataProtectionKeys");
        Sessions = Service.GetTableClient(settings.TablePrefix + "Sessions");
    }

    public TableServiceClient Service { get; }

    /// <summary>PartitionKey: cycle year. RowKey: c_{GM code} (current state) or v_{GM code}_{version:000000} (every version, never changed).</summary>
    public TableClient Submissions { get; }

    /// <summary>PartitionKey: "cycle". RowKey: year.</summary>
    public TableClient Cycles { get; }

    /// <summary>PartitionKey: "key". RowKey: SHA-256 of the key (hex). Keys themselves are never stored.</summary>
    public TableClient Keys { get; }

    /// <summary>PartitionKey: what the event is about ("keys", "cycles"). RowKey: time-ordered id.</summary>
    public TableClient Audit { get; }

    /// <summary>PartitionKey: "{year}_{import id}" per import, plus a pointer row per year in partition "current". RowKey: GM code.</summary>
    public TableClient Registers { get; }

    /// <summary>PartitionKey: cycle year. RowKey: "current" (which run is current) or "{run id}_groups|national|pos_{GM code}".</summary>
    public TableClient Benchmarks { get; }

    /// <summary>PartitionKey: cycle year. RowKey: "{GM code}_{block id}". Practice notes and their curation.</summary>
    public TableClient Notes { get; }

    /// <summary>PartitionKey: cycle year. RowKey: "{GM code}_{rule}_{block id or 'all'}". Plausibility flags and their dismissal.</summary>
    public TableClient Flags { get; }

    /// <summary>PartitionKey: cycle year. RowKey: custom group id. Analyst-defined peer groups.</summary>
    public TableClient Groups { get; }

    /// <summary>PartitionKey: "batches_{year}" (one row per batch) or the batch id (one row per report in it). RowKey: batch id or subject (GM code, "national").</summary>
    public TableClient ReportJobs { get; }

    /// <summary>
    /// PartitionKey: "key". RowKey: the key's id. The keys that protect the web pages' session and antiforgery cookies,
    /// shared by every instance; their secret part is encrypted with the app's secret, which is kept outside storage.
    /// </summary>
    public TableClient DataProtectionKeys { get; }

    /// <summary>PartitionKey: "session". RowKey: SHA-256 of a web session's id (hex); the id itself is only in the visitor's cookie.</summary>
    public TableClient Sessions { get; }

    public IEnumerable<TableClient> All => [.. BackedUp, .. NotBackedUp];

    /// <summary>The service's data: what a backup holds and a restore puts back.</summary>
    public IEnumerable<TableClient> BackedUp => [Submissions, Cycles, Keys, Audit, Registers, Benchmarks, Notes, Flags, Groups, ReportJobs];

    /// <summary>
    /// What only serves the web sessions of the running service. Left out of backups, so a backup never carries anything
    /// that helps to mint a session; after a restore everyone signs in again.
    /// </summary>
    public IEnumerable<TableClient> NotBackedUp => [DataProtectionKeys, Sessions];

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            await Guard(() => table.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a storage call, turning "cannot reach storage" into <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StorageUnavailableException("Storage is unavailable.", e);
        }
    }

    /// <summary>Connection failures, time-outs and server errors; the SDK wraps them in an AggregateException after its retries.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or >= 500,
        HttpRequestException or TimeoutException or System.Net.Sockets.SocketException => true,
        // The SDK reports its own network time-out as a cancelled task whose (internal) token is cancelled, so the token
        // cannot tell a time-out from a caller that gave up. Both mean the call did not complete; a caller that gave up
        // no longer waits for the answer, so calling it "unavailable" costs nothing, while a time-out must never be a 500.
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };

    /// <summary>Runs a query to the end, as one guarded call.</summary>
    public static Task<List<T>> QueryAll<T>(AsyncPageable<T> query)
        where T : notnull => Guard(async () =>
        {
            var result = new List<T>();
            await foreach (var item in query.ConfigureAwait(false))
            {
                result.Add(item);
            }

            return result;
        });

    public static async Task Guard(Func<Task> call) => await Guard(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);
}
