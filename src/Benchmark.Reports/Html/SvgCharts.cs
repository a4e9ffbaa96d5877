using System.Globalization;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;

namespace Benchmark.Reports.Html;

/// <summary>
/// The report charts as inline SVG, drawn by hand: no scripts, no fonts, nothing external. Each chart is one
/// <c>svg</c> with <c>role="img"</c>, named by the visible title and description around it; its text is the
/// theme's text colour on white, its marks reach 3:1 against white.
/// </summary>
internal sealed class SvgCharts(HtmlPalette palette, Language language)
{
    /// <summary>The width every chart is drawn at; CSS scales it down on narrow screens.</summary>
    public const double Width = 680;

    private const double FontSize = 14;
    private const double SmallFont = 13;
    private const double LineHeight = 16;

    /// <summary>A rough width of one character as a share of the font size, on the safe (wide) side for the
    /// fallback fonts, so that wrapped labels never run into the plot.</summary>
    private const double CharWidth = 0.54;

    private readonly HtmlPalette _p = palette;
    private readonly Language _language = language;

    public void Radar(HtmlWriter w, RadarChart chart, string labelledBy)
    {
        const double height = 450;
        const double cx = Width / 2;
        const double cy = 225;
        const double radius = 160;
        var n = chart.Axes.Count;
        Start(w, height, labelledBy);
        if (n == 0)
        {
            End(w);
            return;
        }

        (double X, double Y) Point(int axis, double value)
        {
            var angle = (-Math.PI / 2) + (2 * Math.PI * axis / n);
            var r = radius * value / 5;
            return (cx + (r * Math.Cos(angle)), cy + (r * Math.Sin(angle)));
        }

        // Rings at 1 to 5 and one spoke per domain.
        for (var level = 1; level <= 5; level++)
        {
            var ring = Enumerable.Range(0, n).Select(i => Point(i, level));
            w.Empty("polygon", ("points", Points(ring)), ("fill", "none"), ("stroke", level == 5 ? _p.Rule : _p.Grid), ("stroke-width", "1"));
        }

        for (var i = 0; i < n; i++)
        {
            var (x, y) = Point(i, 5);
            w.Empty("line", ("x1", N(cx)), ("y1", N(cy)), ("x2", N(x)), ("y2", N(y)), ("stroke", _p.Rule), ("stroke-width", "1"));
        }

        // Domain names just outside the outer ring, anchored away from the centre.
        for (var i = 0; i < n; i++)
        {
            var angle = (-Math.PI / 2) + (2 * Math.PI * i / n);
            var (x, y) = Point(i, 5);
            var cos = Math.Cos(angle);
            var sin = Math.Sin(angle);
            var anchor = Math.Abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
            var lines = Wrap(chart.Axes[i], 150, FontSize);
            var lx = x + (cos * 10);
            var ly = sin < -0.2 ? y - 10 - ((lines.Count - 1) * LineHeight)
                : sin > 0.2 ? y + 10 + FontSize
                : y + 4 - ((lines.Count - 1) * LineHeight / 2);
            MultilineText(w, lines, lx, ly, anchor, FontSize, _p.Text);
        }

        if (chart.PeerLabel is not null)
        {
            Polygon(w, chart.Peer, Point, _p.Peer, dashed: true, square: true);
        }

        Polygon(w, chart.Own, Point, _p.Own, dashed: false, square: false);

        // The ring values last, with a white halo, so that no line runs through them.
        for (var level = 1; level <= 5; level++)
        {
            var (x, y) = Point(0, level);
            w.Element("text", Numbers.Format(level, _language), ("x", N(x + 6)), ("y", N(y + 4)), ("font-size", N(SmallFont)), ("fill", _p.Muted), ("stroke", _p.Background), ("stroke-width", "4"), ("paint-order", "stroke"));
        }

        End(w);
    }

