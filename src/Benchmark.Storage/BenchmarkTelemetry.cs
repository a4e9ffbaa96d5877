using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Benchmark.Storage;

/// <summary>
/// The service's own traces and metrics, next to what ASP.NET Core and the Azure SDK record. The function app exports
/// both through OpenTelemetry (to Application Insights in Azure); these are the numbers an operator asks about:
/// how many answers came in, and how the report batch is doing.
/// </summary>
public static class BenchmarkTelemetry
{
    public const string Name = "Benchmark";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> SubmissionWrites = Meter.CreateCounter<long>(
        "benchmark.submission.writes", "{write}", "Stored changes to submissions (drafts saved, submitted, reviewed), by action");

    private static readonly Counter<long> ReportsRendered = Meter.CreateCounter<long>(
        "benchmark.report.rendered", "{report}", "Reports rendered and stored, by kind and language");

    private static readonly Counter<long> ReportFailures = Meter.CreateCounter<long>(
        "benchmark.report.failures", "{attempt}", "Report attempts that failed (retried, or given up after the last try)");

    private static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>(
        "benchmark.report.duration", "s", "Time to render one report (PDF and HTML) in one language");

    public static void SubmissionWritten(string action) =>
        SubmissionWrites.Add(1, new KeyValuePair<string, object?>("benchmark.action", action));

    public static void ReportRendered(string kind, string language, TimeSpan elapsed)
    {
        var tags = new TagList { { "benchmark.report.kind", kind }, { "benchmark.report.language", language } };
        ReportsRendered.Add(1, tags);
        ReportDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static void ReportFailed(string kind) =>
        ReportFailures.Add(1, new KeyValuePair<string, object?>("benchmark.report.kind", kind));
}
