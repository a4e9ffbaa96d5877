using BenchmarkDotNet.Running;

namespace Benchmark.Performance;

/// <summary>
/// Every BenchmarkDotNet class in this assembly, chosen with BenchmarkDotNet's own arguments,
/// e.g. `Benchmark.Performance bdn --filter '*Scoring*'`.
/// </summary>
public sealed class BdnMeasurement : IMeasurement
{
    public string Name => "bdn";

    public string Description => "BenchmarkDotNet benchmarks of in-process parts, e.g. bdn --filter '*Scoring*'";

    public Task<int> RunAsync(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BdnMeasurement).Assembly).Run(args);

        // BenchmarkDotNet prints its own Markdown tables; a benchmark that failed to run is a missed target.
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return Task.FromResult(failed ? 1 : 0);
    }
}
