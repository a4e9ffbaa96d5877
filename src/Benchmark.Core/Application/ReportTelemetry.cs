using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Benchmark.Core.Application;

/// <summary>
/// The report batch's traces and metrics: how many reports were rendered, how long one takes, how many attempts failed.
/// Under the same source and meter name as the rest of the app's own telemetry ("Benchmark"), which the function app
/// exports by name, so moving the rules here changed nothing an operator sees.
/// </summary>
public static class ReportTelemetry
{
    public const string Name = "Benchmark";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> ReportsRendered = Meter.CreateCounter<long>(
        "benchmark.report.rendered", "{report}", "Reports rendered and stored, by kind and language");

    private static readonly Counter<long> ReportFailures = Meter.CreateCounter<long>(
        "benchmark.report.failures", "{attempt}", "Report attempts that failed (retried, or given up after the last try)");

    private static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>(
        "benchmark.report.duration", "s", "Time to render one report (PDF and HTML) in one language");

    public static void Rendered(string kind, string language, TimeSpan elapsed)
    {
        var tags = new TagList { { "benchmark.report.kind", kind }, { "benchmark.report.language", language } };
        ReportsRendered.Add(1, tags);
        ReportDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static void Failed(string kind) =>
        ReportFailures.Add(1, new KeyValuePair<string, object?>("benchmark.report.kind", kind));
}
