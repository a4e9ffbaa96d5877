using Benchmark.Core.Benchmarking;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Html;
using Microsoft.AspNetCore.Html;

namespace Benchmark.Functions.Web;

/// <summary>
/// The distribution of one building block's scores (1 to 5) as an inline SVG box plot, drawn by the reports' own SVG
/// charts (<see cref="HtmlCharts"/>): analysts see the full figures, so the whiskers run from the lowest to the highest
/// score and a diamond marks the mean. The SVG uses presentation attributes only (the pages' CSP allows no style).
/// </summary>
public static class AnalystCharts
{
    /// <param name="labelledBy">Ids of the visible title and description around the chart.</param>
    public static IHtmlContent BoxPlot(Distribution d, string block, string labelledBy, WebText text)
    {
        var box = new BoxPlotItem(block, d.N, d.P10, d.P25, d.Median, d.P75, d.P90) { Min = d.Min, Max = d.Max, Mean = d.Mean };
        var chart = new BoxPlotChart(new ChartText(block, Describe(d, block, text), new DataTable(block, [], [])), [box]);
        return new HtmlString(HtmlCharts.BoxPlots(chart, labelledBy, text.Language));
    }

    /// <summary>The chart in words: what the box shows and where the middle lies.</summary>
    public static string Describe(Distribution d, string block, WebText text)
    {
        string F(decimal v) => Numbers.Format(v, 1, text.Language);
        return text.Say(
            $"Spreiding van de scores van {block} over {d.N} gemeenten. De helft scoort tussen {F(d.P25)} en {F(d.P75)}; de middelste score is {F(d.Median)}, het gemiddelde {F(d.Mean)}. De laagste score is {F(d.Min)}, de hoogste {F(d.Max)}.",
            $"Spread of the scores of {block} across {d.N} municipalities. Half score between {F(d.P25)} and {F(d.P75)}; the middle score is {F(d.Median)}, the mean {F(d.Mean)}. The lowest score is {F(d.Min)}, the highest {F(d.Max)}.");
    }
}
