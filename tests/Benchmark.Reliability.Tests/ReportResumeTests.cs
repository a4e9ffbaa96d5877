using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Reports;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Benchmark.Reliability.Tests.ReliabilityApi;

namespace Benchmark.Reliability.Tests;

/// <summary>A report batch whose workers stop half-way, or die holding a message, still ends with every report rendered exactly once.</summary>
[Collection(ReliabilityRuns.Name)]
public sealed class ReportResumeTests(ITestOutputHelper output)
{
    /// <summary>Benchmarked municipalities: enough for a batch worth interrupting, few enough to render in seconds.</summary>
    private const int Municipalities = 14;

    /// <summary>How long a message taken by a worker that then dies stays invisible (the app's worker uses two minutes).</summary>
    private static readonly TimeSpan CrashedVisibility = TimeSpan.FromSeconds(3);

    /// <summary>Counts every rendering per subject, around the real renderer.</summary>
    private sealed class CountingRenderer(IReportRenderer inner) : IReportRenderer
    {
        public ConcurrentDictionary<string, int> Renders { get; } = new(StringComparer.Ordinal);

        public int Total => Renders.Values.Sum();

        public RenderedReport Council(CouncilReport report)
        {
            Renders.AddOrUpdate(report.Municipality.Code, 1, (_, n) => n + 1);
            return inner.Council(report);
        }

        public RenderedReport National(NationalReport report)
        {
            Renders.AddOrUpdate(ReportMessage.National, 1, (_, n) => n + 1);
            return inner.National(report);
        }
    }

    [Fact]
    public async Task AReportBatchInterruptedHalfWayAndResumedRendersEveryMunicipalityExactlyOnce()
    {
        var renderer = new CountingRenderer(new Benchmark.Reports.ReportRenderer());
        await using var azurite = await AzuriteFixture.StartOwnAsync();
        await using var server = await ApiServer.StartAsync(azurite, Settings(reportWorker: false), configure: builder => builder.Services.AddSingleton<IReportRenderer>(renderer));
        var catalog = server.Service<QuestionnaireCatalog>();

        // One cycle, with only some of its approved submissions, so the batch is small (the loader approves codes ending in 7 or 8).
        var demo = DemoGenerator.Generate(catalog, 1, [Year]);
        var approved = demo.Submissions.Where(s => int.Parse(s.Municipality[2..], System.Globalization.CultureInfo.InvariantCulture) % 10 is 7 or 8).Take(Municipalities).ToList();
        await new DemoLoader(server.Service<RegisterStore>(), server.Service<CycleStore>(), server.Service<SubmissionStore>(), server.Service<CurationService>(), server.Time)
            .LoadAsync(demo with { Submissions = approved }, Deadline);
        var computed = await server.Service<BenchmarkService>().ComputeAsync(Year, includeSubmitted: false, "test");
        Assert.True(computed.Refusal is null, computed.Refusal?.Detail);
        var runId = computed.Value!.RunId;
        var subjects = (await server.Service<BenchmarkStore>().MunicipalitiesAsync(Year)).Append(ReportMessage.National).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Municipalities + 1, subjects.Count);

        var service = server.Service<ReportService>();
        var storage = server.Service<ReportStorage>();
        var started = await service.StartAsync(Year, ["nl"], "test");
        Assert.Null(started.Refusal);
        var batch = started.Value!;
        var clock = Stopwatch.GetTimestamp();

        // A worker that takes a message and dies before rendering it: the message reappears after its visibility.
        var diedBeforeRendering = (await storage.Queue.ReceiveMessagesAsync(1, CrashedVisibility)).Value.Single();

        // A worker that renders and records a report, then dies before deleting its message: the message comes back as a duplicate.
        var diedAfterRendering = (await storage.Queue.ReceiveMessagesAsync(1, CrashedVisibility)).Value.Single();
        Assert.Equal(ReportResult.Rendered, (await service.ProcessAsync(ReportMessage.Parse(diedAfterRendering.Body.ToString()), diedAfterRendering.DequeueCount)).Result);

        // The first worker is stopped once about half of the reports are rendered; what it has taken it finishes.
        using (var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            var first = new ReportQueueWorker(storage, service, retryDelay: TimeSpan.FromMilliseconds(200)).RunAsync(interrupt.Token);
            while (renderer.Total < subjects.Count / 2 && !interrupt.IsCancellationRequested && !first.IsCompleted)
            {
                await Task.Delay(50);
            }

            await interrupt.CancelAsync();
            await StoppedAsync(first);
        }

