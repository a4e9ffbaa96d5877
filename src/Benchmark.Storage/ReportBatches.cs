using Benchmark.Core.Application;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
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

/// <summary>What handling one report message came to.</summary>
public enum ReportResult
{
    /// <summary>Rendered and stored, stamped with the batch's benchmark run.</summary>
    Rendered,

    /// <summary>The files already carried the batch's run (a repeated delivery or a repeated batch): nothing rendered.</summary>
    UpToDate,

    /// <summary>The cycle was computed again after the batch started: nothing rendered; a batch of the new run renders it.</summary>
    Superseded,

    /// <summary>Not a message of one of the app's batches (<see cref="ProcessedReport.Refusal"/> says why): nothing rendered, nothing written.</summary>
    Refused,
}

/// <summary>Why a report message was refused before anything was rendered or written.</summary>
public enum MessageRefusal
{
    /// <summary>The message's cycle has no batch of that id.</summary>
    UnknownBatch,

    /// <summary>The message carries no token: made up, or queued before batches had tokens (such a batch must be started again).</summary>
    MissingToken,

    /// <summary>The token is not the batch's.</summary>
    WrongToken,

    /// <summary>The batch has no report for the message's subject.</summary>
    UnknownSubject,
}

/// <summary>What handling one report message came to, and, when it was refused, why.</summary>
public sealed record ProcessedReport(ReportResult Result, MessageRefusal? Refusal = null)
{
    public static ProcessedReport Refused(MessageRefusal refusal) => new(ReportResult.Refused, refusal);
}

/// <summary>A report whose message ended in the poison queue, with the last error recorded for it.</summary>
public sealed record PoisonedReport(string Batch, int Cycle, string Subject, int Attempts, string? Error);

