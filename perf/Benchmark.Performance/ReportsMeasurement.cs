using System.Diagnostics;
using System.Globalization;
using System.Text;
using Benchmark.Core.Model;

namespace Benchmark.Performance;

/// <summary>
/// Report rendering (issue 8): warm time per council report against drawing the same charts alone to PNG, side by
/// side in one run; the PDF size of every demo report; and all demo reports through the queue with one and with two
/// workers against a real Azurite.
/// </summary>
public sealed class ReportsMeasurement : IMeasurement
{
    /// <summary>A council report may cost at most this many times drawing its charts alone.</summary>
    public const double MaxReportToChartsRatio = 2;

    /// <summary>400 KB.</summary>
    public const long MaxPdfBytes = 409_600;

    /// <summary>Two workers must finish all reports at least this many times faster than one.</summary>
    public const double MinTwoWorkerSpeedup = 1.6;

    public string Name => "reports";

    public string Description => "council report vs. its charts alone to PNG, PDF sizes, all reports through the queue with 1 and 2 workers [--reports N] [--warmup N] [--rounds N] [--parts warm,sizes,parallel,queue]";

    public async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--reports", 60);
        var warmup = Option(args, "--warmup", 5);
        var parts = (OptionText(args, "--parts") ?? "warm,sizes,parallel,queue").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var output = new StringBuilder();
        var met = true;

        var demo = ReportDemo.Load();
        output.AppendLine(CultureInfo.InvariantCulture, $"## Reports ({Environment.ProcessorCount} cores, {demo.Municipalities.Count} demo council reports, cycle {ReportDemo.Cycle})");
        output.AppendLine();
        if (parts.Contains("warm"))
        {
            met &= WarmTimes(demo, count, warmup, output);
        }

        if (parts.Contains("sizes"))
        {
            met &= Sizes(demo, output);
        }

        if (parts.Contains("parallel"))
        {
            met &= ParallelRendersAreIdentical(demo, count, output);
        }

        Console.Write(output.ToString());
        output.Clear();

        if (parts.Contains("queue"))
        {
            var queue = await ReportQueueRun.RunAsync(Option(args, "--rounds", 6));
            met &= queue.Report(output);
            Console.Write(output.ToString());
        }

