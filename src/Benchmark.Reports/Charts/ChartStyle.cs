using Benchmark.Core.Model;
using Benchmark.Core.Text;
using Benchmark.Reports.Layout;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Benchmark.Reports.Charts;

/// <summary>
/// A chart ready to draw: the ScottPlot plot, the height it needs on an A4 page in points, and its legend, which the
/// page draws as text under the chart (see <see cref="Layout.Legend"/>).
/// </summary>
internal sealed record ChartFigure(Plot Plot, float Height, IReadOnlyList<LegendKey> Legend)
{
    public ChartFigure(Plot plot, float height)
        : this(plot, height, [])
    {
    }
}

/// <summary>
/// What every report chart shares: colours from the theme, the report font, Dutch or English tick labels, few
/// lines. Sizes are in points: <see cref="ChartBlock"/> draws a plot with one pixel to the point.
/// </summary>
internal static class ChartStyle
{
    /// <summary>The municipality itself: the first Okabe–Ito colour (blue).</summary>
    public static SKColor Own(ReportTheme theme) => theme.ChartColours[0];

    /// <summary>The comparison (peer median): vermilion, dashed or with its own marker, so colour is never the only cue.</summary>
    public static SKColor Peer(ReportTheme theme) => theme.ChartColours[^1];

    public static Color ToColor(SKColor colour) => Color.FromARGB((uint)colour);

    /// <summary>A blend of two colours, <paramref name="t"/> = 0 is <paramref name="from"/>; opaque, so the PDF needs no transparency.</summary>
    public static SKColor Mix(SKColor from, SKColor to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        byte Channel(byte a, byte b) => (byte)Math.Round(a + ((b - a) * t));
        return new SKColor(Channel(from.Red, to.Red), Channel(from.Green, to.Green), Channel(from.Blue, to.Blue));
    }

    /// <summary>A light tint of a colour, for fills under a line in the same colour.</summary>
    public static SKColor Tint(SKColor colour, double amount = 0.75) => Mix(colour, SKColors.White, amount);

    public static Plot NewPlot(ReportTheme theme)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = ToColor(theme.ChartGrid);
        plot.Grid.MinorLineWidth = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.FrameLineStyle.Color = ToColor(theme.Muted);
            axis.MajorTickStyle.Color = ToColor(theme.Muted);
            axis.MinorTickStyle.Length = 0;
            axis.TickLabelStyle.FontName = ReportTheme.FontFamily;
            axis.TickLabelStyle.FontSize = theme.Small.Size;
            axis.TickLabelStyle.ForeColor = ToColor(theme.Text);
        }

        return plot;
    }

    /// <summary>Ticks at fixed places, labelled in the report's number format (a decimal comma in Dutch).</summary>
    public static NumericManual Ticks(IEnumerable<double> positions, int decimals, Language language)
    {
        var ticks = new NumericManual();
        foreach (var position in positions)
        {
            ticks.AddMajor(position, Numbers.Format((decimal)position, decimals, language));
        }

        return ticks;
    }

    /// <summary>Ticks with labels of our own (names, years), at the given positions.</summary>
    public static NumericManual Labels(IEnumerable<(double Position, string Label)> ticks)
    {
        var manual = new NumericManual();
        foreach (var (position, label) in ticks)
        {
            manual.AddMajor(position, label);
        }

        return manual;
    }

    /// <summary>Breaks a long label over lines of at most about <paramref name="width"/> characters, at spaces.</summary>
    public static string Wrap(string text, int width)
    {
        if (text.Length <= width)
        {
            return text;
        }

        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }

    public static ScottPlot.Plottables.Text AddText(Plot plot, ReportTheme theme, string text, double x, double y, Alignment alignment, float? size = null, SKColor? colour = null, bool bold = false)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = ReportTheme.FontFamily;
        label.LabelFontSize = size ?? theme.Small.Size + 1;
        label.LabelFontColor = ToColor(colour ?? theme.Text);
        label.LabelBold = bold;
        label.LabelAlignment = alignment;
        return label;
    }

    /// <summary>
    /// The width of a column of names on the left of a chart, in points: the widest label at the tick label size plus a
    /// gap. Charts of one kind that share it line up under each other on the page.
    /// </summary>
    public static float LabelColumn(ReportTheme theme, IEnumerable<string> labels)
    {
        using var font = theme.Font(theme.Small with { Size = TickLabelSize(theme) });
        return labels.Select(l => l.Split('\n').Max(line => font.MeasureText(line))).DefaultIfEmpty(0).Max() + 10;
    }

    /// <summary>Names beside bars are a little larger than tick numbers.</summary>
    public static float TickLabelSize(ReportTheme theme) => theme.Small.Size + 1;

    /// <summary>
    /// A fixed data area: <paramref name="left"/> points for the names, <paramref name="right"/> for numbers beside
    /// the bars, and room below for the value axis.
    /// </summary>
    public static void FixedLayout(Plot plot, float left, float right = 8, float bottom = 22, float top = 4) =>
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));

    /// <summary>Hides an axis's line and tick marks but keeps its labels (names on the left of horizontal bars).</summary>
    public static void LabelsOnly(IAxis axis)
    {
        axis.FrameLineStyle.Width = 0;
        axis.MajorTickStyle.Length = 0;
    }
}
