using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>
/// Mean level per building block (rows, names on the left) and size class (columns): one hue from light to dark,
/// so it reads in grey and for colour-blind readers too, with the value printed in every cell. A cell without a
/// value (a group under 5) stays white with grey hatching.
/// </summary>
internal static class HeatMapPlot
{
    public static ChartFigure Create(HeatMap chart, ReportTheme theme, Language language)
    {
        var plot = ChartStyle.NewPlot(theme);
        var blocks = chart.Columns;
        var groups = chart.Rows;
        double Y(int b) => blocks.Count - 1 - b;

        for (var g = 0; g < groups.Count; g++)
        {
            for (var b = 0; b < blocks.Count; b++)
            {
                var value = chart.Values[g][b];
                if (value is { } v)
                {
                    var cell = plot.Add.Rectangle(g, g + 1, Y(b) - 0.5, Y(b) + 0.5);
                    cell.LineColor = Colors.White;
                    cell.LineWidth = 1;
                    var t = ((double)v - 1) / 4;
                    cell.FillColor = ChartStyle.ToColor(ChartStyle.Mix(theme.HeatLow, theme.HeatHigh, t));
                    ChartStyle.AddText(plot, theme, Figures.ReportScore(v, language), g + 0.5, Y(b), Alignment.MiddleCenter, theme.Small.Size, t > 0.45 ? SkiaSharp.SKColors.White : theme.Text);
                }
                else
                {
                    plot.Add.Plottable(new HatchedRectangle(new CoordinateRect(g + 0.04, g + 0.96, Y(b) - 0.42, Y(b) + 0.42), theme.ChartBand));
                }
            }
        }

        // Size classes along the top, turned upright so long names fit over narrow columns.
        for (var g = 0; g < groups.Count; g++)
        {
            var label = ChartStyle.AddText(plot, theme, SplitAtBracket(groups[g]), g + 0.5, blocks.Count - 0.35, Alignment.MiddleLeft, theme.Small.Size);
            label.LabelRotation = -90;
        }

        plot.Axes.Left.TickGenerator = ChartStyle.Labels(blocks.Select((b, i) => (Y(i), b)));
        ChartStyle.LabelsOnly(plot.Axes.Left);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        ChartStyle.LabelsOnly(plot.Axes.Bottom);
        plot.HideGrid();
        ChartStyle.FixedLayout(plot, ChartStyle.LabelColumn(theme, blocks) - 2, right: 4, bottom: 4);
        plot.Axes.SetLimits(0, groups.Count, -0.5, blocks.Count + 8.5);
        return new ChartFigure(plot, (float)(40 + ((blocks.Count + 9) * RowHeight(blocks.Count))));
    }

    /// <summary>The most a heat map may take, in points: with its title and caption it then stays on one A4 page.</summary>
    private const double MaximumHeight = 600;

    /// <summary>12 points a row, less for a model with many blocks (45 in 2027), so the whole map fits on one page.</summary>
    private static double RowHeight(int blocks) => Math.Min(12, (MaximumHeight - 40) / (blocks + 9));

    /// <summary>"Grootteklasse 1 (&lt; 5 000 inwoners)" over two lines, the bracket on the second.</summary>
    private static string SplitAtBracket(string label)
    {
        var at = label.IndexOf(" (", StringComparison.Ordinal);
        return at < 0 ? label : label[..at] + "\n" + label[(at + 1)..];
    }
}
