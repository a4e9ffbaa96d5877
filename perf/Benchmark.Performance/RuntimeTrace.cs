using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Benchmark.Performance;

/// <summary>
/// The runtime's own events of another .NET process while a load runs, through its diagnostics port (EventPipe, what
/// dotnet-trace uses): garbage collections and their pauses, thread-pool growth and why, lock contention, and the
/// Azure SDK's retries and error answers. Used to find out what a slow request waited for.
/// </summary>
public sealed class RuntimeTrace : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _processing;
    private readonly Lock _gate = new();
    private readonly List<Pause> _pauses = [];
    private readonly List<Adjustment> _adjustments = [];
    private readonly List<Contention> _contentions = [];
    private readonly List<SdkEvent> _sdkEvents = [];
    private readonly Dictionary<int, DateTime> _contentionStarts = [];
    private DateTime? _suspendStarted;
    private int _generation = -1;

    private RuntimeTrace(int processId)
    {
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.Threading | ClrTraceEventParser.Keywords.Contention)),
            new EventPipeProvider("Azure-Core", EventLevel.Informational),
        };
        _session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false);
        var source = new EventPipeEventSource(_session.EventStream);
        Subscribe(source);
        _processing = Task.Run(source.Process);
    }

    /// <summary>A garbage collection's pause: from suspending the managed threads to resuming them.</summary>
    public sealed record Pause(DateTime Start, double Milliseconds, int Generation);

    /// <summary>The thread pool changed its number of worker threads; reason "Starvation" means work items were waiting for a thread.</summary>
    public sealed record Adjustment(DateTime At, string Reason, int Threads);

    public sealed record Contention(DateTime Start, double Milliseconds);

    /// <summary>An Azure SDK event: a retry ("RequestRetrying") or an error answer ("ErrorResponse", with its status).</summary>
    public sealed record SdkEvent(DateTime At, string Name, string? Status);

    public static RuntimeTrace Attach(int processId) => new(processId);

    public IReadOnlyList<Pause> Pauses => Snapshot(_pauses);

    public IReadOnlyList<Adjustment> Adjustments => Snapshot(_adjustments);

    public IReadOnlyList<Contention> Contentions => Snapshot(_contentions);

    public IReadOnlyList<SdkEvent> SdkEvents => Snapshot(_sdkEvents);

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }

    private void Subscribe(EventPipeEventSource source)
    {
        var clr = new ClrTraceEventParser(source);
        clr.GCSuspendEEStart += e =>
        {
            lock (_gate)
            {
                _suspendStarted = e.TimeStamp.ToUniversalTime();
                _generation = -1;
            }
        };
        clr.GCStart += e =>
        {
            lock (_gate)
            {
                _generation = e.Depth;
            }
        };
        clr.GCRestartEEStop += e =>
        {
            lock (_gate)
            {
                if (_suspendStarted is { } start)
                {
                    _pauses.Add(new Pause(start, (e.TimeStamp.ToUniversalTime() - start).TotalMilliseconds, _generation));
                    _suspendStarted = null;
                }
            }
        };
        clr.ThreadPoolWorkerThreadAdjustmentAdjustment += e =>
        {
            lock (_gate)
            {
                _adjustments.Add(new Adjustment(e.TimeStamp.ToUniversalTime(), e.Reason.ToString(), (int)e.NewWorkerThreadCount));
            }
        };
        clr.ContentionStart += e =>
        {
            lock (_gate)
            {
                _contentionStarts[e.ThreadID] = e.TimeStamp.ToUniversalTime();
            }
        };
        clr.ContentionStop += e =>
        {
            lock (_gate)
            {
                if (_contentionStarts.Remove(e.ThreadID, out var start))
                {
                    _contentions.Add(new Contention(start, (e.TimeStamp.ToUniversalTime() - start).TotalMilliseconds));
                }
            }
        };
        source.Dynamic.All += e =>
        {
            if (e.ProviderName == "Azure-Core" && e.EventName is { } name && (name.Contains("Retry", StringComparison.Ordinal) || name.Contains("Error", StringComparison.Ordinal)))
            {
                var status = e.PayloadNames.Contains("status") ? e.PayloadByName("status")?.ToString() : null;
                lock (_gate)
                {
                    _sdkEvents.Add(new SdkEvent(e.TimeStamp.ToUniversalTime(), name, status));
                }
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The process has already exited: its stream has ended.
        }

        await _processing.WaitAsync(TimeSpan.FromSeconds(30));
        _session.Dispose();
    }
}
