using System.Diagnostics;
using System.Globalization;
using Benchmark.Testing;

namespace Benchmark.Performance;

/// <summary>
/// The function app as its own process (its own thread pool and server GC, as deployed), built by the solution's
/// Release build, on a loopback port and the given Azurite; telemetry is recorded but not exported.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>The CPU time the app's process has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AppProcess> StartAsync(AzuriteFixture azurite)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "bin", "Release", "net10.0", "Benchmark.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build the solution in Release first (scripts/measure.sh does).");
        }

        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Security__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["Web__LocalDevelopment"] = "true";
        start.Environment["RateLimit__PermitsPerMinute"] = "100000000";
        start.Environment["Telemetry__Exporter"] = "none";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Reports__Worker"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var health = await client.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return new AppProcess(process, address);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The app did not answer /api/health within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
