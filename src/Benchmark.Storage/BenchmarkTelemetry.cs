using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Benchmark.Storage;

/// <summary>
/// The service's own traces and metrics, next to what ASP.NET Core and the Azure SDK record. The function app exports
/// both through OpenTelemetry (to Application Insights in Azure); these are the numbers an operator asks about:
/// how many answers came in (the report batch's own are <see cref="Core.Application.ReportTelemetry"/>, under the same name).
/// </summary>
public static class BenchmarkTelemetry
{
    public const string Name = "Benchmark";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> SubmissionWrites = Meter.CreateCounter<long>(
        "benchmark.submission.writes", "{write}", "Stored changes to submissions (drafts saved, submitted, reviewed), by action");

    public static void SubmissionWritten(string action) =>
        SubmissionWrites.Add(1, new KeyValuePair<string, object?>("benchmark.action", action));
}
