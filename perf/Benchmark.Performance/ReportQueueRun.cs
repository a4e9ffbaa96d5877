using System.Diagnostics;
using System.Globalization;
using System.Text;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Performance;

/// <summary>
/// All demo reports through the queue against a real Azurite: a batch drained by one worker, then a batch of a new
/// benchmark run (so every report renders again) drained by two workers at once, and so on for a few rounds.
/// </summary>
/// <remarks>
/// <see cref="ReportQueueWorker.RunOnceAsync"/> takes at most as many messages as it is asked for and renders those in
/// parallel; each worker here asks for one message at a time, so one worker renders one report at a time and two
/// workers two at a time, as two single-report function instances would.
/// </remarks>
internal sealed record ReportQueueRun(int Reports, IReadOnlyList<TimeSpan> OneWorker, IReadOnlyList<TimeSpan> TwoWorkers)
{
    private const int Cycle = ReportDemo.Cycle;

    /// <summary>No batch may take longer than this; a run that does is reported as failed, not waited for.</summary>
    private static readonly TimeSpan BatchLimit = TimeSpan.FromMinutes(20);

    public double OneWorkerSeconds => ReportsMeasurement.Median(OneWorker.Select(t => t.TotalSeconds).ToList());

    public double TwoWorkersSeconds => ReportsMeasurement.Median(TwoWorkers.Select(t => t.TotalSeconds).ToList());

    public double Speedup => OneWorkerSeconds / TwoWorkersSeconds;

    public static async Task<ReportQueueRun> RunAsync(int rounds)
    {
        // In memory: on disk Azurite stops everything every 5 s to write its table database (see SubmissionMeasurement).
        await using var azurite = await AzuriteFixture.StartOwnAsync(inMemory: true);
        await using var server = await ApiServer.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Reports:Worker"] = "false", ["Logging:LogLevel:Default"] = "Error" },
            now: new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var catalog = server.Service<QuestionnaireCatalog>();
        await new DemoLoader(server.Service<RegisterStore>(), server.Service<CycleStore>(), server.Service<SubmissionStore>(), server.Service<CurationService>(), server.Time)
            .LoadAsync(DemoGenerator.Generate(catalog, 1, [2024, 2025, Cycle]), new DateTimeOffset(2026, 12, 31, 22, 59, 59, TimeSpan.Zero));
        var storage = server.Service<ReportStorage>();
        var service = server.Service<ReportService>();

        // Warms the storage and upload paths with a few reports of a run that is then replaced, so neither timed batch pays for it.
        await ComputeAsync(server);
        foreach (var municipality in (await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle)).Take(3))
        {
            await service.RenderNowAsync(Cycle, municipality, ["nl"]);
        }

        // Alternating one and two workers, so drift in the machine's load shows in both and the medians compare like with like.
        var one = new List<TimeSpan>();
        var two = new List<TimeSpan>();
        var counts = new HashSet<int>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (workers, times) in new[] { (1, one), (2, two) })
            {
                var (reports, elapsed) = await BatchAsync(server, storage, service, workers);
                counts.Add(reports);
                times.Add(elapsed);
            }
        }

        if (counts.Count != 1)
        {
            throw new InvalidOperationException($"The batches held different numbers of reports: {string.Join(", ", counts)}.");
        }

        return new ReportQueueRun(counts.Single(), one, two);
    }

    public bool Report(StringBuilder output)
    {
        var met = Speedup >= ReportsMeasurement.MinTwoWorkerSpeedup;
        output.AppendLine(CultureInfo.InvariantCulture, $"### All demo reports through the queue ({Reports} reports: every benchmarked municipality of the stored demo (its approved submissions) and the national report, Dutch, PDF and HTML; Azurite on loopback)");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"| workers (one report at a time each) | median time s ({OneWorker.Count} batches each) | every batch s | reports per s | speedup | target |");
        output.AppendLine("|---:|---:|---|---:|---:|---|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| 1 | {OneWorkerSeconds:F1} | {Each(OneWorker)} | {Reports / OneWorkerSeconds:F2} | 1.00 | |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| 2 | {TwoWorkersSeconds:F1} | {Each(TwoWorkers)} | {Reports / TwoWorkersSeconds:F2} | {Speedup:F2} | ≥ {ReportsMeasurement.MinTwoWorkerSpeedup:F1} {ReportsMeasurement.Mark(met)} |");
        output.AppendLine();
        return met;
    }

    private static string Each(IEnumerable<TimeSpan> times) => string.Join(", ", times.Select(t => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)));

    /// <summary>A new benchmark run (the clock moved on, so a new run id), which makes every stored report out of date.</summary>
    private static async Task ComputeAsync(ApiServer server)
    {
        server.Time.Advance(TimeSpan.FromMinutes(1));
        var computed = await server.Service<BenchmarkService>().ComputeAsync(Cycle, includeSubmitted: false, "performance");
        if (computed.Refusal is { } refusal)
        {
            throw new InvalidOperationException($"Computing {Cycle} was refused: {refusal.Detail}");
        }
    }

    /// <returns>The number of reports in the batch and the time from the first message taken to the batch finished.</returns>
    private static async Task<(int Reports, TimeSpan Elapsed)> BatchAsync(ApiServer server, ReportStorage storage, ReportService service, int workers)
    {
        await ComputeAsync(server);
        var outcome = await service.StartAsync(Cycle, ["nl"], "performance");
        var batch = outcome.Value ?? throw new InvalidOperationException($"The batch was refused: {outcome.Refusal?.Detail}");
        using var limit = new CancellationTokenSource(BatchLimit);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(new ReportQueueWorker(storage, service), service, batch, limit.Token))));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var status = await service.StatusAsync(Cycle, batch.Id) ?? throw new InvalidOperationException($"Batch {batch.Id} has no status.");
        if (!status.Finished || status.Done != batch.Total || status.Skipped != 0)
        {
            throw new InvalidOperationException($"Batch {batch.Id} with {workers} worker(s) ended with {status.Done} done ({status.Skipped} skipped), {status.Poisoned} failed of {batch.Total}: {string.Join("; ", status.Failures.Select(f => $"{f.Subject}: {f.Error}"))}");
        }

        return (batch.Total, elapsed);
    }

    /// <summary>One worker: one message at a time until the batch is finished (a failed message comes back after its retry delay).</summary>
    private static async Task WorkAsync(ReportQueueWorker worker, ReportService service, ReportBatch batch, CancellationToken limit)
    {
        // The batch limit bounds the time; this bounds the rounds (a report each, or a 50 ms wait on an empty queue).
        var maxRounds = batch.Total + (int)(BatchLimit / TimeSpan.FromMilliseconds(50));
        for (var round = 0; round < maxRounds; round++)
        {
            limit.ThrowIfCancellationRequested();
            if (await worker.RunOnceAsync(1, limit) == 0)
            {
                if ((await service.StatusAsync(Cycle, batch.Id, limit))?.Finished == true)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), limit);
            }
        }

        throw new TimeoutException($"Batch {batch.Id} did not finish within {maxRounds} rounds.");
    }
}
