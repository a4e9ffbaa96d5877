using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Benchmark.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator, installed by scripts/setup.sh from the npm lock file) on free
/// loopback ports, with its data in an ignored folder of the repository. Integration tests never mock storage.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;

    private readonly bool _inMemory;

    private Azurite(string location, int blobPort, int queuePort, int tablePort, bool inMemory)
    {
        _inMemory = inMemory;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="inMemory">
    /// Keeps the data in memory only (Azurite's --inMemoryPersistence). On disk, Azurite writes its whole table database
    /// every 5 s on its one thread, which stalls every request for seconds once it holds a few hundred MB; load
    /// measurements use memory so they measure the app, not the emulator. A restart then starts empty.
    /// </param>
    public static async Task<Azurite> StartAsync(bool inMemory = false)
    {
        var location = System.IO.Path.Combine(RepositoryRoot.Path, ".data", "test-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var azurite = new Azurite(location, LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(), inMemory);
        await azurite.RestartAsync().ConfigureAwait(false);
        return azurite;
    }

    /// <summary>Starts (again) on the same ports and data folder: data written before a stop is still there.</summary>
    public async Task RestartAsync()
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run scripts/setup.sh, which installs it from package-lock.json.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Azurite refuses a data folder together with memory-only persistence.
        start.ArgumentList.Add(_inMemory ? "--inMemoryPersistence" : "--location");
        if (!_inMemory)
        {
            start.ArgumentList.Add(Location);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await Listening(port).ConfigureAwait(false))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not start on port {port} (exit code {(_process.HasExited ? _process.ExitCode : null)}).");
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
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync().ConfigureAwait(false);
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is ignored by git and under .data/.
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
