using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Benchmark.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator, installed by scripts/setup.sh from the npm lock file) on free loopback
/// ports, with its data in an ignored folder of the repository. Integration tests never mock storage. The one way the
/// tests get storage:
/// <list type="bullet">
/// <item>as an xunit fixture (<c>IClassFixture&lt;AzuriteFixture&gt;</c>, or <c>ICollectionFixture&lt;AzuriteFixture&gt;</c>
/// in a collection the test project defines): one process for the class or collection, each test on its own tables
/// (<see cref="ApiServer"/> gives every server a new table prefix, or the test picks its own);</item>
/// <item><see cref="StartOwnAsync"/> for a test that stops and restarts storage, or whose load must not meet another
/// test's: <c>await using var azurite = await AzuriteFixture.StartOwnAsync();</c></item>
/// </list>
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly bool _inMemory;
    private Process? _process;

    /// <summary>For xunit, which starts it (<see cref="IAsyncLifetime.InitializeAsync"/>) before the first test that uses it.</summary>
    public AzuriteFixture()
        : this(inMemory: false)
    {
    }

    private AzuriteFixture(bool inMemory)
    {
        _inMemory = inMemory;
        Location = Path.Combine(RepositoryRoot.Path, ".data", "test-azurite", Guid.NewGuid().ToString("N"));
        BlobPort = LoopbackPort.Free();
        QueuePort = LoopbackPort.Free();
        TablePort = LoopbackPort.Free();
    }

    public string Location { get; }

    /// <summary>The CPU time Azurite's process has used so far, for measurements that tell the app's work from storage's; null when it is not running.</summary>
    public TimeSpan? ProcessorTime
    {
        get
        {
            if (_process is not { HasExited: false } process)
            {
                return null;
            }

            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>An Azurite of the caller's own, started; the caller disposes it.</summary>
    /// <param name="inMemory">
    /// Keeps the data in memory only (Azurite's --inMemoryPersistence). On disk, Azurite writes its whole table database
    /// every 5 s on its one thread, which stalls every request for seconds once it holds a few hundred MB; load
    /// measurements use memory so they measure the app, not the emulator. A restart then starts empty.
    /// </param>
    public static async Task<AzuriteFixture> StartOwnAsync(bool inMemory = false)
    {
        var azurite = new AzuriteFixture(inMemory);
        try
        {
            await azurite.RestartAsync().ConfigureAwait(false);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return azurite;
    }

    Task IAsyncLifetime.InitializeAsync() => RestartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Starts (again) on the same ports and data folder: data written before a stop is still there.</summary>
    public async Task RestartAsync()
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run scripts/setup.sh, which installs it from package-lock.json.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Azurite refuses a data folder together with memory-only persistence.
        start.ArgumentList.Add(_inMemory ? "--inMemoryPersistence" : "--location");
        if (!_inMemory)
        {
            Directory.CreateDirectory(Location);
            start.ArgumentList.Add(Location);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TestTimeouts.AzuriteStart;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await Listening(port).ConfigureAwait(false))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not start on port {port} within {TestTimeouts.AzuriteStart.TotalSeconds:0} s (exit code {(_process.HasExited ? _process.ExitCode : null)}).");
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops the emulator, as if storage went away; <see cref="RestartAsync"/> brings it back with its data.
    /// It is asked to stop (SIGTERM) so it saves what it acknowledged, as real storage never loses an acknowledged write.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync().ConfigureAwait(false);
            }

            using var patience = new CancellationTokenSource(TestTimeouts.AzuriteStop);
            try
            {
                await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Stops it and removes its data; a second call does nothing more.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // Best effort (or already gone): the folder is ignored by git and under .data/.
        }
    }

    private static async Task<bool> Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
