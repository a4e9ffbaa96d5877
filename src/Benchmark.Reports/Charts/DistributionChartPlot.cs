using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>
/// The peers' spread of the index on a 0–100 scale: whiskers P10–P90 where they may be shown, a grey box P25–P75,
/// a dark median stroke, and the municipality as a large blue diamond with its index above it. Only what the model
/// holds is drawn: a withheld statistic (null) leaves its part out.
/// </summary>
internal static class DistributionChartPlot
{
    private const double BoxHalf = 0.32;

    public static ChartFigure Create(DistributionChart chart, ReportTheme theme, Language language)
    {
        var plot = ChartStyle.NewPlot(theme);
        var ink = ChartStyle.ToColor(theme.Text);
        var legend = new List<LegendKey>();

        if (chart.P10 is { } p10 && chart.P90 is { } p90)
        {
            var whisker = plot.Add.Line((double)p10, 0, (double)p90, 0);
            whisker.LineColor = ink;
            whisker.LineWidth = 1.25f;
            foreach (var end in new[] { p10, p90 })
            {
                var cap = plot.Add.Line((double)end, -BoxHalf / 2, (double)end, BoxHalf / 2);
                cap.LineColor = ink;
                cap.LineWidth = 1.25f;
            }
        }

        if (chart.P25 is { } p25 && chart.P75 is { } p75)
        {
            var box = plot.Add.Rectangle((double)p25, (double)p75, -BoxHalf, BoxHalf);
            box.FillColor = ChartStyle.ToColor(theme.ChartBand);
            box.LineColor = ink;
            box.LineWidth = 1;
            if (chart.PeerLabel is not null)
            {
                legend.Add(new LegendKey(chart.PeerLabel, LegendSymbol.Box, theme.Text, theme.ChartBand));
            }
        }

        if (chart.Median is { } median)
        {
            var stroke = plot.Add.Line((double)median, -BoxHalf, (double)median, BoxHalf);
            stroke.LineColor = ink;
            stroke.LineWidth = 2.5f;
            if (chart.MedianLabel is not null)
            {
                legend.Add(new LegendKey(chart.MedianLabel, LegendSymbol.Line, theme.Text));
            }
        }

        if (chart.Own is { } own)
        {
            var colour = ChartStyle.Own(theme);
            var marker = plot.Add.Marker((double)own, 0, MarkerShape.FilledDiamond, 16, ChartStyle.ToColor(colour));
            marker.MarkerLineColor = Colors.White;
            marker.MarkerLineWidth = 1;
            ChartStyle.AddText(plot, theme, Figures.ReportIndex(own, language), (double)own, BoxHalf + 0.12, Alignment.LowerCenter, theme.Body.Size, colour, bold: true);
            legend.Insert(0, new LegendKey(chart.OwnLabel, LegendSymbol.Diamond, colour));
        }

        plot.Axes.Bottom.TickGenerator = ChartStyle.Ticks(Enumerable.Range(0, 11).Select(i => i * 10.0), 0, language);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        ChartStyle.LabelsOnly(plot.Axes.Left);
        plot.Axes.SetLimits(0, 100, -0.55, 0.85);
        plot.Grid.YAxisStyle.IsVisible = false;
        return new ChartFigure(plot, 95, legend);
    }
}