        Console.WriteLine();
        Console.WriteLine(met ? "All report targets met." : "A report target was missed.");
        return met ? 0 : 1;
    }

    /// <summary>
    /// Each iteration takes the next municipality and times, one after the other, the report as the service renders it
    /// (model, PDF and HTML), the PDF alone, the same charts alone to PNG, and those charts drawn without the PNG
    /// encoding; so all of them see the same data and the same load on the machine.
    /// </summary>
    private static bool WarmTimes(ReportDemo demo, int count, int warmup, StringBuilder output)
    {
        var served = new List<double>();
        var pdfAlone = new List<double>();
        var charts = new List<double>();
        var images = new List<double>();
        long sink = 0;
        for (var i = 0; i < warmup + count; i++)
        {
            var code = demo.Municipalities[i % demo.Municipalities.Count];
            var started = Stopwatch.GetTimestamp();
            var rendered = demo.Renderer.Council(demo.Council(code));
            var servedTime = Stopwatch.GetElapsedTime(started);
            sink += rendered.Pdf.Length + rendered.Html.Length;

            var report = demo.Council(code);
            started = Stopwatch.GetTimestamp();
            sink += demo.Renderer.CouncilPdf(report).Length;
            var pdfTime = Stopwatch.GetElapsedTime(started);

            report = demo.Council(code);
            started = Stopwatch.GetTimestamp();
            sink += demo.ChartsToPng(report);
            var chartTime = Stopwatch.GetElapsedTime(started);

            report = demo.Council(code);
            started = Stopwatch.GetTimestamp();
            sink += demo.ChartsToImages(report);
            var imageTime = Stopwatch.GetElapsedTime(started);

            if (i >= warmup)
            {
                images.Add(imageTime.TotalMilliseconds);
                served.Add(servedTime.TotalMilliseconds);
                pdfAlone.Add(pdfTime.TotalMilliseconds);
                charts.Add(chartTime.TotalMilliseconds);
            }
        }

        var chartCount = demo.Municipalities.Take(count).Select(c => Benchmark.Reports.Pdf.CouncilReportDocument.Charts(demo.Council(c), demo.Theme).Count).ToList();
        var servedRatio = Median(served) / Median(charts);
        var pdfRatio = Median(pdfAlone) / Median(charts);
        output.AppendLine(CultureInfo.InvariantCulture, $"### Warm time per council report ({count} reports after {warmup} to warm up, Dutch, {chartCount.Min()}–{chartCount.Max()} charts each)");
        output.AppendLine();
        output.AppendLine("| what | median ms | p95 ms | median ÷ charts alone | target |");
        output.AppendLine("|---|---:|---:|---:|---|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| council report as the service renders it (model, PDF and HTML) | {Median(served):F1} | {P95(served):F1} | {servedRatio:F2} | ≤ {MaxReportToChartsRatio:F0} {Mark(servedRatio <= MaxReportToChartsRatio)} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| council report PDF alone | {Median(pdfAlone):F1} | {P95(pdfAlone):F1} | {pdfRatio:F2} | ≤ {MaxReportToChartsRatio:F0} {Mark(pdfRatio <= MaxReportToChartsRatio)} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| the same charts alone to PNG (ScottPlot `GetImage`, page size) | {Median(charts):F1} | {P95(charts):F1} | 1.00 | |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| for comparison: the same charts drawn to images, not encoded as PNG | {Median(images):F1} | {P95(images):F1} | {Median(images) / Median(charts):F2} | |");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"(checksum of the bytes produced: {sink})");
        output.AppendLine();
        return servedRatio <= MaxReportToChartsRatio && pdfRatio <= MaxReportToChartsRatio;
    }

    private static bool Sizes(ReportDemo demo, StringBuilder output)
    {
        output.AppendLine("### PDF size");
        output.AppendLine();
        output.AppendLine("| report | count | median KB | max KB | largest | target |");
        output.AppendLine("|---|---:|---:|---:|---|---|");
        var met = true;
        foreach (var language in new[] { Language.Dutch, Language.English })
        {
            var sizes = demo.Municipalities.Select(code => (Code: code, Bytes: (double)demo.Renderer.CouncilPdf(demo.Council(code, language)).Length)).ToList();
            var largest = sizes.MaxBy(s => s.Bytes);
            met &= largest.Bytes <= MaxPdfBytes;
            output.AppendLine(CultureInfo.InvariantCulture, $"| council ({language}) | {sizes.Count} | {Median(sizes.Select(s => s.Bytes).ToList()) / 1024:F1} | {largest.Bytes / 1024:F1} | {largest.Code} | ≤ 400 KB each {Mark(largest.Bytes <= MaxPdfBytes)} |");
        }

        foreach (var language in new[] { Language.Dutch, Language.English })
        {
            var bytes = demo.Renderer.NationalPdf(demo.National(language)).Length;
            met &= bytes <= MaxPdfBytes;
            output.AppendLine(CultureInfo.InvariantCulture, $"| national ({language}) | 1 | {bytes / 1024.0:F1} | {bytes / 1024.0:F1} | | ≤ 400 KB {Mark(bytes <= MaxPdfBytes)} |");
        }

        output.AppendLine();
        return met;
    }

    /// <summary>
    /// Two workers in one process draw two reports at once; each must still be byte for byte the report drawn alone,
    /// or parallel rendering would make the stored reports depend on timing.
    /// </summary>
    private static bool ParallelRendersAreIdentical(ReportDemo demo, int count, StringBuilder output)
    {
        var reports = demo.Municipalities.Take(count).Select(code => demo.Council(code)).ToList();
        var alone = reports.Select(r => demo.Renderer.CouncilPdf(r)).ToList();
        var together = new byte[reports.Count][];
        var rounds = 3;
        var differing = 0;
        for (var round = 0; round < rounds; round++)
        {
            Parallel.For(0, reports.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => together[i] = demo.Renderer.CouncilPdf(reports[i]));
            differing += Enumerable.Range(0, reports.Count).Count(i => !alone[i].AsSpan().SequenceEqual(together[i]));
        }

        output.AppendLine("### Reports drawn two at a time");
        output.AppendLine();
        output.AppendLine("| council PDFs drawn two at a time | differing from the same PDF drawn alone | target |");
        output.AppendLine("|---:|---:|---|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| {rounds * reports.Count} | {differing} | 0 {Mark(differing == 0)} |");
        output.AppendLine();
        return differing == 0;
    }

    internal static string Mark(bool met) => met ? "met" : "**missed**";

    /// <summary>The middle value, or the mean of the two middle ones.</summary>
    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    internal static double P95(IReadOnlyList<double> values) => Percentile(values, 0.95);

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    private static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
