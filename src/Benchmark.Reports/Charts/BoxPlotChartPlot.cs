using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>
/// A horizontal box plot per building block, names on the left: whiskers from the lowest to the highest score, a box
/// from P25 to P75 and a dark median stroke. A block without statistics gets no box.
/// </summary>
internal static class BoxPlotChartPlot
{
    /// <summary>The column for the block names of these charts, so that charts sharing it line up.</summary>
    public static float LabelColumn(ReportTheme theme, IEnumerable<BoxPlotChart> charts) =>
        ChartStyle.LabelColumn(theme, charts.SelectMany(c => c.Boxes).Select(b => Label(b.Label)));

    /// <param name="labelColumn">Width of the names column in points (<see cref="LabelColumn"/>); by default this chart's own.</param>
    public static ChartFigure Create(BoxPlotChart chart, ReportTheme theme, Language language, float? labelColumn = null)
    {
        var plot = ChartStyle.NewPlot(theme);
        var n = chart.Boxes.Count;
        double Y(int i) => n - 1 - i;
        var ink = ChartStyle.ToColor(theme.Text);
        var fill = ChartStyle.ToColor(ChartStyle.Tint(ChartStyle.Own(theme), 0.7));

        for (var i = 0; i < n; i++)
        {
            var item = chart.Boxes[i];
            if (item.P25 is not { } p25 || item.P75 is not { } p75)
            {
                continue;
            }

            var y = Y(i);
            if (item.P10 is { } min && item.P90 is { } max)
            {
                Line(plot, (double)min, y, (double)max, y, ink, 1.25f);
                Line(plot, (double)min, y - 0.15, (double)min, y + 0.15, ink, 1.25f);
                Line(plot, (double)max, y - 0.15, (double)max, y + 0.15, ink, 1.25f);
            }

            var box = plot.Add.Rectangle((double)p25, (double)p75, y - 0.3, y + 0.3);
            box.FillColor = fill;
            box.LineColor = ink;
            box.LineWidth = 1;
            if (item.Median is { } median)
            {
                Line(plot, (double)median, y - 0.3, (double)median, y + 0.3, ink, 2.5f);
            }
        }

        plot.Axes.Left.TickGenerator = ChartStyle.Labels(chart.Boxes.Select((b, i) => (Y(i), Label(b.Label))));
        ChartStyle.LabelsOnly(plot.Axes.Left);
        plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.TickLabelSize(theme);
        plot.Axes.Bottom.TickGenerator = ChartStyle.Ticks(Enumerable.Range(0, 9).Select(i => 1 + (i * 0.5)), 1, language);
        plot.Axes.SetLimits(0.9, 5.1, -0.6, n - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        ChartStyle.FixedLayout(plot, labelColumn ?? LabelColumn(theme, [chart]), right: 12);
        return new ChartFigure(plot, 30 + (n * 21));
    }

    private static string Label(string name) => ChartStyle.Wrap(name, 48);

    private static void Line(Plot plot, double x1, double y1, double x2, double y2, Color colour, float width)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = colour;
        line.LineWidth = width;
    }
}
