using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Testing;

namespace Benchmark.Performance;

/// <summary>
/// Scoring and benchmarking at scale (issues 8 and 19): time and peak memory for 342, 10,000, 100,000 and 1,000,000
/// synthetic organisations, each size in a fresh child process so its peak memory is its own. Targets (issue 19):
/// 100,000 in at most 10 s and 512 MiB peak working set, 10,000 → 100,000 grows at most 11 ×, and 1,000,000 within 4 GiB.
/// </summary>
public sealed class ScaleMeasurement : IMeasurement
{
    /// <summary>The size the time and memory targets are for.</summary>
    public const int TargetSize = 100_000;

    public const long TargetMemoryBytes = 512L << 20;

    public static readonly TimeSpan TargetTime = TimeSpan.FromSeconds(10);

    /// <summary>10,000 → 100,000 may take at most 11 × as long: linear, with 10 % slack.</summary>
    public const double GrowthLimit = 11;

    public const int LargestSize = 1_000_000;

    public const long LargestMemoryBytes = 4L << 30;

    private const string ChildFlag = "--child";
    private const string ResultPrefix = "SCALE-RESULT ";
    private static readonly TimeSpan ChildTimeLimit = TimeSpan.FromMinutes(30);
    private static readonly int[] DefaultSizes = [342, 10_000, TargetSize, LargestSize];

    public string Name => "scale";

    public string Description => "scoring and benchmarking 342, 10,000, 100,000 and 1,000,000 synthetic organisations [--sizes 342,10000,100000,1000000] [--seed 8]";

    public async Task<int> RunAsync(string[] args)
    {
        var seed = ulong.Parse(Option(args, "--seed") ?? "8", CultureInfo.InvariantCulture);
        if (Option(args, ChildFlag) is { } child)
        {
            return RunChild(int.Parse(child, CultureInfo.InvariantCulture), seed);
        }

        var sizes = Option(args, "--sizes") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).Order().ToArray()
            : DefaultSizes;

        var results = new List<ScaleResult>();
        foreach (var size in sizes)
        {
            Console.Error.WriteLine($"scale: measuring {size.ToString("N0", CultureInfo.InvariantCulture)} organisations in a child process");
            results.Add(await MeasureInChildAsync(size, seed));
        }

