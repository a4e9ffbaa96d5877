using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

public enum JobStatus
{
    Queued,
    Done,

    /// <summary>Failed at least once and will be tried again.</summary>
    Retrying,

    /// <summary>Failed too often; the message is in the poison queue.</summary>
    Poisoned,
}

public sealed record ReportJob(string Subject, JobStatus Status, int Attempts, bool Skipped, string? Error, DateTimeOffset UpdatedAt);

public sealed record ReportBatch(string Id, int Cycle, string RunId, int Total, IReadOnlyList<string> Languages, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ReportBatchStatus(ReportBatch Batch, int Queued, int Done, int Skipped, int Retrying, int Poisoned, IReadOnlyList<ReportJob> Failures)
{
    public bool Finished => Done + Poisoned == Batch.Total;
}

/// <summary>A report whose message ended in the poison queue, with the last error recorded for it.</summary>
public sealed record PoisonedReport(string Batch, int Cycle, string Subject, int Attempts, string? Error);

/// <summary>
/// Generating reports for a cycle: one queue message per municipality (plus the national report), each rendered by
/// whoever takes it from the queue (the queue-triggered function, or the local worker). Idempotent: a report whose
/// files already carry the current benchmark run is not rendered again, and files are overwritten under a fixed
/// name, so a repeated message never duplicates work or blobs.
/// </summary>
public sealed class ReportBatchService(
    ReportStorage storage,
    BenchmarkStore results,
    RegisterStore registers,
    SubmissionStore submissions,
    CurationStore curation,
    QuestionnaireCatalog catalog,
    IReportRenderer renderer,
    TimeProvider time)
{
    private static string BatchPartition(int cycle) => "batches_" + cycle.ToString(CultureInfo.InvariantCulture);

    public async Task<Outcome<ReportBatch>> StartAsync(int cycle, IReadOnlyList<string> languages, string actor, CancellationToken cancellationToken = default)
    {
        var summary = await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return new Refusal(RefusalKind.Conflict, "Not computed", $"Cycle {cycle} has not been benchmarked yet; compute it first ('benchmark compute --cycle {cycle}' or POST /api/v1/cycles/{cycle}/benchmark).");
        }

        var municipalities = await results.MunicipalitiesAsync(cycle, cancellationToken).ConfigureAwait(false);
        var subjects = municipalities.Append(ReportMessage.National).ToList();
        var now = time.GetUtcNow();
        var batch = new ReportBatch($"b{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}{Guid.NewGuid().ToString("N")[..6]}", cycle, summary.RunId, subjects.Count, languages, now, actor);

        // The rows first, so progress is known before any message can be taken.
        await BenchmarkTables.Guard(() => storage.Jobs.UpsertEntityAsync(new TableEntity(BatchPartition(cycle), batch.Id)
        {
            ["Cycle"] = cycle,
            ["RunId"] = batch.RunId,
            ["Total"] = batch.Total,
            ["Languages"] = string.Join(',', languages),
            ["CreatedAt"] = now,
            ["CreatedBy"] = actor,
        }, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        foreach (var chunk in subjects.Chunk(100))
        {
            await BenchmarkTables.Guard(() => storage.Jobs.SubmitTransactionAsync(
                chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, JobEntity(batch.Id, new ReportJob(s, JobStatus.Queued, 0, false, null, now)))),
                cancellationToken)).ConfigureAwait(false);
        }

        foreach (var chunk in subjects.Chunk(32))
        {
            await Task.WhenAll(chunk.Select(s => storage.SendAsync(new ReportMessage(batch.Id, cycle, s, languages), cancellationToken))).ConfigureAwait(false);
        }

        return batch;
    }

    /// <summary>Renders and stores one report. Throws when it fails, after recording the error; the caller retries or poisons the message.</summary>
    /// <returns>False when the files were already there for the current run (nothing rendered).</returns>
    public async Task<bool> ProcessAsync(ReportMessage message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        try
        {
            var rendered = await RenderIfNeededAsync(message, cancellationToken).ConfigureAwait(false);
            await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Done, (int)dequeueCount, !rendered, null, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return rendered;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Retrying, (int)dequeueCount, false, Describe(e), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Marks a report as given up (its message went to the poison queue), keeping the last error.</summary>
    public async Task RecordPoisonedAsync(ReportMessage message, long dequeueCount, string error, CancellationToken cancellationToken = default) =>
        await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Poisoned, (int)dequeueCount, false, error, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);

    public async Task<ReportBatchStatus?> StatusAsync(int cycle, string batchId, CancellationToken cancellationToken = default)
    {
        var row = await BenchmarkTables.Guard(() => storage.Jobs.GetEntityIfExistsAsync<TableEntity>(BatchPartition(cycle), batchId, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return null;
        }

        var batch = ToBatch(row.Value!);
        var jobs = (await BenchmarkTables.QueryAll(storage.Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == batchId, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToJob)
            // Under the Functions host the host moves a message to the poison queue itself; the attempts tell.
            .Select(j => j.Status == JobStatus.Retrying && j.Attempts >= ReportQueueWorker.DefaultMaxDequeueCount ? j with { Status = JobStatus.Poisoned } : j)
            .ToList();
        return new ReportBatchStatus(
            batch,
            jobs.Count(j => j.Status == JobStatus.Queued),
            jobs.Count(j => j.Status == JobStatus.Done),
            jobs.Count(j => j is { Status: JobStatus.Done, Skipped: true }),
            jobs.Count(j => j.Status == JobStatus.Retrying),
            jobs.Count(j => j.Status == JobStatus.Poisoned),
            jobs.Where(j => j.Status is JobStatus.Retrying or JobStatus.Poisoned).OrderBy(j => j.Subject, StringComparer.Ordinal).ToList());
    }

    public async Task<IReadOnlyList<ReportBatch>> BatchesAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await BenchmarkTables.QueryAll(storage.Jobs.QueryAsync<TableEntity>(e => e.PartitionKey == BatchPartition(cycle), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToBatch)
            .OrderByDescending(b => b.CreatedAt)
            .ToList();

    /// <summary>The poison queue's messages of a cycle, each with the error recorded when it last failed.</summary>
    public async Task<IReadOnlyList<PoisonedReport>> PoisonedAsync(int cycle, CancellationToken cancellationToken = default)
    {
        var result = new List<PoisonedReport>();
        foreach (var peeked in await storage.PeekPoisonAsync(cancellationToken).ConfigureAwait(false))
        {
            ReportMessage message;
            try
            {
                message = ReportMessage.Parse(peeked.Body.ToString());
            }
            catch (FormatException e)
            {
                result.Add(new PoisonedReport("", cycle, "(unreadable message)", (int)peeked.DequeueCount, e.Message));
                continue;
            }

            if (message.Cycle != cycle)
            {
                continue;
            }

            var job = await BenchmarkTables.Guard(() => storage.Jobs.GetEntityIfExistsAsync<TableEntity>(message.Batch, message.Subject, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var recorded = job.HasValue ? ToJob(job.Value!) : null;
            result.Add(new PoisonedReport(message.Batch, message.Cycle, message.Subject, recorded?.Attempts ?? 0, recorded?.Error));
        }

        return result;
    }

    private async Task<bool> RenderIfNeededAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        var summary = await results.SummaryAsync(message.Cycle, cancellationToken).ConfigureAwait(false)
                      ?? throw new InvalidOperationException($"Cycle {message.Cycle} has no benchmark results.");
        var missing = new List<string>();
        foreach (var language in message.Languages)
        {
            if (!await storage.HasRunAsync(message.Cycle, message.Subject, language, summary.RunId, cancellationToken).ConfigureAwait(false))
            {
                missing.Add(language);
            }
        }

        if (missing.Count == 0)
        {
            return false;
        }

        var dataDate = DateOnly.FromDateTime(summary.ComputedAt.UtcDateTime);
        foreach (var language in missing)
        {
            var lang = Languages.Parse(language);
            RenderedReport rendered;
            if (message.Subject == ReportMessage.National)
            {
                var national = await results.NationalAsync(message.Cycle, cancellationToken).ConfigureAwait(false)
                               ?? throw new InvalidOperationException($"Cycle {message.Cycle} has no national view.");
                rendered = renderer.National(NationalReportBuilder.Build(catalog.Model, national, dataDate, lang));
            }
            else
            {
                var input = await CouncilInputAsync(message.Cycle, message.Subject, dataDate, cancellationToken).ConfigureAwait(false);
                rendered = renderer.Council(CouncilReportBuilder.Build(input, lang));
            }

            // The HTML first and the PDF last: a report counts as present only when both carry the run id.
            await storage.UploadAsync(message.Cycle, message.Subject, language, "html", BinaryData.FromString(rendered.Html), summary.RunId, cancellationToken).ConfigureAwait(false);
            await storage.UploadAsync(message.Cycle, message.Subject, language, "pdf", BinaryData.FromBytes(rendered.Pdf), summary.RunId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>A council report's input from what is stored: the municipality's benchmark result (public statistics only), its score card and its open flags.</summary>
    public async Task<CouncilReportInput> CouncilInputAsync(int cycle, string municipality, DateOnly dataDate, CancellationToken cancellationToken = default)
    {
        var result = await results.ResultAsync(cycle, municipality, cancellationToken).ConfigureAwait(false)
                     ?? throw new InvalidOperationException($"{municipality} has no benchmark result in cycle {cycle}.");
        var register = await registers.GetAsync(cycle, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"No register covers {cycle}.");
        var stored = await submissions.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false)
                     ?? throw new InvalidOperationException($"{municipality} has no submission in cycle {cycle}.");
        var submission = stored.Record.Submission;
        var card = ScoringEngine.Score(catalog.Model, catalog.Version(submission.QuestionnaireVersion)!, submission);
        var flags = (await curation.FlagsAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(f => !f.Dismissed && f.Flag.Municipality == municipality)
            .Select(f => f.Flag)
            .ToList();
        return new CouncilReportInput(
            catalog.Model,
            register.Find(municipality) ?? throw new InvalidOperationException($"{municipality} is not in the register of {cycle}."),
            card,
            result.Position,
            result.Groups,
            result.Advice,
            result.Trends.Index,
            flags,
            cycle,
            dataDate);
    }

    private static string Describe(Exception e) => e switch
    {
        StorageUnavailableException => "Storage was unavailable.",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private async Task RecordAsync(string batch, ReportJob job, CancellationToken cancellationToken) =>
        await BenchmarkTables.Guard(() => storage.Jobs.UpsertEntityAsync(JobEntity(batch, job), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);

    private static TableEntity JobEntity(string batch, ReportJob job) => new(batch, job.Subject)
    {
        ["Status"] = job.Status.ToString(),
        ["Attempts"] = job.Attempts,
        ["Skipped"] = job.Skipped,
        ["Error"] = job.Error is { Length: > 2000 } text ? text[..2000] : job.Error,
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
public sealed class ReportQueueWorker(ReportStorage storage, ReportBatchService service, int maxDequeueCount = ReportQueueWorker.DefaultMaxDequeueCount, TimeSpan? retryDelay = null)
{
    /// <summary>The Functions host's default for queue triggers (host.json extensions.queues.maxDequeueCount).</summary>
    public const int DefaultMaxDequeueCount = 5;

    public int MaxDequeueCount { get; } = maxDequeueCount;

    private readonly TimeSpan _retryDelay = retryDelay ?? TimeSpan.FromSeconds(2);

    /// <summary>Takes up to <paramref name="count"/> messages and handles them in parallel; returns how many it took.</summary>
    public async Task<int> RunOnceAsync(int count, CancellationToken cancellationToken)
    {
        var messages = await storage.ReceiveAsync(count, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken }, async (queued, ct) =>
        {
            ReportMessage message;
            try
            {
                message = ReportMessage.Parse(queued.Body.ToString());
            }
            catch (FormatException)
            {
                // Retrying cannot fix it.
                await MoveToPoisonAsync(queued.Body.ToString(), queued.MessageId, queued.PopReceipt, ct).ConfigureAwait(false);
                return;
            }

            try
            {
                await service.ProcessAsync(message, queued.DequeueCount, ct).ConfigureAwait(false);
                await BenchmarkTables.Guard(() => storage.Queue.DeleteMessageAsync(queued.MessageId, queued.PopReceipt, ct)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (queued.DequeueCount >= MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queued.Body.ToString(), queued.MessageId, queued.PopReceipt, ct).ConfigureAwait(false);
                    await service.RecordPoisonedAsync(message, queued.DequeueCount, $"{e.GetType().Name}: {e.Message}", ct).ConfigureAwait(false);
                }
                else
                {
                    await BenchmarkTables.Guard(() => storage.Queue.UpdateMessageAsync(queued.MessageId, queued.PopReceipt, visibilityTimeout: _retryDelay, cancellationToken: ct)).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
        return messages.Count;
    }

    /// <summary>Keeps taking messages until cancelled, resting briefly when the queue is empty.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int taken;
            try
            {
                taken = await RunOnceAsync(16, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException)
            {
                taken = 0;
            }

            if (taken == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task MoveToPoisonAsync(string body, string id, string popReceipt, CancellationToken cancellationToken)
    {
        await BenchmarkTables.Guard(() => storage.Poison.SendMessageAsync(body, cancellationToken)).ConfigureAwait(false);
        await BenchmarkTables.Guard(() => storage.Queue.DeleteMessageAsync(id, popReceipt, cancellationToken)).ConfigureAwait(false);
    }
}
