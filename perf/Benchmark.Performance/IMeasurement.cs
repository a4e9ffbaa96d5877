namespace Benchmark.Performance;

/// <summary>One measurement for docs/PERFORMANCE.md, run as `Benchmark.Performance NAME [options]`.</summary>
public interface IMeasurement
{
    /// <summary>The subcommand, e.g. "submission".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the measurement, prints its results as Markdown to standard output, and returns 0 when every target was met, 1 when one was missed.</summary>
    Task<int> RunAsync(string[] args);
}
