namespace Benchmark.Storage;

/// <summary>
/// Makes what the service stores in exist: the tables, the report queues and the report containers. The app does it in
/// the background at start, the CLI before a command; both through this, so neither reaches a table itself.
/// </summary>
public sealed class StorageSetup(BenchmarkTables tables, ReportStorage reports)
{
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await tables.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await reports.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }
}
