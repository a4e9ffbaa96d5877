using Benchmark.Core.Reports;
using Benchmark.Reports.Html;
using Benchmark.Reports.Layout;
using Benchmark.Reports.Pdf;

namespace Benchmark.Reports;

/// <summary>
/// The one way into the reports: a report model becomes its PDF, its HTML twin, or a page of the PDF as a PNG. All
/// three come from the same theme, and PNG and PDF from the same layout (a PNG page is the PDF page drawn on a raster
/// canvas), so what the visual tests compare is what councils receive.
/// </summary>
public sealed class ReportRenderer : IReportRenderer
{
    private readonly ReportTheme _theme;

    /// <summary>A renderer with the report fonts shipped next to the app; throws when one is missing, rather than drawing with a system font.</summary>
    public ReportRenderer()
        : this(ReportTheme.Load())
    {
    }

    internal ReportRenderer(ReportTheme theme) => _theme = theme;

    /// <summary>The council report as PDF and HTML: what the queue-triggered function and the CLI store.</summary>
    public RenderedReport Council(CouncilReport report) => new(CouncilPdf(report), CouncilHtml(report));

    /// <summary>The national report as PDF and HTML.</summary>
    public RenderedReport National(NationalReport report) => new(NationalPdf(report), NationalHtml(report));

    public byte[] CouncilPdf(CouncilReport report) => CouncilReportDocument.Compose(report, _theme).ToBytes();

    public byte[] NationalPdf(NationalReport report) => NationalReportDocument.Compose(report, _theme).ToBytes();

    /// <summary>
    /// The council report as one self-contained HTML5 page (inline CSS and SVG, no scripts, nothing external), with the
    /// PDF's content, accessible to WCAG 2.1 AA. The same model always gives the same string.
    /// </summary>
    public string CouncilHtml(CouncilReport report) => CouncilReportHtml.Render(report, new HtmlPalette(_theme));

    /// <summary>The national report as one self-contained HTML5 page, like <see cref="CouncilHtml"/>.</summary>
    public string NationalHtml(NationalReport report) => NationalReportHtml.Render(report, new HtmlPalette(_theme));

    /// <summary>Page <paramref name="pageNumber"/> (1-based, as in the footer) of the council report as a PNG, <paramref name="scale"/> pixels per point.</summary>
    public byte[] CouncilPagePng(CouncilReport report, int pageNumber, float scale = 1) =>
        CouncilReportDocument.Compose(report, _theme).RenderPagePng(pageNumber - 1, scale);

    /// <summary>Page <paramref name="pageNumber"/> (1-based) of the national report as a PNG.</summary>
    public byte[] NationalPagePng(NationalReport report, int pageNumber, float scale = 1) =>
        NationalReportDocument.Compose(report, _theme).RenderPagePng(pageNumber - 1, scale);
}
