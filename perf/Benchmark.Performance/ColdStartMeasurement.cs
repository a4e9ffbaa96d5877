using System.Diagnostics;
using System.Globalization;
using Benchmark.Functions;
using Benchmark.Testing;

namespace Benchmark.Performance;

/// <summary>
/// Time from process start to the first 200 from /api/health: the function app's package as scripts/package.sh makes it,
/// against a bare ASP.NET Core app published the same way (self-contained linux-x64, ReadyToRun), started alternately
/// in one run, the way the Functions host starts a custom handler.
/// </summary>
public sealed class ColdStartMeasurement : IMeasurement
{
    public string Name => "coldstart";

    public string Description => "process start to first 200 from /api/health: the app's package vs. a bare ASP.NET Core app";

    public async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 1 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var folder = Path.Combine(RepositoryRoot.Path, ".data", "perf-coldstart");
        var app = await PublishAsync("scripts/package.sh", Path.Combine(folder, "app"));
        var bare = await PublishBareAsync(Path.Combine(folder, "bare"));

        // Storage is up, as in Azure: the app creates its tables in the background at start.
        await using var azurite = await AzuriteFixture.StartOwnAsync();
        var appTimes = new List<double>();
        var bareTimes = new List<double>();

        // One discarded start each first (the files into the page cache), then alternately, so drift hits both alike.
        var appExecutable = Path.Combine(app, "Benchmark.Functions");
        var bareExecutable = Path.Combine(bare, "Benchmark.BareApp");
        await StartAsync(appExecutable, app, azurite, timeline: false);
        await StartAsync(bareExecutable, bare, azurite, timeline: false);
        for (var i = 0; i < runs; i++)
        {
            appTimes.Add((await StartAsync(appExecutable, app, azurite, timeline: false)).Milliseconds);
            bareTimes.Add((await StartAsync(bareExecutable, bare, azurite, timeline: false)).Milliseconds);
        }

        // Separate starts with the app's start-up timeline on, so writing it does not count in the times above.
        var timelines = new List<Start>();
        for (var i = 0; i < Math.Max(5, runs / 3); i++)
        {
            timelines.Add(await StartAsync(appExecutable, app, azurite, timeline: true));
        }

        appTimes.Sort();
        bareTimes.Sort();
        var ratio = Median(appTimes) / Median(bareTimes);
        Console.WriteLine($"Cold start: process start to the first 200 from /api/health, {runs} starts each, alternating ({Environment.ProcessorCount} cores).");
        Console.WriteLine();
        Console.WriteLine("| app | median (ms) | p90 (ms) | min (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Line("function app package (self-contained, ReadyToRun)", appTimes));
        Console.WriteLine(Line("bare ASP.NET Core app, published the same way", bareTimes));
        Console.WriteLine();
        Console.WriteLine($"Ratio of medians: {ratio.ToString("0.00", CultureInfo.InvariantCulture)} (target ≤ 1.50): {(ratio <= 1.5 ? "met" : "missed")}.");
        Console.WriteLine();
        PrintTimeline(timelines, Median(bareTimes));
        return ratio <= 1.5 ? 0 : 1;
    }

    /// <summary>One start: the milliseconds to the first 200, and the app's start-up steps (ms since the process was started) when its timeline was on.</summary>
    private sealed record Start(double Milliseconds, IReadOnlyList<(string Step, double At)> Steps);

    /// <summary>The median moment of each step over the timed starts, and the time from the step before: where a cold start goes.</summary>
    private static void PrintTimeline(List<Start> starts, double bareMedian)
    {
        var steps = starts[0].Steps.Select(s => s.Step).Append("first 200 from /api/health").ToList();
        if (starts.Any(s => !s.Steps.Select(x => x.Step).SequenceEqual(steps.Take(steps.Count - 1))))
        {
            throw new InvalidOperationException("The app's start-up steps differ from one start to the next.");
        }

        Console.WriteLine($"Where the function app's start goes: its start-up timeline ({StartupTimeline.Variable}=1), median of {starts.Count} further starts.");
        Console.WriteLine();
        Console.WriteLine("| step | since process start (ms) | this step (ms) |");
        Console.WriteLine("|---|---:|---:|");
        var previous = 0.0;
        for (var i = 0; i < steps.Count; i++)
        {
            var at = starts.Select(s => i < s.Steps.Count ? s.Steps[i].At : s.Milliseconds).Order().ToList();
            var median = Median(at);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps[i]} | {median:0} | {median - previous:0} |"));
            previous = median;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| for comparison: the bare app's first 200 | {bareMedian:0} | |"));
    }

    private static bool HasListened(List<(string Step, double At)> steps)
    {
        lock (steps)
        {
            return steps.Any(s => s.Step.StartsWith("listening", StringComparison.Ordinal));
        }
    }

    private static string Line(string name, List<double> times) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(times):0} | {times[(int)Math.Ceiling(0.9 * times.Count) - 1]:0} | {times[0]:0} | {times[^1]:0} |");

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<string> PublishAsync(string script, string output)
    {
        await RunAsync("bash", [Path.Combine(RepositoryRoot.Path, script), output]);
        return Path.Combine(output, "app");
    }

    private static async Task<string> PublishBareAsync(string output)
    {
        var app = Path.Combine(output, "app");
        await RunAsync("dotnet", [
            "publish", Path.Combine(RepositoryRoot.Path, "perf", "Benchmark.BareApp"), "--configuration", "Release", "--runtime", "linux-x64",
            "-p:SelfContained=true", "-p:PublishReadyToRun=true", "-p:PublishReadyToRunComposite=true", $"-p:ArtifactsPath={Path.Combine(output, "build")}", "--output", app, "--nologo", "--verbosity", "quiet"]);
        return app;
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed:\n{await output}\n{await error}");
        }
    }

    /// <summary>Starts the executable as the host would and polls /api/health on a new connection each time; returns the milliseconds to the first 200.</summary>
    private static async Task<Start> StartAsync(string executable, string directory, AzuriteFixture azurite, bool timeline)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The bare app reads the port from FUNCTIONS_CUSTOMHANDLER_PORT; the function app, started without a Functions host,
        // is the plain ASP.NET Core app and listens where ASPNETCORE_URLS says (its start as an isolated worker under a
        // host: tests/Benchmark.WorkerHost.Tests, ColdStartTests).
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Security__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        if (timeline)
        {
            start.Environment[StartupTimeline.Variable] = "1";
        }

        var steps = new List<(string Step, double At)>();
        var started = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            // "startup-timeline {Unix ms} {step}".
            if (line.Data is { } data && data.StartsWith(StartupTimeline.Prefix, StringComparison.Ordinal))
            {
                var parts = data.Split(' ', 3);
                lock (steps)
                {
                    steps.Add((parts[2], double.Parse(parts[1], CultureInfo.InvariantCulture) - started));
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
                using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/api/health"));
                    if (response.IsSuccessStatusCode)
                    {
                        var milliseconds = clock.Elapsed.TotalMilliseconds;

                        // The last step's line is written before the first answer but may be read after it.
                        for (var wait = 0; timeline && wait < 200 && !HasListened(steps); wait++)
                        {
                            await Task.Delay(10);
                        }

                        lock (steps)
                        {
                            return new Start(milliseconds, [.. steps]);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{executable} exited with {process.ExitCode} before answering.");
                }

                await Task.Delay(2);
            }

            throw new TimeoutException($"{executable} did not answer /api/health within 30 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
