using System.Diagnostics;
using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Performance;

/// <summary>
/// The compute path as the service runs it (issue 19), end to end against Azurite: read a cycle's approved submissions
/// (paged, the next page fetched while this one is parsed and scored), score them, benchmark, raise the flags and write
/// every municipality's result in entity-group transactions, timed stage by stage by the service itself
/// (<see cref="ComputedBenchmark.Timings"/>). Synthetic organisations (<see cref="SyntheticOrganisations"/>), each with
/// one approved submission stored as the service stores it; each size in tables of its own.
/// </summary>
public sealed class ComputeMeasurement : IMeasurement
{
    private const int Cycle = 2026;
    private static readonly int[] DefaultSizes = [342, 10_000];

    /// <summary>Stored submissions written at once while seeding: seeding is not measured, only made quicker.</summary>
    private const int SeedingInParallel = 16;

    public string Name => "compute";

    public string Description => "the benchmark computed from storage (Azurite) to stored results, stage by stage [--sizes 342,10000] [--runs 3] [--seed 8] [--azurite memory|disk]";

    public async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray()
            : DefaultSizes;
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var seed = ulong.Parse(Option(args, "--seed") ?? "8", CultureInfo.InvariantCulture);
        var onDisk = Option(args, "--azurite") == "disk";
        if (runs < 1)
        {
            Console.Error.WriteLine("--runs must be at least 1.");
            return 2;
        }

        // In memory unless asked: on disk, Azurite stops every 5 s to write its whole table database (see SubmissionMeasurement).
        await using var azurite = await AzuriteFixture.StartOwnAsync(inMemory: !onDisk);
        var catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires"));
        Console.WriteLine($"Azurite keeps its data {(onDisk ? "on disk" : "in memory")}; {runs} computation{(runs == 1 ? "" : "s")} per size, the median by total shown; {Environment.ProcessorCount} cores.");
        Console.WriteLine();

        var rows = new List<string>();
        var allocations = new List<string>();
        var peaks = new List<string>();
        var status = 0;
        foreach (var size in sizes)
        {
            await using var provider = Services(azurite, catalog, "c" + size.ToString(CultureInfo.InvariantCulture));
            Console.Error.WriteLine($"compute: seeding {size:N0} approved submissions");
            var seeding = Stopwatch.StartNew();
            var counted = await SeedAsync(provider, catalog, size, seed);
            Console.Error.WriteLine($"compute: seeded in {seeding.Elapsed.TotalSeconds:0.0} s; {counted:N0} of them complete");

            var benchmark = provider.GetRequiredService<BenchmarkService>();
            var measured = new List<(ComputeTimings Timings, TimeSpan Cpu, TimeSpan StorageCpu, long Allocated)>();
            for (var run = 0; run < runs; run++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var storageCpu = azurite.ProcessorTime ?? TimeSpan.Zero;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var computed = await benchmark.ComputeIfChangedAsync(Cycle, includeSubmitted: false, "measurement", reuseUnchanged: false);
                if (computed.Failed)
                {
                    Console.Error.WriteLine($"compute: {size:N0}: the computation was refused: {computed.Refusal.Detail}");
                    return 1;
                }

                measured.Add((computed.Value.Timings, Process.GetCurrentProcess().TotalProcessorTime - cpu, (azurite.ProcessorTime ?? TimeSpan.Zero) - storageCpu, GC.GetTotalAllocatedBytes(precise: true) - allocated));
                var stored = await benchmark.MunicipalitiesAsync(Cycle);
                if (computed.Value.Summary.Participants != counted || stored.Count != counted)
                {
                    Console.Error.WriteLine($"compute: {size:N0}: {counted:N0} complete approved submissions, but the run counted {computed.Value.Summary.Participants:N0} and stored {stored.Count:N0} results.");
                    status = 1;
                }

                Console.Error.WriteLine($"compute: {size:N0}, run {run + 1}: {computed.Value.Timings.Total.TotalSeconds:0.00} s");
            }

            var median = measured.OrderBy(m => m.Timings.Total).ElementAt(measured.Count / 2);
            rows.Add(Row(size, counted, median.Timings, median.Cpu, median.StorageCpu, median.Allocated));

            // One more computation, not timed, for what it holds: a full collection every so often would slow the timed ones.
            var memory = PeakMemory.Start();
            var again = await benchmark.ComputeIfChangedAsync(Cycle, includeSubmitted: false, "measurement", reuseUnchanged: false);
            memory.Stop();
            if (again.Failed)
            {
                Console.Error.WriteLine($"compute: {size:N0}: the computation was refused: {again.Refusal.Detail}");
                return 1;
            }

            // What the cycle's submissions alone take once read, as the computation reads and keeps them.
            var unread = PeakMemory.Live();
            var records = await provider.GetRequiredService<SubmissionStore>().ListAsync(Cycle);
            var submissions = PeakMemory.Live() - unread;
            GC.KeepAlive(records);

            peaks.Add($"| {size.ToString("N0", CultureInfo.InvariantCulture)} | {Mebibytes(memory.LiveBefore)} | {Mebibytes(memory.LivePeak)} | {Mebibytes(memory.LivePeak - memory.LiveBefore)} | {Mebibytes(submissions)} | {memory.Samples} |");
            allocations.Add($"| {size.ToString("N0", CultureInfo.InvariantCulture)} | " + string.Join(" | ", Enum.GetValues<ComputeStage>().Select(s => Mebibytes(median.Timings.Allocated.GetValueOrDefault(s)))) + " |");
        }

