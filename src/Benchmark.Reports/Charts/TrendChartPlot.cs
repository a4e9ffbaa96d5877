using System.Globalization;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>
/// The index (0–100) per cycle as a line with its value above every point. A missing cycle breaks the line; a value
/// from the predecessors of a merged municipality has an open marker.
/// </summary>
internal static class TrendChartPlot
{
    /// <param name="predecessorLabel">What an open marker means, for the legend (the data table's note); without it there is no legend.</param>
    public static ChartFigure Create(TrendChart chart, ReportTheme theme, Language language, string? predecessorLabel = null)
    {
        var plot = ChartStyle.NewPlot(theme);
        var colour = ChartStyle.ToColor(ChartStyle.Own(theme));
        var points = chart.Points.OrderBy(p => p.Cycle).ToList();

        for (var i = 1; i < points.Count; i++)
        {
            if (points[i - 1].Index is { } from && points[i].Index is { } to && points[i].Cycle - points[i - 1].Cycle == 1)
            {
                var segment = plot.Add.Line(points[i - 1].Cycle, (double)from, points[i].Cycle, (double)to);
                segment.LineColor = colour;
                segment.LineWidth = 2.5f;
            }
        }

        foreach (var point in points)
        {
            if (point.Index is not { } value)
            {
                continue;
            }

            var marker = plot.Add.Marker(point.Cycle, (double)value, point.FromPredecessors ? MarkerShape.OpenCircle : MarkerShape.FilledCircle, 9, colour);
            marker.MarkerLineWidth = 2;
            ChartStyle.AddText(plot, theme, Figures.ReportIndex(value, language), point.Cycle, (double)value + 6, Alignment.LowerCenter, theme.Body.Size, theme.Text, bold: true);
        }

        var first = points.Count == 0 ? 0 : points[0].Cycle;
        var last = points.Count == 0 ? 1 : points[^1].Cycle;
        plot.Axes.Bottom.TickGenerator = ChartStyle.Labels(Enumerable.Range(first, last - first + 1).Select(c => ((double)c, c.ToString(CultureInfo.InvariantCulture))));
        plot.Axes.Left.TickGenerator = ChartStyle.Ticks(Enumerable.Range(0, 6).Select(i => i * 20.0), 0, language);
        plot.Axes.SetLimits(first - 0.5, last + 0.5, 0, 100);
        plot.Grid.XAxisStyle.IsVisible = false;

        var legend = new List<LegendKey>();
        if (predecessorLabel is not null && points.Any(p => p.FromPredecessors && p.Index is not null))
        {
            legend.Add(new LegendKey(chart.OwnLabel, LegendSymbol.LineWithCircle, ChartStyle.Own(theme)));
            legend.Add(new LegendKey(predecessorLabel, LegendSymbol.OpenCircle, ChartStyle.Own(theme)));
        }

        return new ChartFigure(plot, 160, legend);
    }
}
