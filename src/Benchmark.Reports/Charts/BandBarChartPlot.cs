using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>
/// One horizontal bar per building block (score 1–5) with the names on the left, where long names have room, and
/// the scores as numbers on the right. Behind each bar a grey band runs from the peers' P25 to P75, with a dark
/// stroke at their median: band, bar and stroke differ in shape and lightness, not only in colour.
/// </summary>
internal static class BandBarChartPlot
{
    private const double BandHalf = 0.36;
    private const double BarHalf = 0.17;
    private const float RowHeight = 21;

    /// <summary>The column for the block names of these charts, so that charts sharing it line up.</summary>
    public static float LabelColumn(ReportTheme theme, IEnumerable<BandBarChart> charts) =>
        ChartStyle.LabelColumn(theme, charts.SelectMany(c => c.Bars).Select(b => Label(b.Label)));

    /// <param name="medianLabel">What the median stroke is called in the legend; without it the stroke has no legend entry.</param>
    /// <param name="labelColumn">Width of the names column in points (<see cref="LabelColumn"/>); by default this chart's own.</param>
    public static ChartFigure Create(BandBarChart chart, ReportTheme theme, Language language, string? medianLabel = null, float? labelColumn = null)
    {
        var plot = ChartStyle.NewPlot(theme);
        var n = chart.Bars.Count;
        double Y(int i) => n - 1 - i;
        var own = ChartStyle.Own(theme);
        var hasBand = false;
        var hasMedian = false;

        for (var i = 0; i < n; i++)
        {
            var bar = chart.Bars[i];
            var y = Y(i);
            if (bar.PeerP25 is { } p25 && bar.PeerP75 is { } p75)
            {
                var band = plot.Add.Rectangle((double)p25, (double)p75, y - BandHalf, y + BandHalf);
                band.FillColor = ChartStyle.ToColor(theme.ChartBand);
                band.LineWidth = 0;
                hasBand = true;
            }

            if (bar.Score is { } score)
            {
                var rect = plot.Add.Rectangle(0, (double)score, y - BarHalf, y + BarHalf);
                rect.FillColor = ChartStyle.ToColor(own);
                rect.LineWidth = 0;
            }

            if (bar.PeerMedian is { } median)
            {
                var stroke = plot.Add.Line((double)median, y - BandHalf, (double)median, y + BandHalf);
                stroke.LineColor = ChartStyle.ToColor(theme.Text);
                stroke.LineWidth = 2.5f;
                hasMedian = true;
            }
        }

        plot.Axes.Left.TickGenerator = ChartStyle.Labels(chart.Bars.Select((b, i) => (Y(i), Label(b.Label))));
        ChartStyle.LabelsOnly(plot.Axes.Left);
        plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.TickLabelSize(theme);

        // The scores as numbers, on a right-hand axis level with the bars; "–" where there is no score.
        plot.Axes.Right.TickGenerator = ChartStyle.Labels(chart.Bars.Select((b, i) => (Y(i), b.Score is { } s ? Figures.ReportScore(s, language) : "–")));
        ChartStyle.LabelsOnly(plot.Axes.Right);

        plot.Axes.Bottom.TickGenerator = ChartStyle.Ticks([1, 2, 3, 4, 5], 0, language);
        plot.Axes.SetLimitsX(0, 5.05);
        plot.Axes.SetLimitsY(-0.6, n - 0.4);
        plot.Axes.SetLimitsY(-0.6, n - 0.4, plot.Axes.Right);
        plot.Grid.YAxisStyle.IsVisible = false;
        ChartStyle.FixedLayout(plot, labelColumn ?? LabelColumn(theme, [chart]), right: 28);

        var legend = new List<LegendKey> { new(chart.OwnLabel, LegendSymbol.Box, own) };
        if (hasBand && chart.BandLabel is not null)
        {
            legend.Add(new LegendKey(chart.BandLabel, LegendSymbol.Box, theme.ChartBand));
        }

        if (hasMedian && medianLabel is not null)
        {
            legend.Add(new LegendKey(medianLabel, LegendSymbol.Line, theme.Text));
        }

        return new ChartFigure(plot, 30 + (n * RowHeight), legend);
    }

    private static string Label(string name) => ChartStyle.Wrap(name, 48);
}