        Console.WriteLine("| organisations | counted | total (s) | prepare | read (wait + parse) | score | benchmark | trends | flags | write (of which results made) | app CPU (s) | Azurite CPU (s) | allocated (MiB) | longest stage |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine("Stage times in seconds, wall clock, as the service measured them; read overlaps with the fetching of the next page, and the results are made while earlier ones are written.");
        Console.WriteLine();
        Console.WriteLine("| organisations | " + string.Join(" | ", Enum.GetValues<ComputeStage>().Select(s => s.ToString().ToLowerInvariant() + " (MiB)")) + " |");
        Console.WriteLine("|---:|" + string.Concat(Enum.GetValues<ComputeStage>().Select(_ => "---:|")));
        foreach (var row in allocations)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine("Allocated by the whole process while each stage ran (write includes results).");
        Console.WriteLine();
        Console.WriteLine("| organisations | live before (MiB) | largest live during (MiB) | held by the computation (MiB) | the cycle's submissions alone, read and kept (MiB) | samples |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var row in peaks)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine($"What one more computation (not timed) held: the live managed heap after a full collection before it, and the largest after the full collections forced every {PeakMemory.Interval.TotalMilliseconds:0} ms while it ran; the difference is the most the computation held at once. Then the cycle's submissions alone, read from storage as the computation reads them and kept, for comparison: the computation keeps them for the whole run.");
        return status;
    }

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);

    private static string Row(int size, int counted, ComputeTimings timings, TimeSpan cpu, TimeSpan storageCpu, long allocated)
    {
        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var write = timings[ComputeStage.Write];
        var results = timings[ComputeStage.Results];

        // The results are made inside the write; apart from them, the write is serialising, compressing and storage.
        var stages = new (string Name, TimeSpan Time)[]
        {
            ("prepare", timings[ComputeStage.Prepare]),
            ("read", timings[ComputeStage.Read]),
            ("score", timings[ComputeStage.Score]),
            ("benchmark", timings[ComputeStage.Benchmark]),
            ("trends", timings[ComputeStage.Trends]),
            ("flags", timings[ComputeStage.Flags]),
            ("results made", results),
            ("write (serialise, compress, store)", write - results),
        };
        var bound = stages.MaxBy(s => s.Time);
        return $"| {size.ToString("N0", CultureInfo.InvariantCulture)} | {counted.ToString("N0", CultureInfo.InvariantCulture)} | {S(timings.Total)} | {S(timings[ComputeStage.Prepare])} | {S(timings[ComputeStage.Read])} | {S(timings[ComputeStage.Score])} | {S(timings[ComputeStage.Benchmark])} | {S(timings[ComputeStage.Trends])} | {S(timings[ComputeStage.Flags])} | {S(write)} ({S(results)}) | {S(cpu)} | {S(storageCpu)} | {(allocated / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture)} | {bound.Name} ({(bound.Time / timings.Total).ToString("P0", CultureInfo.InvariantCulture)}) |";
    }

