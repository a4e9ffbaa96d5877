using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Benchmark.Testing;
using Xunit.Abstractions;

namespace Benchmark.WorkerHost.Tests;

/// <summary>A measurement, not a check: runs only when BENCHMARK_COLDSTART is set (it packages twice and starts many workers).</summary>
public sealed class ColdStartFactAttribute : FactAttribute
{
    public const string Variable = "BENCHMARK_COLDSTART";

    public ColdStartFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"A measurement: set {Variable}=<starts per package> to run it (docs/PERFORMANCE.md).";
        }
    }
}

/// <summary>
/// Cold start under the test host: from starting the worker process to the first 200 from /api/health through the
/// catch-all function (StartStream, init, metadata, load, the first proxied request), for the framework-dependent and
/// the self-contained composite ReadyToRun package, started alternately. With BENCHMARK_COLDSTART_CUSTOM_HANDLER set to
/// an unpacked custom-handler package (the app before issue 16), that is started too, as the host started it, and timed
/// from process start to its first 200 on FUNCTIONS_CUSTOMHANDLER_PORT. Writes the table to .data/coldstart.md.
/// </summary>
public sealed class ColdStartTests(ITestOutputHelper output)
{
    [ColdStartFact]
    public async Task ColdStartOfTheWorkerPackages()
    {
        var runs = int.Parse(Environment.GetEnvironmentVariable(ColdStartFactAttribute.Variable)!, CultureInfo.InvariantCulture);
        var folder = Path.Combine(RepositoryRoot.Path, ".data", "coldstart");
        var packages = new List<(string Name, string App)>();
        foreach (var mode in (string[])["framework-dependent", "self-contained"])
        {
            var packageFolder = Path.Combine(folder, mode);
            await WorkerPackageFixture.PackageAsync(packageFolder, mode);
            var app = Path.Combine(folder, mode + "-unpacked");
            if (Directory.Exists(app))
            {
                Directory.Delete(app, recursive: true);
            }

            ZipFile.ExtractToDirectory(Path.Combine(packageFolder, "benchmark-functions.zip"), app);
            packages.Add((mode, app));
        }

        var customHandler = Environment.GetEnvironmentVariable("BENCHMARK_COLDSTART_CUSTOM_HANDLER");
        await using var azurite = await AzuriteFixture.StartOwnAsync();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Security__Secret"] = ApiServer.TestSecret,
            ["Service__ContactEmail"] = "benchmark@example.org",
        };

        var times = packages.ToDictionary(p => p.Name, _ => new List<(double Stream, double Loaded, double FirstResponse)>());
        var handlerTimes = new List<double>();

        // One discarded start each (the files into the page cache), then alternately, so drift hits all alike.
        for (var i = -1; i < runs; i++)
        {
            foreach (var (name, app) in packages)
            {
                var time = await StartWorkerAsync(app, settings);
                if (i >= 0)
                {
                    times[name].Add(time);
                }
            }

            if (customHandler is { Length: > 0 })
            {
                var time = await StartCustomHandlerAsync(customHandler, settings);
                if (i >= 0)
                {
                    handlerTimes.Add(time);
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Cold start under the test host, {runs} starts each, alternating ({Environment.ProcessorCount} cores): medians in ms (min–max of the last column).");
        table.AppendLine();
        table.AppendLine("| package | size (MB) | stream opened | functions loaded | first 200 from /api/health | range |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, app) in packages)
        {
            var t = times[name];
            table.AppendLine(CultureInfo.InvariantCulture, $"| isolated worker, {name} | {SizeMb(app):0} | {Median(t.Select(x => x.Stream)):0} | {Median(t.Select(x => x.Loaded)):0} | {Median(t.Select(x => x.FirstResponse)):0} | {t.Min(x => x.FirstResponse):0}–{t.Max(x => x.FirstResponse):0} |");
        }

        if (handlerTimes.Count > 0)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| custom handler (before issue 16), self-contained ReadyToRun | {SizeMb(customHandler!):0} | – | – | {Median(handlerTimes):0} | {handlerTimes.Min():0}–{handlerTimes.Max():0} |");
        }

        output.WriteLine(table.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "..", "coldstart.md"), table.ToString());
    }

    private static async Task<(double, double, double)> StartWorkerAsync(string app, Dictionary<string, string> settings)
    {
        await using var host = await FunctionsHost.StartAsync(app, settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://benchmark.example.nl/api/health");
        var (response, _) = await host.SendHttpAsync("WebPages", request);

        // From the worker process's start, as the host sees it (the test host's own gRPC server started before).
        var first = host.SinceProcessStart.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.TerminateAsync(TimeSpan.FromSeconds(5));
        return (host.StartTimes.StreamStarted, host.StartTimes.FunctionsLoaded, first);
    }

    private static async Task<double> StartCustomHandlerAsync(string app, Dictionary<string, string> settings)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Path.Combine(app, "Benchmark.Functions")) { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow + Timeouts.Start;
            while (true)
            {
                // A new connection each time, as the host's first forward.
                using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });
                try
                {
                    using var health = await client.GetAsync($"http://127.0.0.1:{port}/api/health");
                    if (health.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                }

                Assert.True(DateTime.UtcNow < deadline, "the custom handler did not answer");
                await Task.Delay(10);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static double SizeMb(string folder) => new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1024.0 / 1024.0;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
