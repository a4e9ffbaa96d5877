using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Benchmark.Testing;

namespace Benchmark.Cli.Tests;

/// <summary>
/// The README's quick-start command (scripts/run.sh) running as a developer runs it in a terminal: from the repository
/// root, in a process group of its own (as a shell's job control gives it), with its output kept. Ctrl+C is a SIGINT to
/// that group, as a terminal sends it; disposing kills the whole group, so no Azurite or app outlives a failed test.
/// </summary>
internal sealed class QuickStartProcess : IAsyncDisposable
{
    private const string BannerEnd = "Stop with Ctrl+C";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<TimeSpan> _times = [];
    private readonly TaskCompletionSource _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private QuickStartProcess(Process process, QuickStartSettings settings)
    {
        _process = process;
        Settings = settings;
    }

    public QuickStartSettings Settings { get; }

    /// <summary>The process group: run.sh's own id, as setsid makes it the group's leader.</summary>
    public int Group => _process.Id;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public static QuickStartProcess Start(string command, QuickStartSettings settings)
    {
        // setsid gives the command the process group a terminal would: the signal goes to it and what it started, never to the test host.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(command);
        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var quickStart = new QuickStartProcess(process, settings);
        process.OutputDataReceived += (_, e) => quickStart.Add(e.Data, quickStart._outputClosed);
        process.ErrorDataReceived += (_, e) => quickStart.Add(e.Data, quickStart._errorClosed);
        process.Exited += (_, _) => quickStart._banner.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        // setsid makes the command the leader of a new group in place (no fork) when its caller leads no group, as a
        // test host never does; it takes a moment between the start and the exec.
        var clock = Stopwatch.StartNew();
        while (GroupOf(process.Id) != process.Id && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }

        if (!process.HasExited && GroupOf(process.Id) != process.Id)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not become the leader of its own process group, so it could not be stopped as a whole.");
        }

        return quickStart;
    }

    private static int? GroupOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>The output with the time each line came, from the start: how long each step took.</summary>
    public string Timeline()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.Select((line, i) => string.Create(CultureInfo.InvariantCulture, $"{_times[i].TotalSeconds,6:F1} s  {line}")));
        }
    }

    /// <summary>The last lines of the output, for a failure message.</summary>
    public string Tail(int count = 60)
    {
        lock (_lines)
        {
            return $"--- last {Math.Min(count, _lines.Count)} lines of scripts/run.sh's output ---\n" + string.Join('\n', _lines.TakeLast(count));
        }
    }

    /// <summary>Everything printed up to the end of the banner; fails with the output's tail, and the logs', when the script stops or takes too long first.</summary>
    public async Task<string> BannerAsync(TimeSpan timeout)
    {
        var waited = await Task.WhenAny(_banner.Task, Task.Delay(timeout));
        if (_process.HasExited)
        {
            // The last lines may still be on their way after the exit.
            await Task.WhenAny(Task.WhenAll(_outputClosed.Task, _errorClosed.Task), Task.Delay(TimeSpan.FromSeconds(10)));
        }

        var output = Output;
        Assert.True(waited == _banner.Task, $"No banner within {timeout.TotalMinutes:0} minutes.\n{Tail()}\n{Logs()}");
        Assert.True(output.Contains(BannerEnd, StringComparison.Ordinal), $"scripts/run.sh stopped (exit code {ExitCode}) before its banner.\n{Tail()}\n{Logs()}");
        return output;
    }

    /// <summary>The ends of the logs the script writes in its data folder: the app's, its start-up errors, Azurite's.</summary>
    public string Logs()
    {
        var text = new System.Text.StringBuilder();
        foreach (var name in new[] { "api.err", "api.log", "azurite.log" })
        {
            var path = Path.Combine(Settings.Data, name);
            var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            text.Append(CultureInfo.InvariantCulture, $"--- last lines of {name} ({(File.Exists(path) ? lines.Length + " lines" : "missing")}) ---\n");
            text.AppendJoin('\n', lines.TakeLast(20)).Append('\n');
        }

        return text.ToString();
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Ctrl+C: SIGINT to the group. Waits for the script to end and for <paramref name="ports"/> to close.</summary>
    public async Task InterruptAsync(IEnumerable<int> ports, TimeSpan timeout)
    {
        await Signal("-INT");
        var deadline = Stopwatch.StartNew();
        while (!_process.HasExited)
        {
            Assert.True(deadline.Elapsed < timeout, $"scripts/run.sh still runs {timeout.TotalSeconds:0} s after Ctrl+C.\n{Tail()}");
            await Task.Delay(200);
        }

        foreach (var port in ports)
        {
            while (await Listening(port))
            {
                Assert.True(deadline.Elapsed < timeout, $"Port {port} is still open {timeout.TotalSeconds:0} s after Ctrl+C.\n{Tail()}");
                await Task.Delay(200);
            }
        }
    }

    public static async Task<bool> Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever is left of the group (after a failure: the script, Azurite, the app) is killed.
        await Signal("-KILL");
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private void Add(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            _times.Add(Clock.Elapsed);
        }

        if (line.Contains(BannerEnd, StringComparison.Ordinal))
        {
            _banner.TrySetResult();
        }
    }

    private async Task Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, "--", "-" + Group.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        await kill.WaitForExitAsync();
    }
}

/// <summary>The settings a test gives scripts/run.sh: free loopback ports and a data folder of its own (never the developer's .data).</summary>
internal sealed record QuickStartSettings(string Data, int Port, int BlobPort, int QueuePort, int TablePort)
{
    public static QuickStartSettings Free(string data) => new(data, LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());

    public IReadOnlyList<int> Ports => [Port, BlobPort, QueuePort, TablePort];

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["BENCHMARK_DATA"] = Data,
        ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["AZURITE_BLOB_PORT"] = BlobPort.ToString(CultureInfo.InvariantCulture),
        ["AZURITE_QUEUE_PORT"] = QueuePort.ToString(CultureInfo.InvariantCulture),
        ["AZURITE_TABLE_PORT"] = TablePort.ToString(CultureInfo.InvariantCulture),
    };
}
