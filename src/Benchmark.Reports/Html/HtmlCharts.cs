using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Html;

/// <summary>
/// The reports' inline SVG charts for other HTML, such as the analyst pages, so every chart the product shows in a
/// browser is drawn one way: the same scale, colours, text alternatives and contrast as the HTML reports.
/// </summary>
public static class HtmlCharts
{
    private static readonly Lazy<HtmlPalette> Palette = new(() => new HtmlPalette(ReportTheme.Load()));

    /// <summary>Box plots on the 1–5 scale, one row per item; rows with <see cref="BoxPlotItem.Min"/>/<see cref="BoxPlotItem.Max"/> draw whiskers to them, with <see cref="BoxPlotItem.Mean"/> a diamond.</summary>
    /// <param name="labelledBy">Ids of the visible title and description that name the chart.</param>
    public static string BoxPlots(BoxPlotChart chart, string labelledBy, Language language)
    {
        var writer = new HtmlWriter();
        new SvgCharts(Palette.Value, language).BoxPlots(writer, chart, labelledBy);
        return writer.ToString();
    }
}