        return Report(results, seed);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task<ScaleResult> MeasureInChildAsync(int size, ulong seed)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };

        // Run as `dotnet Benchmark.Performance.dll`, the child needs the assembly as its first argument.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleMeasurement).Assembly.Location);
        }

        foreach (var argument in new[] { "scale", ChildFlag, size.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        using var timeout = new CancellationTokenSource(ChildTimeLimit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Measuring {size} organisations took longer than {ChildTimeLimit}.");
        }

        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The child process for {size} organisations failed (exit code {process.ExitCode}).");
        }

        return JsonSerializer.Deserialize<ScaleResult>(line[ResultPrefix.Length..])!;
    }

    /// <summary>In the child: generate, then time scoring and benchmarking, and report memory; generation is not timed.</summary>
    private static int RunChild(int size, ulong seed)
    {
        var catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires"));

        // A small run first, so the timings below do not include compiling the code they time.
        _ = ScoreAndBenchmark(catalog, SyntheticOrganisations.Stream(catalog, 50, seed + 1), out _, out _);

        // The register is made before timing; the submissions are made as they are scored, a batch at a time, as the
        // service would read pages of stored submissions, and the time spent making them is not counted.
        var cycle = SyntheticOrganisations.Stream(catalog, size, seed);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // What the register holds before any scoring: part of the peak, but not the engine's.
        var inputHeap = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var sampler = new CommittedMemorySampler();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var benchmark = ScoreAndBenchmark(catalog, cycle, out var scoring, out var benchmarking);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var peakCommitted = sampler.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peakWorkingSet = PeakWorkingSetBytes();
        GC.KeepAlive(cycle);

        var result = new ScaleResult(size, benchmark.Participants, scoring.TotalMilliseconds, benchmarking.TotalMilliseconds, cpu.TotalMilliseconds, paused.TotalMilliseconds, peakWorkingSet, peakCommitted, allocated, inputHeap);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Submissions scored together on every core; small enough to hold, large enough to keep the cores busy.</summary>
    private const int BatchSize = 8_192;

    /// <summary>
    /// What the service does for a cycle (BenchmarkService.InputAsync and ComputeAsync): score every submission, then
    /// benchmark. Each card is reduced to its compact row as soon as it is made and then dropped, so the cards (and the
    /// submissions, read a batch at a time) are never all held at once (issue 19). Scoring runs on every core; each
    /// submission writes only its own slot, so the rows, and the results, are the same whatever the order the cores take
    /// them in.
    /// </summary>
    private static CycleBenchmark ScoreAndBenchmark(QuestionnaireCatalog catalog, SyntheticOrganisations.SyntheticStream cycle, out TimeSpan scoring, out TimeSpan benchmarking)
    {
        var clock = Stopwatch.StartNew();
        var generating = new Stopwatch();
        var model = catalog.ModelForCycle(2026);
        var layout = MeasureLayout.For(model);
        var rows = new List<MeasureRow>(cycle.Register.Municipalities.Count);
        var batch = new List<Submission>(BatchSize);
        var slots = new MeasureRow?[BatchSize];
        using var submissions = cycle.Submissions().GetEnumerator();
        while (true)
        {
            generating.Start();
            batch.Clear();
            while (batch.Count < BatchSize && submissions.MoveNext())
            {
                batch.Add(submissions.Current);
            }

            generating.Stop();
            if (batch.Count == 0)
            {
                break;
            }

            Array.Clear(slots);
            Parallel.For(0, batch.Count, i =>
            {
                var submission = batch[i];
                var card = ScoringEngine.Score(model, cycle.Questionnaire, submission);
                var complete = SubmissionCompleteness.Missing(cycle.Questionnaire, submission, card).Count == 0;
                if (BenchmarkEngine.Counts(SubmissionStatus.Approved, complete, includeSubmitted: false))
                {
                    slots[i] = layout.Row(cycle.Register.Find(submission.Municipality)!, submission.ConsentToBeNamed, card);
                }
            });
            rows.AddRange(slots.Take(batch.Count).OfType<MeasureRow>());
        }

        scoring = clock.Elapsed - generating.Elapsed;
        clock.Restart();
        var benchmark = BenchmarkEngine.Compute(new CompactBenchmarkInput(cycle.Cycle, model, cycle.Register, rows, [], cycle.Notes));
        benchmarking = clock.Elapsed;
        return benchmark;
    }

    /// <summary>The peak resident set of this process (VmHWM), which includes the runtime itself.</summary>
    private static long PeakWorkingSetBytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/proc/self/status has no VmHWM.");
        var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    private static int Report(List<ScaleResult> results, ulong seed)
    {
        static string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture);
        static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture);

        Console.WriteLine($"### Scoring and benchmarking at scale (seed {seed.ToString(CultureInfo.InvariantCulture)}, {Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC)");
        Console.WriteLine();
        Console.WriteLine("| Organisations | Scoring (ms) | Benchmarking (ms) | Total (ms) | CPU (ms) | GC pauses (ms) | Peak working set (MiB) | GC peak committed (MiB) | Allocated (MiB) | Input heap (MiB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Organisations.ToString("N0", CultureInfo.InvariantCulture)} | {Ms(r.ScoringMs)} | {Ms(r.BenchmarkingMs)} | {Ms(r.TotalMs)} | {Ms(r.CpuMs)} | {Ms(r.GcPauseMs)} | {MiB(r.PeakWorkingSetBytes)} | {MiB(r.PeakCommittedBytes)} | {MiB(r.AllocatedBytes)} | {MiB(r.InputHeapBytes)} |");
        }

        Console.WriteLine();

        // Every target is judged on the sizes it names; a run without one of them (--sizes) cannot meet it.
        var met = true;
        void Target(string text, bool ok)
        {
            met &= ok;
            Console.WriteLine($"- {text}: {(ok ? "met" : "MISSED")}");
        }

        var small = results.FirstOrDefault(r => r.Organisations == TargetSize / 10);
        var target = results.FirstOrDefault(r => r.Organisations == TargetSize);
        var largest = results.FirstOrDefault(r => r.Organisations == LargestSize);
        if (small is not null && target is not null)
        {
            var growth = target.TotalMs / small.TotalMs;
            Target($"Growth: {Count(TargetSize)} took {growth.ToString("F1", CultureInfo.InvariantCulture)} × as long as {Count(TargetSize / 10)} (target ≤ {GrowthLimit.ToString("F0", CultureInfo.InvariantCulture)} ×)", growth <= GrowthLimit);
        }
        else
        {
            Target($"Growth: needs {Count(TargetSize / 10)} and {Count(TargetSize)} in --sizes", false);
        }

        if (target is not null)
        {
            Target($"Time: {Count(TargetSize)} took {Ms(target.TotalMs)} ms (target ≤ {Ms(TargetTime.TotalMilliseconds)} ms)", target.TotalMs <= TargetTime.TotalMilliseconds);
            Target($"Memory: {Count(TargetSize)} peaked at {MiB(target.PeakWorkingSetBytes)} MiB (target ≤ {MiB(TargetMemoryBytes)} MiB)", target.PeakWorkingSetBytes <= TargetMemoryBytes);
        }
        else
        {
            Target($"Time and memory: needs {Count(TargetSize)} in --sizes", false);
        }

        if (largest is not null)
        {
            Target($"Memory: {Count(LargestSize)} peaked at {MiB(largest.PeakWorkingSetBytes)} MiB in {Ms(largest.TotalMs)} ms (target ≤ {MiB(LargestMemoryBytes)} MiB)", largest.PeakWorkingSetBytes <= LargestMemoryBytes);
        }
        else
        {
            Target($"Memory: needs {Count(LargestSize)} in --sizes", false);
        }

        return met ? 0 : 1;
    }

    private static string Count(int organisations) => organisations.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>One size's results, passed from the child process to the parent as JSON.</summary>
    /// <param name="CpuMs">Processor time of the whole child (all threads, the GC's included) while it scored and benchmarked: less disturbed than wall time when others share the machine.</param>
    /// <param name="GcPauseMs">Time the GC held the program up during the timed work: it grows with the size of the live heap, so it shows how much of the time is memory.</param>
    /// <param name="InputHeapBytes">The managed heap after generating the register, before scoring (submissions are made as they are scored).</param>
    public sealed record ScaleResult(int Organisations, int Participants, double ScoringMs, double BenchmarkingMs, double CpuMs, double GcPauseMs, long PeakWorkingSetBytes, long PeakCommittedBytes, long AllocatedBytes, long InputHeapBytes)
    {
        public double TotalMs => ScoringMs + BenchmarkingMs;
    }

    /// <summary>
    /// The GC reports committed memory only as it is now, so a background thread samples it every few milliseconds
    /// while the timed work runs, and keeps the largest value.
    /// </summary>
    private sealed class CommittedMemorySampler : IDisposable
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private long _peak;

        public CommittedMemorySampler()
        {
            _peak = GC.GetGCMemoryInfo().TotalCommittedBytes;
            _thread = new Thread(Sample) { IsBackground = true, Name = "committed-memory-sampler" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop.Cancel();
            _thread.Join();
            Record();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose() => _stop.Dispose();

        private void Sample()
        {
            // Bounded by the child's own time limit as well: it ends with the process at the latest.
            for (var i = 0; i < (int)(ChildTimeLimit / Interval) && !_stop.IsCancellationRequested; i++)
            {
                Record();
                _stop.Token.WaitHandle.WaitOne(Interval);
            }
        }

        private void Record()
        {
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            long seen;
            while ((seen = Interlocked.Read(ref _peak)) < committed && Interlocked.CompareExchange(ref _peak, committed, seen) != seen)
            {
            }
        }
    }
}