    public void Distribution(HtmlWriter w, DistributionChart chart, string labelledBy)
    {
        const double height = 130;
        const double left = 20;
        const double right = Width - 20;
        const double middle = 62;
        double X(decimal v) => left + ((right - left) * (double)Math.Clamp(v, 0m, 100m) / 100);

        Start(w, height, labelledBy);
        for (var tick = 0; tick <= 100; tick += 10)
        {
            var x = X(tick);
            w.Empty("line", ("x1", N(x)), ("y1", "40"), ("x2", N(x)), ("y2", "88"), ("stroke", _p.Grid), ("stroke-width", "1"));
            if (tick % 20 == 0)
            {
                w.Element("text", Numbers.Format(tick, _language), ("x", N(x)), ("y", "108"), ("text-anchor", "middle"), ("font-size", N(SmallFont)), ("fill", _p.Muted));
            }
        }

        w.Empty("line", ("x1", N(left)), ("y1", "88"), ("x2", N(right)), ("y2", "88"), ("stroke", _p.Muted), ("stroke-width", "1"));

        if (chart.PeerLabel is not null)
        {
            if (chart.P10 is { } p10 && chart.P90 is { } p90)
            {
                w.Empty("line", ("x1", N(X(p10))), ("y1", N(middle)), ("x2", N(X(p90))), ("y2", N(middle)), ("stroke", _p.Muted), ("stroke-width", "2"));
                foreach (var end in new[] { p10, p90 })
                {
                    w.Empty("line", ("x1", N(X(end))), ("y1", N(middle - 8)), ("x2", N(X(end))), ("y2", N(middle + 8)), ("stroke", _p.Muted), ("stroke-width", "2"));
                }
            }

            if (chart.P25 is { } p25 && chart.P75 is { } p75)
            {
                w.Empty("rect", ("x", N(X(p25))), ("y", N(middle - 14)), ("width", N(X(p75) - X(p25))), ("height", "28"), ("fill", _p.Band), ("stroke", _p.BandEdge), ("stroke-width", "1"));
            }

            if (chart.Median is { } median)
            {
                w.Empty("line", ("x1", N(X(median))), ("y1", N(middle - 17)), ("x2", N(X(median))), ("y2", N(middle + 17)), ("stroke", _p.Text), ("stroke-width", "3"));
            }
        }

        if (chart.Own is { } own)
        {
            var x = X(own);
            Diamond(w, x, middle, 9, _p.Own);
            var label = chart.OwnLabel + ": " + Figures.ReportIndex(own, _language);
            var width = TextWidth(label, FontSize);
            var anchor = x - (width / 2) < 0 ? "start" : x + (width / 2) > Width ? "end" : "middle";
            var lx = anchor == "start" ? Math.Max(x - 10, 2) : anchor == "end" ? Math.Min(x + 10, Width - 2) : x;
            w.Element("text", label, ("x", N(lx)), ("y", "24"), ("text-anchor", anchor), ("font-size", N(FontSize)), ("font-weight", "600"), ("fill", _p.Text));
        }

        End(w);
    }

    public void Trend(HtmlWriter w, TrendChart chart, string labelledBy)
    {
        const double height = 260;
        const double left = 44;
        const double right = Width - 30;
        const double top = 24;
        const double bottom = 220;
        var points = chart.Points;
        double X(int i) => points.Count == 1 ? (left + right) / 2 : left + 20 + ((right - left - 40) * i / (points.Count - 1));
        double Y(decimal v) => bottom - ((bottom - top) * (double)Math.Clamp(v, 0m, 100m) / 100);

        Start(w, height, labelledBy);
        for (var tick = 0; tick <= 100; tick += 20)
        {
            var y = Y(tick);
            w.Empty("line", ("x1", N(left)), ("y1", N(y)), ("x2", N(right)), ("y2", N(y)), ("stroke", tick == 0 ? _p.Muted : _p.Grid), ("stroke-width", "1"));
            w.Element("text", Numbers.Format(tick, _language), ("x", N(left - 8)), ("y", N(y + 4)), ("text-anchor", "end"), ("font-size", N(SmallFont)), ("fill", _p.Muted));
        }

        for (var i = 0; i < points.Count; i++)
        {
            w.Element("text", points[i].Cycle.ToString(CultureInfo.InvariantCulture), ("x", N(X(i))), ("y", N(bottom + 22)), ("text-anchor", "middle"), ("font-size", N(SmallFont)), ("fill", _p.Muted));
        }

        // The line breaks where a cycle has no value.
        var run = new List<(double X, double Y)>();
        void Flush()
        {
            if (run.Count > 1)
            {
                w.Empty("polyline", ("points", Points(run)), ("fill", "none"), ("stroke", _p.Own), ("stroke-width", "3"), ("stroke-linejoin", "round"));
            }

            run.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Index is { } v)
            {
                run.Add((X(i), Y(v)));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Index is not { } v)
            {
                continue;
            }

            var hollow = points[i].FromPredecessors;
            w.Empty("circle", ("cx", N(X(i))), ("cy", N(Y(v))), ("r", "6"), ("fill", hollow ? _p.Background : _p.Own), ("stroke", _p.Own), ("stroke-width", "2.5"));
            w.Element("text", Figures.ReportIndex(v, _language), ("x", N(X(i))), ("y", N(Y(v) - 13)), ("text-anchor", "middle"), ("font-size", N(FontSize)), ("font-weight", "600"), ("fill", _p.Text));
        }

