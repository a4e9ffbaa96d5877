using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>Response rate per group (0–100 %) as horizontal bars, names on the left and the rate as a number on the right.</summary>
internal static class ResponseChartPlot
{
    public static ChartFigure Create(ResponseChart chart, ReportTheme theme, Language language)
    {
        var plot = ChartStyle.NewPlot(theme);
        var n = chart.Groups.Count;
        double Y(int i) => n - 1 - i;
        var colour = ChartStyle.ToColor(ChartStyle.Own(theme));
        for (var i = 0; i < n; i++)
        {
            var bar = plot.Add.Rectangle(0, (double)chart.ResponseRates[i], Y(i) - 0.3, Y(i) + 0.3);
            bar.FillColor = colour;
            bar.LineWidth = 0;
        }

        plot.Axes.Left.TickGenerator = ChartStyle.Labels(chart.Groups.Select((g, i) => (Y(i), g)));
        ChartStyle.LabelsOnly(plot.Axes.Left);
        plot.Axes.Right.TickGenerator = ChartStyle.Labels(chart.ResponseRates.Select((r, i) => (Y(i), Figures.Percent(r, language) + " %")));
        ChartStyle.LabelsOnly(plot.Axes.Right);
        plot.Axes.Bottom.TickGenerator = ChartStyle.Ticks(Enumerable.Range(0, 6).Select(i => i * 20.0), 0, language);
        plot.Axes.SetLimitsX(0, 100);
        plot.Axes.SetLimitsY(-0.6, n - 0.4);
        plot.Axes.SetLimitsY(-0.6, n - 0.4, plot.Axes.Right);
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.TickLabelSize(theme);
        ChartStyle.FixedLayout(plot, ChartStyle.LabelColumn(theme, chart.Groups), right: 36);
        return new ChartFigure(plot, 34 + (n * 18));
    }
}