        var halfway = (await service.StatusAsync(Year, batch.Id))!;
        var renderedByFirst = renderer.Total;
        output.WriteLine($"batch of {batch.Total} reports (nl); interrupted after {Milliseconds(Since(clock))}: {halfway.Done} done, {halfway.Queued} queued, {renderedByFirst} rendered (one by a worker that died before deleting its message, one message held by a worker that died before rendering)");
        Assert.False(halfway.Finished);

        // A new worker resumes until the batch is finished, bounded in time.
        using (var resume = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            var second = new ReportQueueWorker(storage, service, retryDelay: TimeSpan.FromMilliseconds(200)).RunAsync(resume.Token);
            ReportBatchStatus status;
            do
            {
                await Task.Delay(200);
                status = (await service.StatusAsync(Year, batch.Id))!;
            }
            while (!status.Finished && !resume.IsCancellationRequested && !second.IsCompleted);

            // The duplicate of the report rendered before the crash must have come back and been handled too.
            while ((await storage.Queue.PeekMessageAsync()).Value is not null && !resume.IsCancellationRequested && !second.IsCompleted)
            {
                await Task.Delay(200);
            }

            await resume.CancelAsync();
            await StoppedAsync(second);
        }

        var final = (await service.StatusAsync(Year, batch.Id))!;
        var twice = renderer.Renders.Where(r => r.Value != 1).Select(r => $"{r.Key}×{r.Value}").ToList();
        var blobs = (await storage.ListAsync(Year, CancellationToken.None)).Order(StringComparer.Ordinal).ToList();
        var wrongRun = new List<string>();
        foreach (var subject in subjects)
        {
            if (!await storage.HasRunAsync(Year, subject, "nl", runId, CancellationToken.None))
            {
                wrongRun.Add(subject);
            }
        }

        output.WriteLine($"resumed and finished after {Milliseconds(Since(clock))}: done {final.Done} of {final.Batch.Total} ({final.Skipped} skipped as already rendered), poisoned {final.Poisoned}, retrying {final.Retrying}");
        output.WriteLine($"renders: {renderer.Total} for {subjects.Count} subjects; rendered more than once or never: {twice.Count + subjects.Count(s => !renderer.Renders.ContainsKey(s))}; blobs {blobs.Count}; reports without the current run id: {wrongRun.Count}");
        Assert.True(final.Finished);
        Assert.Equal(subjects.Count, final.Done);
        Assert.Equal(0, final.Poisoned);
        Assert.True(final.Skipped >= 1, "the duplicate delivery of the report rendered before the crash was not recorded as skipped");
        Assert.Equal(subjects, renderer.Renders.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(twice);
        Assert.Equal(subjects.SelectMany(s => new[] { $"{Year}/{s}/nl.html", $"{Year}/{s}/nl.pdf" }).Order(StringComparer.Ordinal), blobs);
        Assert.Empty(wrongRun);
        Assert.Null((await storage.Queue.PeekMessageAsync()).Value);
        Assert.Empty(await storage.PeekPoisonAsync(CancellationToken.None));

        // Both crashed deliveries came back: the held message was rendered on its second delivery, the duplicate skipped.
        var held = (await storage.Jobs.GetEntityAsync<TableEntity>(batch.Id, ReportMessage.Parse(diedBeforeRendering.Body.ToString()).Subject)).Value;
        var duplicate = (await storage.Jobs.GetEntityAsync<TableEntity>(batch.Id, ReportMessage.Parse(diedAfterRendering.Body.ToString()).Subject)).Value;
        output.WriteLine($"held message: attempts {held.GetInt32("Attempts")}, skipped {held.GetBoolean("Skipped")}; duplicate: attempts {duplicate.GetInt32("Attempts")}, skipped {duplicate.GetBoolean("Skipped")}");
        Assert.Equal((2, false), (held.GetInt32("Attempts"), held.GetBoolean("Skipped")));
        Assert.Equal((2, true), (duplicate.GetInt32("Attempts"), duplicate.GetBoolean("Skipped")));
    }

    /// <summary>A stopped worker ends quietly, or with the cancellation when it was resting; anything else is a failure.</summary>
    private static async Task StoppedAsync(Task worker)
    {
        try
        {
            await worker;
        }
        catch (OperationCanceledException)
        {
            // Stopped while resting between empty polls.
        }
    }
}
