using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Benchmark.Core.Application;

namespace Benchmark.Storage;

/// <summary>
/// The progress of the report batches in the ReportJobs table: a batch row in the partition "batches_{cycle}" (with the
/// hash of its token, never the token), and a row per report in the partition of the batch's id.
/// </summary>
public sealed class ReportBatchTable(ReportStorage storage) : IReportBatches
{
    /// <summary>The batch row's column with the SHA-256 hash of the batch's token.</summary>
    private const string TokenHashColumn = "TokenHash";

    /// <summary>Long enough for the reason an analyst reads; a whole stack trace is for the logs.</summary>
    private const int ErrorLength = 2000;

    private static string BatchPartition(int cycle) => "batches_" + cycle.ToString(CultureInfo.InvariantCulture);

    public async Task CreateAsync(StoredReportBatch batch, IReadOnlyList<ReportJob> jobs, CancellationToken cancellationToken)
    {
        var b = batch.Batch;
        await BenchmarkTables.Guard(() => storage.Jobs.UpsertEntityAsync(new TableEntity(BatchPartition(b.Cycle), b.Id)
        {
            ["Cycle"] = b.Cycle,
            ["RunId"] = b.RunId,
            ["Total"] = b.Total,
            ["Languages"] = string.Join(',', b.Languages),
            ["CreatedAt"] = b.CreatedAt,
            ["CreatedBy"] = b.CreatedBy,
            [TokenHashColumn] = batch.TokenHash,
        }, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);

        // A transaction holds at most 100 rows of one partition.
        foreach (var chunk in jobs.Chunk(100))
        {
            await BenchmarkTables.Guard(() => storage.Jobs.SubmitTransactionAsync(
                chunk.Select(j => new TableTransactionAction(TableTransactionActionType.UpsertReplace, JobEntity(b.Id, j))),
                cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<StoredReportBatch?> GetAsync(int cycle, string batchId, CancellationToken cancellationToken)
    {
        var row = await BenchmarkTables.Guard(() => storage.Jobs.GetEntityIfExistsAsync<TableEntity>(BatchPartition(cycle), batchId, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? new StoredReportBatch(ToBatch(entity), entity.GetString(TokenHashColumn)) : null;
    }

    public async Task<IReadOnlyList<ReportBatch>> ListAsync(int cycle, CancellationToken cancellationToken) =>
        (await BenchmarkTables.QueryAll(storage.Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == BatchPartition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToBatch)
            .ToList();

    public async Task<ReportJob?> GetJobAsync(string batchId, string subject, CancellationToken cancellationToken)
    {
        var row = await BenchmarkTables.Guard(() => storage.Jobs.GetEntityIfExistsAsync<TableEntity>(batchId, subject, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? ToJob(entity) : null;
    }

    public async Task<IReadOnlyList<ReportJob>> ListJobsAsync(string batchId, CancellationToken cancellationToken) =>
        (await BenchmarkTables.QueryAll(storage.Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == batchId, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToJob)
            .ToList();

    public async Task SaveJobAsync(string batchId, ReportJob job, CancellationToken cancellationToken) =>
        await BenchmarkTables.Guard(() => storage.Jobs.UpsertEntityAsync(JobEntity(batchId, job), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);

    public string? DescribeFailure(Exception failure) => failure is StorageUnavailableException ? "Storage was unavailable." : null;

    private static TableEntity JobEntity(string batch, ReportJob job) => new(batch, job.Subject)
    {
        ["Status"] = job.Status.ToString(),
        ["Attempts"] = job.Attempts,
        ["Skipped"] = job.Skipped,
        ["Error"] = job.Error is { Length: > ErrorLength } text ? text[..ErrorLength] : job.Error,
        ["UpdatedAt"] = job.UpdatedAt,
    };

    private static ReportJob ToJob(TableEntity e) => new(
        e.RowKey,
        Enum.Parse<JobStatus>(e.GetString("Status")),
        e.GetInt32("Attempts") ?? 0,
        e.GetBoolean("Skipped") ?? false,
        e.GetString("Error"),
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);

    private static ReportBatch ToBatch(TableEntity e) => new(
        e.RowKey,
        e.GetInt32("Cycle") ?? 0,
        e.GetString("RunId"),
        e.GetInt32("Total") ?? 0,
        (e.GetString("Languages") ?? "nl").Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CreatedBy") ?? "");
}

/// <summary>
/// Takes report messages from the queue when the app runs without the Functions host (locally, in tests, in the CLI):
/// the same work the queue-triggered function does, with the host's rules — a message that fails is tried again after
/// a delay and goes to the poison queue after <see cref="MaxDequeueCount"/> attempts.
/// </summary>
public sealed class ReportQueueWorker(ReportStorage storage, ReportService service, int maxDequeueCount = ReportQueueWorker.DefaultMaxDequeueCount, TimeSpan? retryDelay = null)
{
    /// <summary>The Functions host's default for queue triggers (host.json extensions.queues.maxDequeueCount).</summary>
    public const int DefaultMaxDequeueCount = ReportService.MaxAttempts;

    public int MaxDequeueCount { get; } = maxDequeueCount;

    private readonly TimeSpan _retryDelay = retryDelay ?? TimeSpan.FromSeconds(2);

    /// <summary>How long a taken message stays invisible to other workers while it is rendered.</summary>
    public static readonly TimeSpan Visibility = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Takes up to <paramref name="count"/> messages (no more than it renders at once, so none waits past its
    /// visibility) and handles them; returns how many it took. <paramref name="cancellationToken"/> only stops the
    /// taking: what was taken is finished, so a message is never left half-handled.
    /// </summary>
    public async Task<int> RunOnceAsync(int count, CancellationToken cancellationToken)
    {
        var parallel = Math.Max(1, Environment.ProcessorCount);
        cancellationToken.ThrowIfCancellationRequested();

        // The receive itself is never cut off: cancelled after the queue handed messages out, it would leave them invisible
        // to every worker for their whole visibility (two minutes), taken by nobody.
        var messages = await storage.ReceiveAsync(Math.Min(count, parallel), Visibility, CancellationToken.None).ConfigureAwait(false);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (queued, _) => await HandleAsync(queued).ConfigureAwait(false)).ConfigureAwait(false);
        return messages.Count;
    }

    /// <summary>Keeps taking messages until <paramref name="stop"/>, resting briefly when the queue is empty; storage trouble only pauses it.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            int taken;
            try
            {
                taken = await RunOnceAsync(16, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage unreachable, or the queue not there yet: try again shortly; the messages wait.
                taken = 0;
            }

            if (taken == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Handles one message and never throws: whatever goes wrong, the message is retried, poisoned or left to reappear.</summary>
    private async Task HandleAsync(QueueMessage queued)
    {
        var body = queued.Body.ToString();
        try
        {
            ReportMessage message;
            try
            {
                message = ReportMessage.Parse(body);
            }
            catch (FormatException)
            {
                // Retrying cannot fix it.
                await MoveToPoisonAsync(body, queued.MessageId, queued.PopReceipt).ConfigureAwait(false);
                return;
            }

            if (queued.DequeueCount > MaxDequeueCount)
            {
                // Taken too often already (a worker stopped while it had it): give up before trying again.
                await MoveToPoisonAsync(body, queued.MessageId, queued.PopReceipt).ConfigureAwait(false);
                await service.RecordPoisonedAsync(message, queued.DequeueCount, $"taken {queued.DequeueCount} times without finishing", CancellationToken.None).ConfigureAwait(false);
                return;
            }

            Exception? failure = null;
            try
            {
                if ((await service.ProcessAsync(message, queued.DequeueCount, CancellationToken.None).ConfigureAwait(false)).Result == ReportResult.Refused)
                {
                    // Not a message of the app's batches: trying again cannot change that, and nothing is recorded for it.
                    await MoveToPoisonAsync(body, queued.MessageId, queued.PopReceipt).ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e;
            }

            if (failure is null)
            {
                // Done; if the delete fails the message comes back and finds its files up to date.
                await IgnoringFailure(() => storage.Queue.DeleteMessageAsync(queued.MessageId, queued.PopReceipt)).ConfigureAwait(false);
            }
            else if (queued.DequeueCount >= MaxDequeueCount)
            {
                await MoveToPoisonAsync(body, queued.MessageId, queued.PopReceipt).ConfigureAwait(false);
                await service.RecordPoisonedAsync(message, queued.DequeueCount, $"{failure.GetType().Name}: {failure.Message}", CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await IgnoringFailure(() => storage.Queue.UpdateMessageAsync(queued.MessageId, queued.PopReceipt, visibilityTimeout: _retryDelay)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage trouble while recording: the message reappears after its visibility and is handled again.
        }
    }

    private static async Task IgnoringFailure(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            // A stale pop receipt or a lost answer; the queue's visibility rules take over.
        }
    }

    private async Task MoveToPoisonAsync(string body, string id, string popReceipt)
    {
        await BenchmarkTables.Guard(() => storage.Poison.SendMessageAsync(body)).ConfigureAwait(false);
        await IgnoringFailure(() => storage.Queue.DeleteMessageAsync(id, popReceipt)).ConfigureAwait(false);
    }
}
