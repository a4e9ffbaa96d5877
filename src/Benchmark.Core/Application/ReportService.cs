using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>The stable codes of the report rules' refusals, for adapters that speak to people in their own words.</summary>
public static class ReportRefusals
{
    public const string InvalidLanguages = "report.languages-invalid";
    public const string NotComputed = "report.not-computed";
    public const string BatchRunning = "report.batch-running";
    public const string NotQueued = "report.not-queued";
    public const string InvalidQuery = "report.query-invalid";
    public const string NotYours = "report.not-yours";
    public const string Missing = "report.missing";
    public const string OutOfDate = "report.out-of-date";

    // A report message that is not one of the app's: refused before anything is rendered or written.
    public const string UnknownBatch = "report.message-batch-unknown";
    public const string MissingToken = "report.message-token-missing";
    public const string WrongToken = "report.message-token-wrong";
    public const string UnknownSubject = "report.message-subject-unknown";

    public static string Of(MessageRefusal refusal) => refusal switch
    {
        MessageRefusal.UnknownBatch => UnknownBatch,
        MessageRefusal.MissingToken => MissingToken,
        MessageRefusal.WrongToken => WrongToken,
        MessageRefusal.UnknownSubject => UnknownSubject,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };
}

/// <summary>
/// The council and national reports of a cycle, in one place for the API, the analyst pages, the queue function and the
/// CLI. An analyst starts a batch over the cycle's current benchmark run: one queue message per municipality in the run,
/// plus the national report, each rendered by whoever takes it from the queue. Idempotent: a report whose files already
/// carry the batch's run is not rendered again, and files are overwritten under a fixed name, so a repeated message never
/// duplicates work or files. Only the app's own messages are handled: each batch has a token that its messages carry
/// (<see cref="ReportBatchToken"/>), and a message is checked against its batch before anything is rendered or written,
/// whoever delivers it. A report is handed out only while it is of the current run, and a council report only to its
/// municipality, its council and analysts.
/// </summary>
public sealed class ReportService(
    IReportBatches batches,
    IReportMessages messages,
    IReportFiles files,
    IReportInputs inputs,
    IReportRenderer renderer,
    IAuditLog audit,
    QuestionnaireCatalog catalog,
    TimeProvider time)
{
    /// <summary>
    /// How often a message is taken before it goes to the poison queue: the Functions host's default (host.json's
    /// extensions.queues.maxDequeueCount), which the local worker follows.
    /// </summary>
    public const int MaxAttempts = 5;

    /// <summary>The action a refused read writes to the submission's access trail; a refused download is such a read.</summary>
    public const string AccessDenied = "accessDenied";

    /// <summary>A batch older than this no longer blocks a new one, finished or not (its messages may have been lost).</summary>
    public static readonly TimeSpan UnfinishedBatchWindow = TimeSpan.FromMinutes(30);

    /// <summary>The languages a report exists in.</summary>
    public static IReadOnlyList<string> LanguageCodes { get; } = ["nl", "en"];

    /// <summary>The PDF, and its HTML twin for readers who need an accessible version.</summary>
    public static IReadOnlyList<string> FormatCodes { get; } = ["pdf", "html"];

    /// <summary>
    /// Starts a batch over the cycle's current benchmark run in <paramref name="languages"/> ("nl", "en"): refused while
    /// the cycle is not computed, and while a batch of the same run is still running (it would render every report twice).
    /// </summary>
    public async Task<Outcome<ReportBatch>> StartAsync(int cycle, IReadOnlyList<string> languages, string actor, CancellationToken cancellationToken = default)
    {
        var errors = languages.Select((l, i) => (l, i)).Where(x => !LanguageCodes.Contains(x.l)).Select(x => new SubmissionError($"/languages/{x.i}", "use 'nl' or 'en'")).ToList();
        if (languages.Count == 0)
        {
            errors.Add(new("/languages", "give at least one language"));
        }

        if (errors.Count > 0)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid languages", "Reports exist in Dutch ('nl') and English ('en').", errors) { Code = ReportRefusals.InvalidLanguages };
        }

        languages = languages.Distinct(StringComparer.Ordinal).ToList();
        if (await inputs.CurrentRunAsync(cycle, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return new Refusal(RefusalKind.Conflict, "Not computed", $"Cycle {cycle} has not been benchmarked yet; compute it first ('benchmark compute --cycle {cycle}' or POST /api/v1/cycles/{cycle}/benchmark).") { Code = ReportRefusals.NotComputed };
        }

        foreach (var earlier in (await BatchesAsync(cycle, cancellationToken).ConfigureAwait(false)).Where(b => b.RunId == run.RunId && time.GetUtcNow() - b.CreatedAt < UnfinishedBatchWindow))
        {
            if (await StatusAsync(cycle, earlier.Id, cancellationToken).ConfigureAwait(false) is { Finished: false } running)
            {
                return new Refusal(RefusalKind.Conflict, "Batch running", $"Batch {running.Batch.Id} for this benchmark run is still running ({running.Done + running.Poisoned} of {running.Batch.Total} done); follow it, or start again when it has finished.") { Code = ReportRefusals.BatchRunning };
            }
        }

        var municipalities = await inputs.MunicipalitiesAsync(cycle, cancellationToken).ConfigureAwait(false);
        var subjects = municipalities.Append(ReportMessage.National).ToList();
        var now = time.GetUtcNow();
        var batch = new ReportBatch($"b{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}{Guid.NewGuid().ToString("N")[..6]}", cycle, run.RunId, subjects.Count, languages, now, actor);

        // Only the messages carry the token itself; it is not part of the batch that analysts are shown.
        var token = ReportBatchToken.New();

        // The rows first, so progress is known before any message can be taken.
        await batches.CreateAsync(new StoredReportBatch(batch, ReportBatchToken.Hash(token)), subjects.Select(s => new ReportJob(s, JobStatus.Queued, 0, false, null, now)).ToList(), cancellationToken).ConfigureAwait(false);

        var sent = new ConcurrentBag<string>();
        try
        {
            foreach (var chunk in subjects.Chunk(32))
            {
                await Task.WhenAll(chunk.Select(async s =>
                {
                    await messages.SendAsync(new ReportMessage(batch.Id, cycle, s, languages, token), cancellationToken).ConfigureAwait(false);
                    sent.Add(s);
                })).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A report without a message would keep the batch unfinished for ever: record those as failed, with why.
            var error = $"could not be queued: {DescribeFailure(e)}";
            foreach (var subject in subjects.Except(sent, StringComparer.Ordinal))
            {
                await batches.SaveJobAsync(batch.Id, new ReportJob(subject, JobStatus.Poisoned, 0, false, error, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            }

            return new Refusal(RefusalKind.Conflict, "Not queued", $"Batch {batch.Id}: {subjects.Count - sent.Count} of {subjects.Count} reports could not be queued ({DescribeFailure(e)}); they are listed as failed. Start the batch again.") { Code = ReportRefusals.NotQueued };
        }

        // Here rather than in an adapter, so a batch started from the API, the pages or the command line is recorded
        // alike; not cancelled with the request, because the messages are queued by now.
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
        using var activity = ReportTelemetry.Activities.StartActivity("GenerateReport", ActivityKind.Consumer);
        activity?.SetTag("benchmark.cycle", message.Cycle);
        activity?.SetTag("benchmark.report.subject", message.Subject);
        activity?.SetTag("benchmark.report.batch", message.Batch);
        activity?.SetTag("messaging.message.delivery_count", dequeueCount);

        // Outside the try below: a failure before the message is shown to be genuine must not write a job row either.
        var check = await CheckAsync(message, cancellationToken).ConfigureAwait(false);
        if (!check.Genuine)
        {
            activity?.SetTag("benchmark.report.refused", check.Refusal.ToString());
            return ProcessedReport.Refused(check.Refusal.Value);
        }

        try
        {
            var result = await RenderIfNeededAsync(message.Cycle, message.Subject, message.Languages, check.Batch.RunId, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("benchmark.report.rendered", result == ReportResult.Rendered);
            if (result == ReportResult.Superseded)
            {
                // Recorded as done (and skipped) rather than left queued: the batch can never render it any more, and the
                // CLI waits for a batch to finish. A delivery that already rendered it keeps its own row.
                if (await batches.GetJobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false) is not { Status: JobStatus.Done })
                {
                    await batches.SaveJobAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Done, (int)dequeueCount, true, "not rendered: the cycle was computed again after this batch started", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await batches.SaveJobAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Done, (int)dequeueCount, result == ReportResult.UpToDate, null, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            return new ProcessedReport(result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            ReportTelemetry.Failed(kind);

            // A duplicate delivery that fails after another one succeeded must not undo that success.
            if (await batches.GetJobAsync(message.Batch, message.Subject, CancellationToken.None).ConfigureAwait(false) is not { Status: JobStatus.Done })
            {
                await batches.SaveJobAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Retrying, (int)dequeueCount, false, DescribeFailure(e), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
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
        var run = await inputs.CurrentRunAsync(cycle, cancellationToken).ConfigureAwait(false)
                  ?? throw new InvalidOperationException($"Cycle {cycle} has no benchmark results.");
        return await RenderIfNeededAsync(cycle, subject, languages, run.RunId, cancellationToken).ConfigureAwait(false) == ReportResult.Rendered;
    }

    /// <summary>Marks a report as given up (its message went to the poison queue), keeping the last error; a message not of one of the app's batches writes nothing.</summary>
    public async Task RecordPoisonedAsync(ReportMessage message, long dequeueCount, string error, CancellationToken cancellationToken = default)
    {
        if (!(await CheckAsync(message, cancellationToken).ConfigureAwait(false)).Genuine)
        {
            return;
        }

        if (await batches.GetJobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false) is not { Status: JobStatus.Done })
        {
            await batches.SaveJobAsync(message.Batch, new ReportJob(message.Subject, JobStatus.Poisoned, (int)dequeueCount, false, error, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
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

    /// <summary>A batch and how far it got; null when the cycle has no batch of that id.</summary>
    public async Task<ReportBatchStatus?> StatusAsync(int cycle, string batchId, CancellationToken cancellationToken = default)
    {
        if (await batches.GetAsync(cycle, batchId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var jobs = (await batches.ListJobsAsync(batchId, cancellationToken).ConfigureAwait(false))
            // Under the Functions host the host moves a message to the poison queue itself; the attempts tell.
            .Select(j => j.Status == JobStatus.Retrying && j.Attempts >= MaxAttempts ? j with { Status = JobStatus.Poisoned } : j)
            .ToList();
        return new ReportBatchStatus(
            stored.Batch,
            jobs.Count(j => j.Status == JobStatus.Queued),
            jobs.Count(j => j.Status == JobStatus.Done),
            jobs.Count(j => j is { Status: JobStatus.Done, Skipped: true }),
            jobs.Count(j => j.Status == JobStatus.Retrying),
            jobs.Count(j => j.Status == JobStatus.Poisoned),
            jobs.Where(j => j.Status is JobStatus.Retrying or JobStatus.Poisoned).OrderBy(j => j.Subject, StringComparer.Ordinal).ToList());
    }

    /// <summary>The cycle's batches, newest first.</summary>
    public async Task<IReadOnlyList<ReportBatch>> BatchesAsync(int cycle, CancellationToken cancellationToken = default) =>
        (await batches.ListAsync(cycle, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(b => b.CreatedAt)
            .ToList();

    /// <summary>The cycle's <paramref name="count"/> newest batches with their progress: which reports are ready, which failed.</summary>
    public async Task<IReadOnlyList<ReportBatchStatus>> RecentAsync(int cycle, int count, CancellationToken cancellationToken = default)
    {
        var statuses = new List<ReportBatchStatus>();
        foreach (var batch in (await BatchesAsync(cycle, cancellationToken).ConfigureAwait(false)).Take(count))
        {
            if (await StatusAsync(cycle, batch.Id, cancellationToken).ConfigureAwait(false) is { } status)
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>
    /// The reports of a cycle that were given up on (in the poison queue, or failed as often as the host allows), each
    /// with the error it last failed with; and messages in the poison queue that could not even be read.
    /// </summary>
    public async Task<IReadOnlyList<PoisonedReport>> PoisonedAsync(int cycle, CancellationToken cancellationToken = default)
    {
        var result = new List<PoisonedReport>();
        foreach (var batch in await BatchesAsync(cycle, cancellationToken).ConfigureAwait(false))
        {
            if (await StatusAsync(cycle, batch.Id, cancellationToken).ConfigureAwait(false) is { } status)
            {
                result.AddRange(status.Failures.Where(f => f.Status == JobStatus.Poisoned).Select(f => new PoisonedReport(batch.Id, cycle, f.Subject, f.Attempts, f.Error)));
            }
        }

        // The queue itself: what the host moved there, unreadable messages, and messages of batches no longer listed.
        foreach (var peeked in await messages.PeekPoisonAsync(cancellationToken).ConfigureAwait(false))
        {
            ReportMessage message;
            try
            {
                message = ReportMessage.Parse(peeked.Text);
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

                var job = await batches.GetJobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false);
                result.Add(new PoisonedReport(message.Batch, message.Cycle, message.Subject, job?.Attempts ?? 0, job?.Error));
            }
        }

        return result;
    }

    /// <summary>
    /// A stored report for <paramref name="actor"/>: a council report (<paramref name="subject"/> a GM code) only for its
    /// own municipality, its council and analysts, the national report (<see cref="ReportMessage.National"/>) for analysts;
    /// <paramref name="format"/> "pdf" (default) or "html", <paramref name="language"/> "nl" (default) or "en". Never a
    /// report of an earlier benchmark run: a later computation may have changed scores, groups or who consented to be named.
    /// </summary>
    public async Task<Outcome<ReportDownload>> DownloadAsync(Actor actor, int cycle, string subject, string? format, string? language, CancellationToken cancellationToken = default)
    {
        if (await RefuseAccessAsync(actor, cycle, subject, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        format ??= "pdf";
        language ??= "nl";
        var errors = new List<SubmissionError>();
        if (!FormatCodes.Contains(format))
        {
            errors.Add(new("/format", "use 'pdf' or 'html'"));
        }

        if (!LanguageCodes.Contains(language))
        {
            errors.Add(new("/lang", "use 'nl' or 'en'"));
        }

        if (errors.Count > 0)
        {
            return new Refusal(RefusalKind.Invalid, "Invalid query", "?format is pdf or html, ?lang is nl or en.", errors) { Code = ReportRefusals.InvalidQuery };
        }

        var file = await files.DownloadAsync(cycle, subject, language, format, cancellationToken).ConfigureAwait(false);
        if (await inputs.CurrentRunAsync(cycle, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return new Refusal(RefusalKind.NotFound, "No report", $"Cycle {cycle} has not been benchmarked yet, so there are no reports.") { Code = ReportRefusals.NotComputed };
        }

        if (file is null)
        {
            return new Refusal(RefusalKind.NotFound, "No report", $"There is no {(language == "en" ? "English" : "Dutch")} report for {subject} in cycle {cycle} yet; an analyst generates reports with POST /api/v1/cycles/{cycle}/reports.") { Code = ReportRefusals.Missing };
        }

        if (file.RunId != run.RunId)
        {
            return new Refusal(RefusalKind.Conflict, "Report out of date", $"The stored report of {subject} is from an earlier benchmark of cycle {cycle}; an analyst regenerates reports with POST /api/v1/cycles/{cycle}/reports.") { Code = ReportRefusals.OutOfDate };
        }

        var name = subject == ReportMessage.National ? "landelijk" : subject;
        return new ReportDownload(file.Content, file.ContentType, format, file.LastModified, file.ETag, string.Create(CultureInfo.InvariantCulture, $"benchmark-{cycle}-{name}-{language}.{format}"));
    }

    /// <summary>
    /// A refused council report is a refused read of the municipality's data: it goes into that submission's access
    /// trail, as the submissions' own refused reads do, so the municipality sees every attempt in one place.
    /// </summary>
    private async Task<Refusal?> RefuseAccessAsync(Actor actor, int cycle, string subject, CancellationToken cancellationToken)
    {
        if (subject == ReportMessage.National)
        {
            return actor.Role == Role.Analyst
                ? null
                : new Refusal(RefusalKind.Forbidden, "Analysts only", "The national report is for analysts.") { Code = ReportRefusals.NotYours };
        }

        if (actor.MayRead(subject))
        {
            return null;
        }

        await audit.AppendAsync(AuditAreas.Access(cycle, subject), actor.KeyId, AccessDenied, $"{cycle}/{subject}", $"download the council report by a {actor.Role.ToString().ToLowerInvariant()} key{(actor.Municipality is null ? "" : " of " + actor.Municipality)}", cancellationToken).ConfigureAwait(false);
        return new Refusal(RefusalKind.Forbidden, "Not your municipality", $"This key may not access {subject}.") { Code = ReportRefusals.NotYours };
    }

    /// <summary>
    /// Whether the message belongs to a batch of the app, reading only: its batch in the message's cycle, the batch's
    /// token (compared by hash in constant time), and a job for the subject in that batch. A forged message costs a point
    /// read or two and nothing else.
    /// </summary>
    private async Task<MessageCheck> CheckAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        if (await batches.GetAsync(message.Cycle, message.Batch, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new(null, MessageRefusal.UnknownBatch);
        }

        if (message.Token is null)
        {
            return new(null, MessageRefusal.MissingToken);
        }

        // Batches started before tokens have no hash: their messages are refused like any other, and the batch is started again.
        if (!ReportBatchToken.Matches(message.Token, stored.TokenHash))
        {
            return new(null, MessageRefusal.WrongToken);
        }

        if (await batches.GetJobAsync(message.Batch, message.Subject, cancellationToken).ConfigureAwait(false) is null)
        {
            return new(null, MessageRefusal.UnknownSubject);
        }

        return new(stored.Batch, null);
    }

    /// <summary>
    /// Renders the report for the benchmark run <paramref name="runId"/> and nothing else: when the cycle has been
    /// computed again since, it renders nothing (a batch of an earlier run never renders the current run's report).
    /// </summary>
    private async Task<ReportResult> RenderIfNeededAsync(int cycle, string subject, IReadOnlyList<string> languages, string runId, CancellationToken cancellationToken)
    {
        var run = await inputs.CurrentRunAsync(cycle, cancellationToken).ConfigureAwait(false)
                  ?? throw new InvalidOperationException($"Cycle {cycle} has no benchmark results.");
        if (run.RunId != runId)
        {
            return ReportResult.Superseded;
        }

        var missing = new List<string>();
        foreach (var language in languages)
        {
            if (!await files.HasRunAsync(cycle, subject, language, runId, cancellationToken).ConfigureAwait(false))
            {
                missing.Add(language);
            }
        }

        if (missing.Count == 0)
        {
            return ReportResult.UpToDate;
        }

        var dataDate = DateOnly.FromDateTime(run.ComputedAt.UtcDateTime);
        foreach (var language in missing)
        {
            var started = Stopwatch.GetTimestamp();
            var lang = Languages.Parse(language);
            RenderedReport rendered;
            if (subject == ReportMessage.National)
            {
                var national = await inputs.NationalAsync(cycle, cancellationToken).ConfigureAwait(false)
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
            await files.UploadAsync(cycle, subject, language, "html", System.Text.Encoding.UTF8.GetBytes(rendered.Html), runId, cancellationToken).ConfigureAwait(false);
            await files.UploadAsync(cycle, subject, language, "pdf", rendered.Pdf, runId, cancellationToken).ConfigureAwait(false);
            ReportTelemetry.Rendered(subject == ReportMessage.National ? "national" : "council", language, Stopwatch.GetElapsedTime(started));
        }

        return ReportResult.Rendered;
    }

    /// <summary>A council report's input from what is stored: the municipality's benchmark result (public statistics only), its score card and its open flags.</summary>
    private async Task<CouncilReportInput> CouncilInputAsync(int cycle, string municipality, DateOnly dataDate, CancellationToken cancellationToken)
    {
        var result = await inputs.CouncilAsync(cycle, municipality, cancellationToken).ConfigureAwait(false)
                     ?? throw new InvalidOperationException($"{municipality} has no benchmark result in cycle {cycle}.");
        var register = await inputs.RegisterAsync(cycle, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"No register covers {cycle}.");
        var card = result.Card ?? await CurrentCardAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        var flags = await inputs.OpenFlagsAsync(cycle, municipality, cancellationToken).ConfigureAwait(false);
        return new CouncilReportInput(
            catalog.ModelForCycle(cycle),
            register.Find(municipality) ?? throw new InvalidOperationException($"{municipality} is not in the register of {cycle}."),
            card,
            result.Position,
            result.Groups,
            result.Advice,
            result.IndexTrend,
            flags,
            cycle,
            dataDate);
    }

    /// <summary>For results stored before runs kept their score cards.</summary>
    private async Task<ScoreCard> CurrentCardAsync(int cycle, string municipality, CancellationToken cancellationToken)
    {
        var submission = await inputs.SubmissionAsync(cycle, municipality, cancellationToken).ConfigureAwait(false)
                         ?? throw new InvalidOperationException($"{municipality} has no submission in cycle {cycle}.");
        var version = catalog.Version(submission.QuestionnaireVersion)
                      ?? throw new InvalidOperationException($"{municipality}'s submission in cycle {cycle} uses questionnaire {submission.QuestionnaireVersion}, which is not loaded.");
        return ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), version, submission);
    }

    private string DescribeFailure(Exception e) => batches.DescribeFailure(e) ?? $"{e.GetType().Name}: {e.Message}";

    /// <summary>Either the message's batch, or why the message is not one of the app's.</summary>
    private sealed record MessageCheck(ReportBatch? Batch, MessageRefusal? Refusal)
    {
        [MemberNotNullWhen(true, nameof(Batch))]
        [MemberNotNullWhen(false, nameof(Refusal))]
        public bool Genuine => Refusal is null;
    }
}
