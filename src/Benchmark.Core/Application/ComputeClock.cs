using System.Diagnostics;
using Benchmark.Core.Benchmarking;

namespace Benchmark.Core.Application;

/// <summary>
/// Adds up the wall time a computation spends in each <see cref="ComputeStage"/>, so a measurement (and an analyst
/// reading the audit) can tell which stage bounds it. A stage may be entered many times; its times add up.
/// </summary>
internal sealed class ComputeClock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Dictionary<ComputeStage, long> _ticks = [];
    private readonly Dictionary<ComputeStage, long> _allocated = [];

    public StageTimer Stage(ComputeStage stage) => new(this, stage, Stopwatch.GetTimestamp(), GC.GetTotalAllocatedBytes());

    /// <summary>The items of <paramref name="items"/>, with the time spent making each added to <paramref name="stage"/>.</summary>
    public IEnumerable<T> Timed<T>(ComputeStage stage, IEnumerable<T> items)
    {
        using var enumerator = items.GetEnumerator();
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var allocated = GC.GetTotalAllocatedBytes();
            var more = enumerator.MoveNext();
            Add(stage, Stopwatch.GetTimestamp() - started, GC.GetTotalAllocatedBytes() - allocated);
            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    public ComputeTimings Timings()
    {
        lock (_ticks)
        {
            return new(
                _ticks.ToDictionary(t => t.Key, t => Stopwatch.GetElapsedTime(0, t.Value)),
                Stopwatch.GetElapsedTime(_start))
            {
                Allocated = _allocated.ToDictionary(a => a.Key, a => a.Value),
            };
        }
    }

    private void Add(ComputeStage stage, long ticks, long allocated)
    {
        // Results are made on whichever thread the store enumerates them from, but never on two at once.
        lock (_ticks)
        {
            _ticks[stage] = _ticks.GetValueOrDefault(stage) + ticks;
            _allocated[stage] = _allocated.GetValueOrDefault(stage) + allocated;
        }
    }

    /// <remarks>Allocation is counted for the whole process (cheaply, not precisely) while the stage runs.</remarks>
    public readonly struct StageTimer(ComputeClock clock, ComputeStage stage, long started, long allocated) : IDisposable
    {
        public void Dispose() => clock.Add(stage, Stopwatch.GetTimestamp() - started, GC.GetTotalAllocatedBytes() - allocated);
    }
}