/// <summary>
/// Generating reports for a cycle: one queue message per municipality (plus the national report), each rendered by
/// whoever takes it from the queue (the queue-triggered function, or the local worker). Idempotent: a report whose
/// files already carry the current benchmark run is not rendered again, and files are overwritten under a fixed
/// name, so a repeated message never duplicates work or blobs. Only the app's own messages are handled: each batch has a
/// token that its messages carry (<see cref="ReportBatchToken"/>), and a message is checked against its batch before
/// anything is rendered or written, whoever delivers it.
/// </summary>
public sealed class ReportBatchService(
    ReportStorage storage,
    BenchmarkStore results,
    RegisterStore registers,
    SubmissionStore submissions,
    CurationStore curation,
    QuestionnaireCatalog catalog,
    IReportRenderer renderer,
    AuditStore audit,
    TimeProvider time)
{
    /// <summary>A batch older than this no longer blocks a new one, finished or not (its messages may have been lost).</summary>
    public static readonly TimeSpan UnfinishedBatchWindow = TimeSpan.FromMinutes(30);

    /// <summary>The batch row's column with the SHA-256 hash of the batch's token.</summary>
    private const string TokenHashColumn = "TokenHash";

    private static string BatchPartition(int cycle) => "batches_" + cycle.ToString(CultureInfo.InvariantCulture);

    public async Task<Outcome<ReportBatch>> StartAsync(int cycle, IReadOnlyList<string> languages, string actor, CancellationToken cancellationToken = default)
    {
        var summary = await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return new Refusal(RefusalKind.Conflict, "Not computed", $"Cycle {cycle} has not been benchmarked yet; compute it first ('benchmark compute --cycle {cycle}' or POST /api/v1/cycles/{cycle}/benchmark).");
        }

        // Two batches of the same run at once would render every report twice, side by side.
        foreach (var earlier in (await BatchesAsync(cycle, cancellationToken).ConfigureAwait(false)).Where(b => b.RunId == summary.RunId && time.GetUtcNow() - b.CreatedAt < UnfinishedBatchWindow))
        {
            if (await StatusAsync(cycle, earlier.Id, cancellationToken).ConfigureAwait(false) is { Finished: false } running)
            {
                return new Refusal(RefusalKind.Conflict, "Batch running", $"Batch {running.Batch.Id} for this benchmark run is still running ({running.Done + running.Poisoned} of {running.Batch.Total} done); follow it, or start again when it has finished.");
            }
        }

        var municipalities = await results.MunicipalitiesAsync(cycle, cancellationToken).ConfigureAwait(false);
        var subjects = municipalities.Append(ReportMessage.National).ToList();
        var now = time.GetUtcNow();
        var batch = new ReportBatch($"b{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}{Guid.NewGuid().ToString("N")[..6]}", cycle, summary.RunId, subjects.Count, languages, now, actor);

        // Only the messages carry the token itself; it is not part of the batch that analysts are shown.
        var token = ReportBatchToken.New();

        // The rows first, so progress is known before any message can be taken.
        await BenchmarkTables.Guard(() => storage.Jobs.UpsertEntityAsync(new TableEntity(BatchPartition(cycle), batch.Id)
        {
            ["Cycle"] = cycle,
            ["RunId"] = batch.RunId,
            ["Total"] = batch.Total,
            ["Languages"] = string.Join(',', languages),
            ["CreatedAt"] = now,
            ["CreatedBy"] = actor,
            [TokenHashColumn] = ReportBatchToken.Hash(token),
        }, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        foreach (var chunk in subjects.Chunk(100))
        {
            await BenchmarkTables.Guard(() => storage.Jobs.SubmitTransactionAsync(
                chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, JobEntity(batch.Id, new ReportJob(s, JobStatus.Queued, 0, false, null, now)))),
                cancellationToken)).ConfigureAwait(false);
        }

        var sent = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            foreach (var chunk in subjects.Chunk(32))
            {
                await Task.WhenAll(chunk.Select(async s =>
                {
                    await storage.SendAsync(new ReportMessage(batch.Id, cycle, s, languages, token), cancellationToken).ConfigureAwait(false);
                    sent.Add(s);
                })).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A report without a message would keep the batch unfinished for ever: record those as failed, with why.
            var error = $"could not be queued: {Describe(e)}";
            foreach (var subject in subjects.Except(sent, StringComparer.Ordinal))
            {
                await RecordAsync(batch.Id, new ReportJob(subject, JobStatus.Poisoned, 0, false, error, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            }

            return new Refusal(RefusalKind.Conflict, "Not queued", $"Batch {batch.Id}: {subjects.Count - sent.Count} of {subjects.Count} reports could not be queued ({Describe(e)}); they are listed as failed. Start the batch again.");
        }

        // Here rather than in the API, so a batch started from the pages or the command line is recorded as well; not
        // cancelled with the request, because the messages are queued by now.
        await audit.AppendAsync(AuditAreas.Reports, actor, "reports-started", $"{cycle}/{batch.Id}", $"run {batch.RunId}: {batch.Total} reports ({batch.Total - 1} councils and the national report) in {string.Join(", ", batch.Languages)}", CancellationToken.None).ConfigureAwait(false);
        return batch;
    }

    /// <summary>
    /// Renders and stores one report, once the message is shown to belong to a batch of the app: the batch exists in the
    /// message's cycle, the message carries its token, and the batch has a report for the subject. A message that is
    /// not shown to belong is refused without writing anything. Throws when rendering fails, after recording the error;
    /// the caller retries or poisons the message.
    /// </summary>
    public async Task<ProcessedReport> ProcessAsync(ReportMessage message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var kind = message.Subject == ReportMessage.National ? "national" : "council";
        using var activity = BenchmarkTelemetry.Activities.StartActivity("GenerateReport", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("benchmark.cycle", message.Cycle);
        activity?.SetTag("benchmark.report.subject", message.Subject);
        activity?.SetTag("benchmark.report.batch", message.Batch);
        activity?.SetTag("messaging.message.delivery_count", dequeueCount);

        // Outside the try below: a failure before the message is shown to be genuine must not write a job row either.
        var (batch, refusal) = await CheckAsync(message, cancellationToken).ConfigureAwait(false);
        if (refusal is { } reason)
        {
            activity?.SetTag("benchmark.report.refused", reason.ToString());
            return ProcessedReport.Refused(reason);
        }

        try
        {
            var result = await RenderIfNeededAsync(message.Cycle, message.Subject, message.Languages, batch!.RunId, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("benchmark.report.rendered", result == ReportResult.Rendered);
            if (result == ReportResult.Superseded)
            {
                // Recorded as done (and skipped) rather than left queued: the batch can never render it any more, and the
                // CLI waits for a batch to finish. A delivery that already rendered it keeps its own row.
                if (await JobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false) is not { Status: JobStatus.Done })
                {
                    await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Done, (int)dequeueCount, true, "not rendered: the cycle was computed again after this batch started", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Done, (int)dequeueCount, result == ReportResult.UpToDate, null, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            return new ProcessedReport(result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            BenchmarkTelemetry.ReportFailed(kind);

            // A duplicate delivery that fails after another one succeeded must not undo that success.
            if (await JobAsync(message.Batch, message.Subject, CancellationToken.None).ConfigureAwait(false) is not { Status: JobStatus.Done })
            {
                await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Retrying, (int)dequeueCount, false, Describe(e), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Renders one report of the cycle's current run at once, outside any batch and the queue: for code inside the process
    /// that has decided so itself (tests, the performance run's warm-up). Nothing reachable over HTTP calls it; every
    /// queue message goes through <see cref="ProcessAsync"/>.
    /// </summary>
    /// <returns>False when the files were already there for the current run (nothing rendered).</returns>
    public async Task<bool> RenderNowAsync(int cycle, string subject, IReadOnlyList<string> languages, CancellationToken cancellationToken = default)
    {
        var summary = await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false)
                      ?? throw new InvalidOperationException($"Cycle {cycle} has no benchmark results.");
        return await RenderIfNeededAsync(cycle, subject, languages, summary.RunId, cancellationToken).ConfigureAwait(false) == ReportResult.Rendered;
    }

    /// <summary>Marks a report as given up (its message went to the poison queue), keeping the last error; a message not of one of the app's batches writes nothing.</summary>
    public async Task RecordPoisonedAsync(ReportMessage message, long dequeueCount, string error, CancellationToken cancellationToken = default)
    {
        if ((await CheckAsync(message, cancellationToken).ConfigureAwait(false)).Refusal is not null)
        {
            return;
        }

        if (await JobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false) is not { Status: JobStatus.Done })
        {
            await RecordAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Poisoned, (int)dequeueCount, false, error, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the message belongs to a batch of the app, reading only: its batch in the message's cycle, the batch's
    /// token (compared by hash in constant time), and a job for the subject in that batch. A forged message costs a point
    /// read or two and nothing else.
    /// </summary>
    private async Task<(ReportBatch? Batch, MessageRefusal? Refusal)> CheckAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        var row = await BenchmarkTables.Guard(() => storage.Jobs.GetEntityIfExistsAsync<TableEntity>(BatchPartition(message.Cycle), message.Batch, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return (null, MessageRefusal.UnknownBatch);
        }

        if (message.Token is null)
        {
            return (null, MessageRefusal.MissingToken);
        }

        // Batches started before tokens have no hash: their messages are refused like any other, and the batch is started again.
        if (!ReportBatchToken.Matches(message.Token, row.Value!.GetString(TokenHashColumn)))
        {
            return (null, MessageRefusal.WrongToken);
        }

        if (await JobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, MessageRefusal.UnknownSubject);
        }

        return (ToBatch(row.Value), null);
    }

    /// <summary>Why a message was refused, in words for logs and the list of failed reports.</summary>
    public static string Describe(MessageRefusal refusal) => refusal switch
    {
        MessageRefusal.UnknownBatch => "refused: no batch of that id in the cycle",
        MessageRefusal.MissingToken => "refused: the message has no batch token (made up, or queued before batches had tokens: start the batch again)",
        MessageRefusal.WrongToken => "refused: the message does not carry its batch's token",
        MessageRefusal.UnknownSubject => "refused: the batch has no report for this subject",
        _ => "refused",
    };

    private async Task<ReportJob?> JobAsync(string batch, string subject, CancellationToken cancellationToken)
    {
        var row = await BenchmarkTables.Guard(() => storage.Jobs.GetEntityIfExistsAsync<TableEntity>(batch, subject, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.HasValue ? ToJob(row.Value!) : null;
    }

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

    /// <summary>
    /// The reports of a cycle that were given up on (in the poison queue, or failed as often as the host allows), each
    /// with the error it last failed with; and messages in the poison queue that could not even be read.
    /// </summary>
    public async Task<IReadOnlyList<PoisonedReport>> PoisonedAsync(int cycle, CancellationToken cancellationToken = default)
    {
        var result = new List<PoisonedReport>();
        foreach (var batch in await BatchesAsync(cycle, cancellationToken).ConfigureAwait(false))
        {
            var status = await StatusAsync(cycle, batch.Id, cancellationToken).ConfigureAwait(false);
            result.AddRange(status!.Failures.Where(f => f.Status == JobStatus.Poisoned).Select(f => new PoisonedReport(batch.Id, cycle, f.Subject, f.Attempts, f.Error)));
        }

        // The queue itself: what the host moved there, unreadable messages, and messages of batches no longer listed.
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

            if (message.Cycle == cycle && !result.Any(r => r.Batch == message.Batch && r.Subject == message.Subject))
            {
                if ((await CheckAsync(message, cancellationToken).ConfigureAwait(false)).Refusal is { } refusal)
                {
                    // Not one of the app's messages (the worker refused it): no job row of its own to show, so say why it is here.
                    result.Add(new PoisonedReport(message.Batch, message.Cycle, message.Subject, 0, Describe(refusal)));
                    continue;
                }

                var job = await JobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false);
                result.Add(new PoisonedReport(message.Batch, message.Cycle, message.Subject, job?.Attempts ?? 0, job?.Error));
            }
        }

        return result;
    }

    /// <summary>
    /// Renders the report for the benchmark run <paramref name="runId"/> and nothing else: when the cycle has been
    /// computed again since, it renders nothing (a batch of an earlier run never renders the current run's report).
    /// </summary>
    private async Task<ReportResult> RenderIfNeededAsync(int cycle, string subject, IReadOnlyList<string> languages, string runId, CancellationToken cancellationToken)
    {
        var summary = await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false)
                      ?? throw new InvalidOperationException($"Cycle {cycle} has no benchmark results.");
        if (summary.RunId != runId)
        {
            return ReportResult.Superseded;
        }

        var missing = new List<string>();
        foreach (var language in languages)
        {
            if (!await storage.HasRunAsync(cycle, subject, language, runId, cancellationToken).ConfigureAwait(false))
            {
                missing.Add(language);
            }
        }

        if (missing.Count == 0)
        {
            return ReportResult.UpToDate;
        }

        var dataDate = DateOnly.FromDateTime(summary.ComputedAt.UtcDateTime);
        foreach (var language in missing)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var lang = Languages.Parse(language);
            RenderedReport rendered;
            if (subject == ReportMessage.National)
            {
                var national = await results.NationalAsync(cycle, cancellationToken).ConfigureAwait(false)
                               ?? throw new InvalidOperationException($"Cycle {cycle} has no national view.");
                rendered = renderer.National(NationalReportBuilder.Build(catalog.ModelForCycle(cycle), national, dataDate, lang));
            }
            else
            {
                var input = await CouncilInputAsync(cycle, subject, dataDate, cancellationToken).ConfigureAwait(false);
                rendered = renderer.Council(CouncilReportBuilder.Build(input, lang));
            }

            // The HTML first and the PDF last: a report counts as present only when both carry the run id. Stamped with the
            // batch's run even if a computation finished while rendering: then the download calls it out of date, never
            // the other way round.
            await storage.UploadAsync(cycle, subject, language, "html", BinaryData.FromString(rendered.Html), runId, cancellationToken).ConfigureAwait(false);
            await storage.UploadAsync(cycle, subject, language, "pdf", BinaryData.FromBytes(rendered.Pdf), runId, cancellationToken).ConfigureAwait(false);
            BenchmarkTelemetry.ReportRendered(subject == ReportMessage.National ? "national" : "council", language, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        return ReportResult.Rendered;
    }

    /// <summary>A council report's input from what is stored: the municipality's benchmark result (public statistics only), its score card and its open flags.</summary>
    public async Task<CouncilReportInput> CouncilInputAsync(int cycle, string municipality, DateOnly dataDate, CancellationToken cancellationToken = default)
    {
        var result = await results.ResultAsync(cycle, municipality, cancellationToken).ConfigureAwait(false)
                     ?? throw new InvalidOperationException($"{municipality} has no benchmark result in cycle {cycle}.");
        var register = await registers.GetAsync(cycle, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"No register covers {cycle}.");
        var card = result.Card ?? await CurrentCardAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        var flags = (await curation.FlagsAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(f => !f.Dismissed && f.Flag.Municipality == municipality)
            .Select(f => f.Flag)
            .ToList();
        return new CouncilReportInput(
            catalog.ModelForCycle(cycle),
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

    /// <summary>For results stored before runs kept their score cards.</summary>
    private async Task<ScoreCard> CurrentCardAsync(int cycle, string municipality, CancellationToken cancellationToken)
    {
        var stored = await submissions.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false)
                     ?? throw new InvalidOperationException($"{municipality} has no submission in cycle {cycle}.");
        var submission = stored.Record.Submission;
        return ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);
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
