using Benchmark.Core.Reports;
using Benchmark.Reports.Html;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports;

/// <summary>Renders a report model as its PDF and its HTML twin; what the queue-triggered function and the CLI use.</summary>
public sealed class ReportRenderers(ReportTheme theme) : IReportRenderer
{
    public RenderedReport Council(CouncilReport report) => new(ReportRenderer.CouncilPdf(report, theme), HtmlReports.CouncilHtml(report, theme));

    public RenderedReport National(NationalReport report) => new(ReportRenderer.NationalPdf(report, theme), HtmlReports.NationalHtml(report, theme));
}
