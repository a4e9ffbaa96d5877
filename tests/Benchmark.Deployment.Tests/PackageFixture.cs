using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Deployment.Tests;

/// <summary>
/// The deployable package as <c>scripts/package.sh</c> makes it, unpacked into a folder of its own and started the way
/// the Functions host starts a custom handler: the executable named in host.json, run from the package's root, told its
/// port through FUNCTIONS_CUSTOMHANDLER_PORT. Its storage is a real Azurite holding a benchmarked demo cycle, prepared
/// through an in-process app on the same tables (no prefix, as under the host).
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const int Cycle = 2026;

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _handler;

    public string PackageFolder { get; } = Path.Combine(RepositoryRoot.Path, ".data", "test-package");

    public string ZipPath => Path.Combine(PackageFolder, "benchmark-functions.zip");

    /// <summary>Where the zip is unpacked, as the platform does: the handler's working directory.</summary>
    public string Unpacked { get; } = Path.Combine(RepositoryRoot.Path, ".data", "test-package-unpacked", Guid.NewGuid().ToString("N"));

    public Azurite Azurite { get; private set; } = null!;

    /// <summary>The same tables, queue and container as the handler, for preparing data and reading back what it wrote.</summary>
    public ApiServer Storage { get; private set; } = null!;

    public HttpClient Handler { get; private set; } = null!;

    public string AnalystKey { get; private set; } = "";

    /// <summary>What the handler printed (its console telemetry among it).</summary>
    public IEnumerable<string> Output => _output;

    public async Task InitializeAsync()
    {
        await PackageAsync();
        ZipFile.ExtractToDirectory(ZipPath, Unpacked);

        Azurite = await Azurite.StartAsync();
        Storage = await ApiServer.StartAsync(Azurite, new Dictionary<string, string?> { ["Reports:Worker"] = "false" }, tablePrefix: "");
        var catalog = Storage.Service<QuestionnaireCatalog>();
        await new DemoLoader(Storage.Service<RegisterStore>(), Storage.Service<CycleStore>(), Storage.Service<SubmissionStore>(), Storage.Service<CurationStore>(), catalog, Storage.Time)
            .LoadAsync(DemoGenerator.Generate(catalog, 1, [Cycle]), new DateTimeOffset(Cycle, 12, 31, 22, 59, 59, TimeSpan.Zero));
        var computed = await Storage.Service<BenchmarkService>().ComputeAsync(Cycle, includeSubmitted: false, "test");
        Assert.True(computed.Refusal is null, computed.Refusal?.Detail);
        AnalystKey = await Storage.CreateKeyAsync(Role.Analyst);

        await StartHandlerAsync();
    }

    private async Task PackageAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"), PackageFolder])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"scripts/package.sh failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private async Task StartHandlerAsync()
    {
        var port = LoopbackPort.Free();

        // As the host does: the executable from host.json, in the package's root, with the port in the environment.
        var start = new ProcessStartInfo(Path.Combine(Unpacked, "Benchmark.Functions"))
        {
            WorkingDirectory = Unpacked,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        start.Environment["Security__Secret"] = ApiServer.TestSecret;
        start.Environment["AzureWebJobsScriptRoot"] = Unpacked;
        start.Environment["Storage__ConnectionString"] = Azurite.ConnectionString;
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("APPLICATIONINSIGHTS_CONNECTION_STRING");

        // A self-contained handler needs no .NET on the machine: point it at none.
        start.Environment["DOTNET_ROOT"] = Path.Combine(Unpacked, "no-dotnet-here");
        _handler = Process.Start(start)!;
        _handler.OutputDataReceived += (_, e) => Keep(e.Data);
        _handler.ErrorDataReceived += (_, e) => Keep(e.Data);
        _handler.BeginOutputReadLine();
        _handler.BeginErrorReadLine();

        Handler = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_handler.HasExited, "The handler stopped at start:\n" + string.Join('\n', _output));
            try
            {
                using var health = await Handler.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "The handler did not answer on its port within a minute:\n" + string.Join('\n', _output));
            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 200_000)
        {
            _output.Enqueue(line);
        }
    }

    public async Task DisposeAsync()
    {
        Handler?.Dispose();
        if (_handler is { HasExited: false })
        {
            _handler.Kill(entireProcessTree: true);
            await _handler.WaitForExitAsync();
        }

        _handler?.Dispose();
        if (Storage is not null)
        {
            await Storage.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(Unpacked, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: .data/ is ignored by git.
        }
    }
}