        End(w);
    }

    public void BandBars(HtmlWriter w, BandBarChart chart, string labelledBy)
    {
        var rows = chart.Bars.Select(b => new BarRow(b.Label, b.Score, b.PeerP25, b.PeerMedian, b.PeerP75, b.Score is { } s ? Figures.ReportScore(s, _language) : "–")).ToList();
        HorizontalBars(w, rows, 0, 5, 1, labelledBy, band: chart.BandLabel is not null, box: false, fill: _p.Own);
    }

    public void BoxPlots(HtmlWriter w, BoxPlotChart chart, string labelledBy)
    {
        var rows = chart.Boxes.Select(b => new BarRow(b.Label, null, b.P25, b.Median, b.P75, "n = " + Numbers.Format(b.N, _language), b.Min ?? b.P10, b.Max ?? b.P90) { Mean = b.Mean }).ToList();
        HorizontalBars(w, rows, 1, 5, 1, labelledBy, band: false, box: true, fill: _p.Own);
    }

    public void Response(HtmlWriter w, ResponseChart chart, string labelledBy)
    {
        var rows = chart.Groups.Select((g, i) => new BarRow(g, chart.ResponseRates[i], null, null, null, Figures.Percent(chart.ResponseRates[i], _language) + " %")).ToList();
        HorizontalBars(w, rows, 0, 100, 20, labelledBy, band: false, box: false, fill: _p.Own);
    }

    /// <summary>Rows are building blocks, columns the size classes; a cell's shade is its mean level, its text the value.
    /// Column headings are turned 45 degrees and end at the top of their column, so long group names fit.</summary>
    public void HeatMap(HtmlWriter w, HeatMap chart, string labelledBy)
    {
        const double labelWidth = 250;
        const double cellHeight = 28;
        const double headingFont = 12;
        const double headingLine = 14;
        var columns = chart.Rows;
        var rows = chart.Columns;
        var cellWidth = columns.Count == 0 ? 0 : (Width - labelWidth - 8) / columns.Count;

        var headings = columns.Select(c => Wrap(c, 320, headingFont)).ToList();
        var diagonal = Math.Sqrt(0.5);
        var longest = headings.Count == 0 ? 0 : headings.Max(h => h.Max(l => TextWidth(l, headingFont)) + ((h.Count - 1) * headingLine));
        var headerHeight = Math.Ceiling((longest * diagonal) + 16);
        var rowLabels = rows.Select(r => Wrap(r, labelWidth - 8, SmallFont)).ToList();
        var rowHeights = rowLabels.Select(l => Math.Max(cellHeight, (l.Count * LineHeight) + 8)).ToList();
        var height = headerHeight + rowHeights.Sum() + 4;

        Start(w, height, labelledBy);
        for (var c = 0; c < columns.Count; c++)
        {
            // Anchored at the end, turned clockwise: the text runs down to the right and ends above its column;
            // later lines sit further down-left, so the last line ends nearest the column.
            var lines = headings[c];
            var x = labelWidth + (cellWidth * (c + 0.5)) - 2;
            var y = headerHeight - 8;
            w.Open("text", ("x", N(x)), ("y", N(y)), ("text-anchor", "end"), ("font-size", N(headingFont)), ("fill", _p.Text), ("transform", $"rotate(45 {N(x)} {N(y)})"));
            for (var i = 0; i < lines.Count; i++)
            {
                w.Element("tspan", lines[i], ("x", N(x)), ("dy", N(i == 0 ? -(lines.Count - 1) * headingLine : headingLine)));
            }

            w.Close("text");
        }

        var top = headerHeight;
        for (var r = 0; r < rows.Count; r++)
        {
            var h = rowHeights[r];
            var labelLines = rowLabels[r];
            MultilineText(w, labelLines, 0, top + (h / 2) + 4 - ((labelLines.Count - 1) * LineHeight / 2), "start", SmallFont, _p.Text);
            for (var c = 0; c < columns.Count; c++)
            {
                var x = labelWidth + (cellWidth * c);
                var value = chart.Values[c][r];
                if (value is { } v)
                {
                    var step = Math.Clamp((int)Math.Round(v, MidpointRounding.AwayFromZero) - 1, 0, 4);
                    w.Empty("rect", ("x", N(x + 1)), ("y", N(top + 1)), ("width", N(cellWidth - 2)), ("height", N(h - 2)), ("fill", _p.HeatSteps[step]));
                    w.Element("text", Figures.ReportScore(v, _language), ("x", N(x + (cellWidth / 2))), ("y", N(top + (h / 2) + 5)), ("text-anchor", "middle"), ("font-size", N(SmallFont)), ("fill", _p.HeatText[step]));
                }
                else
                {
                    w.Empty("rect", ("x", N(x + 1.5)), ("y", N(top + 1.5)), ("width", N(cellWidth - 3)), ("height", N(h - 3)), ("fill", _p.Background), ("stroke", _p.Rule), ("stroke-width", "1"));
                    w.Element("text", "–", ("x", N(x + (cellWidth / 2))), ("y", N(top + (h / 2) + 5)), ("text-anchor", "middle"), ("font-size", N(SmallFont)), ("fill", _p.Muted));
                }
            }

            top += h;
        }

        End(w);
    }

    /// <summary>A small picture for a legend entry; decorative, since the entry's text says what it is.</summary>
    public void Key(HtmlWriter w, LegendKey key)
    {
        w.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "key"), ("width", "28"), ("height", "16"), ("viewBox", "0 0 28 16"), ("aria-hidden", "true"), ("focusable", "false"));
        switch (key)
        {
            case LegendKey.OwnBar:
                w.Empty("rect", ("x", "1"), ("y", "4"), ("width", "26"), ("height", "8"), ("fill", _p.Own));
                break;
            case LegendKey.Band:
                w.Empty("rect", ("x", "1"), ("y", "1"), ("width", "26"), ("height", "14"), ("fill", _p.Band), ("stroke", _p.BandEdge), ("stroke-width", "1"));
                break;
            case LegendKey.OwnLine:
                w.Empty("line", ("x1", "1"), ("y1", "8"), ("x2", "27"), ("y2", "8"), ("stroke", _p.Own), ("stroke-width", "3"));
                w.Empty("circle", ("cx", "14"), ("cy", "8"), ("r", "4"), ("fill", _p.Own));
                break;
            case LegendKey.PeerLine:
                w.Empty("line", ("x1", "1"), ("y1", "8"), ("x2", "27"), ("y2", "8"), ("stroke", _p.Peer), ("stroke-width", "3"), ("stroke-dasharray", "6 4"));
                w.Empty("rect", ("x", "10"), ("y", "4"), ("width", "8"), ("height", "8"), ("fill", _p.Peer));
                break;
            case LegendKey.OwnMarker:
                Diamond(w, 14, 8, 7, _p.Own);
                break;
            case LegendKey.HollowMarker:
                w.Empty("circle", ("cx", "14"), ("cy", "8"), ("r", "5"), ("fill", _p.Background), ("stroke", _p.Own), ("stroke-width", "2.5"));
                break;
            case LegendKey.Box:
                w.Empty("line", ("x1", "1"), ("y1", "8"), ("x2", "27"), ("y2", "8"), ("stroke", _p.Muted), ("stroke-width", "2"));
                w.Empty("rect", ("x", "7"), ("y", "2"), ("width", "14"), ("height", "12"), ("fill", _p.BoxFill), ("stroke", _p.Own), ("stroke-width", "1.5"));
                w.Empty("line", ("x1", "14"), ("y1", "2"), ("x2", "14"), ("y2", "14"), ("stroke", _p.Text), ("stroke-width", "2.5"));
                break;
            case LegendKey.Median:
                w.Empty("line", ("x1", "14"), ("y1", "0"), ("x2", "14"), ("y2", "16"), ("stroke", _p.Text), ("stroke-width", "3"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(key), key, null);
        }

        w.Close("svg");
    }

    /// <summary>A heat-map step for a legend: the shade of a mean level.</summary>
    public void HeatKey(HtmlWriter w, int level)
    {
        var step = Math.Clamp(level - 1, 0, 4);
        w.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "key"), ("width", "28"), ("height", "16"), ("viewBox", "0 0 28 16"), ("aria-hidden", "true"), ("focusable", "false"));
        w.Empty("rect", ("x", "0.5"), ("y", "0.5"), ("width", "27"), ("height", "15"), ("fill", _p.HeatSteps[step]), ("stroke", _p.Muted), ("stroke-width", "1"));
        w.Close("svg");
    }

    /// <summary>Breaks text into lines of at most about <paramref name="maxWidth"/>, at spaces, never inside a number
    /// written with a space between its thousands ("10 000").</summary>
    internal static List<string> Wrap(string text, double maxWidth, double fontSize)
    {
        var words = new List<string>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (words.Count > 0 && char.IsAsciiDigit(words[^1][^1]) && part.Length >= 3 && part.Take(3).All(char.IsAsciiDigit) && (part.Length == 3 || !char.IsAsciiDigit(part[3])))
            {
                words[^1] += " " + part;
            }
            else
            {
                words.Add(part);
            }
        }

        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && TextWidth(candidate, fontSize) > maxWidth)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static double TextWidth(string text, double fontSize) => text.Length * fontSize * CharWidth;

    private static string N(double value) => HtmlWriter.Number(value);

    private static string N(decimal value) => HtmlWriter.Number((double)value);

    private static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)));

    private static void Start(HtmlWriter w, double height, string labelledBy) =>
        w.Open(
            "svg",
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "chart-graphic"),
            ("width", N(Width)),
            ("height", N(height)),
            ("viewBox", "0 0 " + N(Width) + " " + N(height)),
            ("role", "img"),
            ("aria-labelledby", labelledBy),
            ("focusable", "false"));

    private static void End(HtmlWriter w) => w.Close("svg");

    private static void MultilineText(HtmlWriter w, List<string> lines, double x, double y, string anchor, double fontSize, string fill, double lineHeight = LineHeight)
    {
        w.Open("text", ("x", N(x)), ("y", N(y)), ("text-anchor", anchor), ("font-size", N(fontSize)), ("fill", fill));
        for (var i = 0; i < lines.Count; i++)
        {
            w.Element("tspan", lines[i], ("x", N(x)), ("dy", i == 0 ? null : N(lineHeight)));
        }

        w.Close("text");
    }

    private static void Diamond(HtmlWriter w, double x, double y, double r, string fill) =>
        w.Empty("polygon", ("points", Points([(x, y - r), (x + r, y), (x, y + r), (x - r, y)])), ("fill", fill), ("stroke", "#FFFFFF"), ("stroke-width", "1.5"));

    private static void Polygon(HtmlWriter w, IReadOnlyList<decimal?> values, Func<int, double, (double X, double Y)> point, string colour, bool dashed, bool square)
    {
        var shown = values.Select((v, i) => (Value: v, Index: i)).Where(x => x.Value is not null).Select(x => point(x.Index, (double)x.Value!.Value)).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        w.Empty(
            "polygon",
            ("points", Points(shown)),
            ("fill", colour),
            ("fill-opacity", "0.12"),
            ("stroke", colour),
            ("stroke-width", "3"),
            ("stroke-linejoin", "round"),
            ("stroke-dasharray", dashed ? "7 5" : null));
        foreach (var (x, y) in shown)
        {
            if (square)
            {
                w.Empty("rect", ("x", N(x - 4.5)), ("y", N(y - 4.5)), ("width", "9"), ("height", "9"), ("fill", colour));
            }
            else
            {
                w.Empty("circle", ("cx", N(x)), ("cy", N(y)), ("r", "5"), ("fill", colour), ("stroke", "#FFFFFF"), ("stroke-width", "1.5"));
            }
        }
    }

    private void HorizontalBars(HtmlWriter w, List<BarRow> rows, int min, int max, int step, string labelledBy, bool band, bool box, string fill)
    {
        const double labelWidth = 230;
        const double valueWidth = 64;
        const double left = labelWidth + 12;
        const double right = Width - valueWidth - 8;
        const double axisHeight = 28;
        double X(decimal v) => left + ((right - left) * (double)(Math.Clamp(v, min, max) - min) / (max - min));

        var labels = rows.Select(r => Wrap(r.Label, labelWidth, FontSize)).ToList();
        var heights = labels.Select(l => Math.Max(36, (l.Count * LineHeight) + 14)).ToList();
        var plotHeight = heights.Sum();
        var height = plotHeight + axisHeight + 6;

        Start(w, height, labelledBy);
        for (var tick = min; tick <= max; tick += step)
        {
            var x = X(tick);
            w.Empty("line", ("x1", N(x)), ("y1", "0"), ("x2", N(x)), ("y2", N(plotHeight)), ("stroke", tick == min ? _p.Muted : _p.Grid), ("stroke-width", "1"));
            w.Element("text", Numbers.Format(tick, _language), ("x", N(x)), ("y", N(plotHeight + 18)), ("text-anchor", "middle"), ("font-size", N(SmallFont)), ("fill", _p.Muted));
        }

        var y = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var h = heights[i];
            var middle = y + (h / 2);
            MultilineText(w, labels[i], 0, middle + 4 - ((labels[i].Count - 1) * LineHeight / 2), "start", FontSize, _p.Text);

            if (box)
            {
                if (row.WhiskerLow is { } lo && row.WhiskerHigh is { } hi)
                {
                    w.Empty("line", ("x1", N(X(lo))), ("y1", N(middle)), ("x2", N(X(hi))), ("y2", N(middle)), ("stroke", _p.Muted), ("stroke-width", "2"));
                    foreach (var end in new[] { lo, hi })
                    {
                        w.Empty("line", ("x1", N(X(end))), ("y1", N(middle - 7)), ("x2", N(X(end))), ("y2", N(middle + 7)), ("stroke", _p.Muted), ("stroke-width", "2"));
                    }
                }

                if (row.P25 is { } p25 && row.P75 is { } p75)
                {
                    w.Empty("rect", ("x", N(X(p25))), ("y", N(middle - 11)), ("width", N(Math.Max(X(p75) - X(p25), 1))), ("height", "22"), ("fill", _p.BoxFill), ("stroke", _p.Own), ("stroke-width", "1.5"));
                }

                if (row.Median is { } median)
                {
                    w.Empty("line", ("x1", N(X(median))), ("y1", N(middle - 13)), ("x2", N(X(median))), ("y2", N(middle + 13)), ("stroke", _p.Text), ("stroke-width", "3"));
                }

                if (row.Mean is { } mean)
                {
                    var m = X(mean);
                    w.Empty("polygon", ("points", $"{N(m)},{N(middle - 7)} {N(m + 7)},{N(middle)} {N(m)},{N(middle + 7)} {N(m - 7)},{N(middle)}"), ("fill", _p.Peer), ("stroke", "#ffffff"), ("stroke-width", "1.5"));
                }
            }
            else
            {
                if (band && row.P25 is { } p25 && row.P75 is { } p75)
                {
                    w.Empty("rect", ("x", N(X(p25))), ("y", N(middle - 13)), ("width", N(Math.Max(X(p75) - X(p25), 1))), ("height", "26"), ("fill", _p.Band), ("stroke", _p.BandEdge), ("stroke-width", "1"));
                }

                if (row.Value is { } value)
                {
                    w.Empty("rect", ("x", N(X(min))), ("y", N(middle - 6)), ("width", N(X(value) - X(min))), ("height", "12"), ("fill", fill));
                }

                if (band && row.Median is { } median)
                {
                    w.Empty("line", ("x1", N(X(median))), ("y1", N(middle - 15)), ("x2", N(X(median))), ("y2", N(middle + 15)), ("stroke", _p.Text), ("stroke-width", "3"));
                }
            }

            w.Element("text", row.ValueText, ("x", N(Width - 4)), ("y", N(middle + 4)), ("text-anchor", "end"), ("font-size", N(FontSize)), ("fill", _p.Text));
            y += h;
        }

        End(w);
    }

    private sealed record BarRow(string Label, decimal? Value, decimal? P25, decimal? Median, decimal? P75, string ValueText, decimal? WhiskerLow = null, decimal? WhiskerHigh = null)
    {
        public decimal? Mean { get; init; }
    }
}

/// <summary>The pictures a chart legend can show.</summary>
internal enum LegendKey
{
    OwnBar,
    Band,
    OwnLine,
    PeerLine,
    OwnMarker,
    HollowMarker,
    Box,

    /// <summary>The peers' median: the dark upright stroke the band bars and the position chart draw.</summary>
    Median,
}
