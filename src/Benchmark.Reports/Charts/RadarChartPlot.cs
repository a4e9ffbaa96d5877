using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Charts;

/// <summary>
/// Domain scores (1–5) on spokes, the municipality as a filled polygon with round markers and the peer median as a
/// dashed line with diamond markers, so the two differ in more than colour. A domain without a score is skipped.
/// </summary>
internal static class RadarChartPlot
{
    private const double Outer = 5;

    public static ChartFigure Create(RadarChart chart, ReportTheme theme, Language language)
    {
        var plot = ChartStyle.NewPlot(theme);
        var n = chart.Axes.Count;
        double Angle(int i) => (Math.PI / 2) - (2 * Math.PI * i / n);
        Coordinates Point(double radius, int i) => new(radius * Math.Cos(Angle(i)), radius * Math.Sin(Angle(i)));

        // Rings at every level and a spoke per domain: straight lines, as the scale is per domain, not continuous.
        for (var level = 1; level <= Outer; level++)
        {
            var ring = Enumerable.Range(0, n + 1).Select(i => Point(level, i % n)).ToArray();
            var line = plot.Add.ScatterLine(ring);
            line.LineColor = ChartStyle.ToColor(level == Outer ? theme.ChartBand : theme.ChartGrid);
            line.LineWidth = level == Outer ? 1 : 0.75f;
            line.MarkerShape = MarkerShape.None;
        }

        for (var i = 0; i < n; i++)
        {
            var spoke = plot.Add.Line(new Coordinates(0, 0), Point(Outer, i));
            spoke.LineColor = ChartStyle.ToColor(theme.ChartGrid);
            spoke.LineWidth = 0.75f;
        }

        var legend = new List<LegendKey>();
        if (AddSeries(plot, chart.Own, Point, ChartStyle.Own(theme), filled: true, MarkerShape.FilledCircle, LinePattern.Solid))
        {
            legend.Add(new LegendKey(chart.OwnLabel, LegendSymbol.LineWithCircle, ChartStyle.Own(theme)));
        }

        if (chart.PeerLabel is not null && AddSeries(plot, chart.Peer, Point, ChartStyle.Peer(theme), filled: false, MarkerShape.FilledDiamond, LinePattern.Dashed))
        {
            legend.Add(new LegendKey(chart.PeerLabel, LegendSymbol.DashedLineWithDiamond, ChartStyle.Peer(theme)));
        }

        // The level numbers, on top of the data, halfway along the first edge of each ring, clear of the domain names.
        for (var level = 1; level <= Outer; level++)
        {
            var edge = new Coordinates((Point(level, 0).X + Point(level, 1).X) / 2, (Point(level, 0).Y + Point(level, 1).Y) / 2);
            var number = ChartStyle.AddText(plot, theme, Core.Text.Numbers.Format(level, language), edge.X, edge.Y, Alignment.MiddleCenter, theme.Small.Size, theme.Muted);
            number.LabelBackgroundColor = Colors.White;
            number.LabelPadding = 1;
        }

        // Domain names outside the outer ring, anchored on the side that faces away from the centre.
        for (var i = 0; i < n; i++)
        {
            var at = Point(Outer + 0.35, i);
            var cos = Math.Cos(Angle(i));
            var sin = Math.Sin(Angle(i));
            var alignment = cos > 0.3 ? Alignment.MiddleLeft
                : cos < -0.3 ? Alignment.MiddleRight
                : sin > 0 ? Alignment.LowerCenter : Alignment.UpperCenter;
            ChartStyle.AddText(plot, theme, ChartStyle.Wrap(chart.Axes[i], 22), at.X, at.Y, alignment, theme.Small.Size + 1);
        }

        plot.HideGrid();
        plot.Layout.Frameless();
        plot.Axes.SetLimits(-10.5, 10.5, -6.1, 6.5);
        plot.Axes.SquareUnits();
        return new ChartFigure(plot, 280, legend);
    }

    private static bool AddSeries(Plot plot, IReadOnlyList<decimal?> values, Func<double, int, Coordinates> point, SkiaSharp.SKColor colour, bool filled, MarkerShape marker, LinePattern pattern)
    {
        var coordinates = values
            .Select((v, i) => (Value: v, Index: i))
            .Where(x => x.Value is not null)
            .Select(x => point((double)x.Value!.Value, x.Index))
            .ToArray();
        if (coordinates.Length == 0)
        {
            return false;
        }

        var polygon = plot.Add.Polygon(coordinates);
        polygon.LineColor = ChartStyle.ToColor(colour);
        polygon.LineWidth = 2;
        polygon.LinePattern = pattern;
        polygon.FillColor = filled ? ChartStyle.ToColor(ChartStyle.Tint(colour, 0.8)) : Colors.Transparent;
        polygon.MarkerShape = marker;
        polygon.MarkerSize = 7;
        polygon.MarkerFillColor = ChartStyle.ToColor(colour);
        polygon.MarkerLineColor = ChartStyle.ToColor(colour);
        return true;
    }
}
