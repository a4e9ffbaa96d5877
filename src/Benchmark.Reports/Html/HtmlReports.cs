using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Html;

/// <summary>
/// The HTML twins of the PDF reports: one self-contained HTML5 page each (inline CSS and SVG, no scripts, nothing
/// external), with the same content, accessible to WCAG 2.1 AA. The same model always gives the same string.
/// </summary>
public static class HtmlReports
{
    /// <summary>The council report as HTML, in the report theme's colours.</summary>
    public static string CouncilHtml(CouncilReport report) => CouncilHtml(report, ReportTheme.Load());

    public static string CouncilHtml(CouncilReport report, ReportTheme theme) =>
        CouncilReportHtml.Render(report, new HtmlPalette(theme));

    /// <summary>The national report as HTML, in the report theme's colours.</summary>
    public static string NationalHtml(NationalReport report) => NationalHtml(report, ReportTheme.Load());

    public static string NationalHtml(NationalReport report, ReportTheme theme) =>
        NationalReportHtml.Render(report, new HtmlPalette(theme));
}