    private static ServiceProvider Services(AzuriteFixture azurite, QuestionnaireCatalog catalog, string tablePrefix)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new StorageSettings { ConnectionString = azurite.ConnectionString, TablePrefix = tablePrefix, NetworkTimeout = TimeSpan.FromSeconds(60) });
        services.AddSingleton(catalog);
        services.AddBenchmarkStorage();
        services.AddBenchmarkApplication();
        return services.BuildServiceProvider();
    }

    /// <summary>The cycle, a synthetic register and one approved submission per organisation, stored as the service stores them; returns how many are complete.</summary>
    private static async Task<int> SeedAsync(ServiceProvider provider, QuestionnaireCatalog catalog, int size, ulong seed)
    {
        await provider.GetRequiredService<StorageSetup>().CreateIfNotExistsAsync();
        var synthetic = SyntheticOrganisations.Stream(catalog, size, seed, Cycle, municipalityCodes: true);
        var opened = new DateTimeOffset(Cycle, 1, 15, 9, 0, 0, TimeSpan.FromHours(1));
        await provider.GetRequiredService<CycleStore>().SaveAsync(new Cycle(Cycle, synthetic.Questionnaire.Version, CycleStatus.Closed, opened.AddMonths(4), opened, opened.AddMonths(5)));
        await provider.GetRequiredService<RegisterStore>().ImportAsync(synthetic.Register);

        var store = provider.GetRequiredService<SubmissionStore>();
        var complete = 0;
        await Parallel.ForEachAsync(
            synthetic.Submissions(),
            new ParallelOptions { MaxDegreeOfParallelism = SeedingInParallel },
            async (submission, cancellationToken) =>
            {
                var record = new SubmissionRecord(submission.Municipality, Cycle, 1, SubmissionStatus.Approved, submission, SubmissionAction.Approved, opened.AddMonths(3), "seed", null, false);
                await store.WriteAsync(null, record, cancellationToken);
                if (Core.Scoring.SubmissionCompleteness.IsComplete(catalog, submission))
                {
                    Interlocked.Increment(ref complete);
                }
            });
        return complete;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// What one computation holds: the live managed heap after a full, compacting collection before it, and the largest
    /// live heap found by full collections forced every <see cref="Interval"/> while it runs. Sampled, so it can miss a
    /// short peak between two samples; the computation holds its large parts (submissions, summaries, history) for
    /// seconds, across many samples.
    /// </summary>
    private sealed class PeakMemory : IDisposable
    {
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;

        private PeakMemory(long before)
        {
            LiveBefore = before;
            LivePeak = before;
            _sampling = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(Interval, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    LivePeak = Math.Max(LivePeak, Live());
                    Samples++;
                }
            });
        }

        public long LiveBefore { get; }

        public long LivePeak { get; private set; }

        public int Samples { get; private set; }

        public static PeakMemory Start() => new(Live());

        public void Stop()
        {
            _stop.Cancel();
            _sampling.GetAwaiter().GetResult();
            Dispose();
        }

        public void Dispose() => _stop.Dispose();

        /// <summary>The live managed heap after a full, compacting collection.</summary>
        public static long Live()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: false);
        }
    }
}
