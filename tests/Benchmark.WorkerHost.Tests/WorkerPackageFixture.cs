using System.Diagnostics;
using System.IO.Compression;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.WorkerHost.Tests;

/// <summary>
/// The deployable package as <c>scripts/package.sh</c> makes it, unpacked into a folder of its own as the platform does,
/// and started under <see cref="FunctionsHost"/> as the Functions host starts an isolated worker. Its storage is a real
/// Azurite holding a benchmarked demo cycle, prepared through an in-process app on the same tables (no prefix, as under
/// the host).
/// </summary>
public sealed class WorkerPackageFixture : IAsyncLifetime
{
    public const int Cycle = 2026;

    public string PackageFolder { get; } = Path.Combine(RepositoryRoot.Path, ".data", "test-worker-package");

    public string ZipPath => Path.Combine(PackageFolder, "benchmark-functions.zip");

    /// <summary>Where the zip is unpacked: the function app directory.</summary>
    public string Unpacked { get; } = Path.Combine(RepositoryRoot.Path, ".data", "test-worker-package-unpacked", Guid.NewGuid().ToString("N"));

    public AzuriteFixture Azurite { get; private set; } = null!;

    /// <summary>The same tables, queue and container as the worker, for preparing data and reading back what it wrote.</summary>
    public ApiServer Storage { get; private set; } = null!;

    public FunctionsHost Host { get; private set; } = null!;

    public string AnalystKey { get; private set; } = "";

    /// <summary>The app settings the platform would give the worker (as environment variables).</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Storage__ConnectionString"] = Azurite.ConnectionString,
        ["Security__Secret"] = ApiServer.TestSecret,
        ["Service__ContactEmail"] = "benchmark@example.org",
    };

    public async Task InitializeAsync()
    {
        await PackageAsync(PackageFolder);
        ZipFile.ExtractToDirectory(ZipPath, Unpacked);

        Azurite = await AzuriteFixture.StartOwnAsync();
        Storage = await ApiServer.StartAsync(Azurite, new Dictionary<string, string?> { ["Reports:Worker"] = "false" }, tablePrefix: "");
        var catalog = Storage.Service<QuestionnaireCatalog>();
        await new DemoLoader(Storage.Service<RegisterStore>(), Storage.Service<CycleStore>(), Storage.Service<SubmissionStore>(), Storage.Service<CurationService>(), Storage.Time)
            .LoadAsync(DemoGenerator.Generate(catalog, 1, [Cycle]), new DateTimeOffset(Cycle, 12, 31, 22, 59, 59, TimeSpan.Zero));
        var computed = await Storage.Service<BenchmarkService>().ComputeAsync(Cycle, includeSubmitted: false, "test");
        Assert.True(computed.Refusal is null, computed.Refusal?.Detail);
        AnalystKey = await Storage.CreateKeyAsync(Role.Analyst);

        Host = await FunctionsHost.StartAsync(Unpacked, Settings);
    }

    /// <summary>Runs scripts/package.sh into <paramref name="folder"/>, with BENCHMARK_PACKAGE set when given.</summary>
    public static async Task PackageAsync(string folder, string? mode = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"), folder])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (mode is not null)
        {
            start.Environment["BENCHMARK_PACKAGE"] = mode;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Timeouts.Package);
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"scripts/package.sh failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

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
