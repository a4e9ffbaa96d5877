using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;
using Benchmark.Reports.Pdf;

namespace Benchmark.Reports;

/// <summary>
/// Turns report models into files. PDF and PNG come from the same layout: a PNG page is the PDF page drawn on a
/// raster canvas, which is what the visual tests compare.
/// </summary>
public static class ReportRenderer
{
    public static byte[] CouncilPdf(CouncilReport report, ReportTheme theme) => CouncilReportDocument.Compose(report, theme).ToBytes();

    public static byte[] NationalPdf(NationalReport report, ReportTheme theme) => NationalReportDocument.Compose(report, theme).ToBytes();

    /// <summary>Page <paramref name="pageNumber"/> (1-based, as in the footer) of the council report as a PNG, <paramref name="scale"/> pixels per point.</summary>
    public static byte[] CouncilPagePng(CouncilReport report, ReportTheme theme, int pageNumber, float scale = 1) =>
        CouncilReportDocument.Compose(report, theme).RenderPagePng(pageNumber - 1, scale);

    /// <summary>Page <paramref name="pageNumber"/> (1-based) of the national report as a PNG.</summary>
    public static byte[] NationalPagePng(NationalReport report, ReportTheme theme, int pageNumber, float scale = 1) =>
        NationalReportDocument.Compose(report, theme).RenderPagePng(pageNumber - 1, scale);
}
