using BenchmarkDotNet.Attributes;
using Benchmark.Core.Reports;

namespace Benchmark.Performance;

/// <summary>
/// One council report's PDF against the same charts drawn alone to PNG, for BenchmarkDotNet (the `bdn` subcommand).
/// A short job: the reports measurement repeats the comparison over many municipalities.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private ReportDemo _demo = null!;
    private CouncilReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        _demo = ReportDemo.Load();

        // The first municipality with a domain chart for every domain, so the report draws all its charts.
        _report = _demo.Municipalities.Select(code => _demo.Council(code)).First(r => r.Domains.Count > 0 && r.Domains.All(d => d.Chart.Bars.Count > 0));
    }

    [Benchmark(Baseline = true, Description = "council report charts alone to PNG")]
    public long ChartsToPng() => _demo.ChartsToPng(_report);

    [Benchmark(Description = "council report PDF")]
    public int CouncilPdf() => _demo.Renderer.CouncilPdf(_report).Length;
}
