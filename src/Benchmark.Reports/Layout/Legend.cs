using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>How a legend entry is drawn: the symbol repeats the chart's shape and line style, not only its colour.</summary>
internal enum LegendSymbol
{
    /// <summary>A filled box; with an outline when the key has a <see cref="LegendKey.Fill"/>.</summary>
    Box,
    Line,
    DashedLine,
    LineWithCircle,
    DashedLineWithDiamond,
    Diamond,
    OpenCircle,

    /// <summary>A white box with diagonal grey hatching: no value.</summary>
    Hatched,
}

/// <summary>One legend entry: a label and a symbol in a colour (and a fill colour for outlined boxes).</summary>
internal sealed record LegendKey(string Label, LegendSymbol Symbol, SKColor Colour, SKColor? Fill = null);

/// <summary>
/// A chart legend as page text: entries side by side, wrapping to a new line when the row is full. Being real text
/// in the report font, the labels can be searched and read aloud like the rest of the page.
/// </summary>
internal sealed class Legend(IReadOnlyList<LegendKey> keys) : IBlock
{
    private const float SymbolWidth = 20;
    private const float SymbolGap = 5;
    private const float EntryGap = 18;

    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        if (keys.Count == 0)
        {
            yield break;
        }

        var theme = context.Theme;
        var style = theme.Small with { Colour = theme.Text, Size = theme.Small.Size + 1 };
        var lineHeight = TextLayout.LineHeight(style) + 3;
        var rows = new List<List<(LegendKey Key, TextLayout.Line Text, float X)>> { new() };
        var x = 0f;
        foreach (var key in keys)
        {
            var text = TextLayout.Wrap(theme, style, [new Span(key.Label)], context.Width - SymbolWidth - SymbolGap).FirstOrDefault() ?? new TextLayout.Line([], 0);
            var width = SymbolWidth + SymbolGap + text.Width;
            if (x > 0 && x + width > context.Width)
            {
                rows.Add([]);
                x = 0;
            }

            rows[^1].Add((key, text, x));
            x += width + EntryGap;
        }

        yield return Slice.Space(theme.BlockSpacing / 2);
        foreach (var row in rows)
        {
            yield return new Slice(lineHeight, (canvas, at) =>
            {
                foreach (var (key, text, left) in row)
                {
                    DrawSymbol(canvas, key, at.X + left, at.Y + (lineHeight / 2), theme);
                    TextLayout.DrawLine(canvas, theme, style, text, at.X + left + SymbolWidth + SymbolGap, at.Y + 1.5f);
                }
            });
        }
    }

    private static void DrawSymbol(SKCanvas canvas, LegendKey key, float x, float middle, ReportTheme theme)
    {
        using var paint = new SKPaint { Color = key.Colour, IsAntialias = true };
        var box = new SKRect(x, middle - 5, x + SymbolWidth, middle + 5);
        switch (key.Symbol)
        {
            case LegendSymbol.Box:
                if (key.Fill is { } fill)
                {
                    using var inside = new SKPaint { Color = fill, IsAntialias = true };
                    canvas.DrawRect(box, inside);
                    paint.IsStroke = true;
                    paint.StrokeWidth = 1.5f;
                }

                canvas.DrawRect(box, paint);
                break;
            case LegendSymbol.Hatched:
                using (var outline = new SKPaint { Color = theme.ChartBand, IsAntialias = true, IsStroke = true, StrokeWidth = 0.75f })
                {
                    canvas.Save();
                    canvas.ClipRect(box);
                    for (var hx = box.Left - box.Height; hx < box.Right; hx += 4)
                    {
                        canvas.DrawLine(hx, box.Bottom, hx + box.Height, box.Top, outline);
                    }

                    canvas.Restore();
                    canvas.DrawRect(box, outline);
                }

                break;
            case LegendSymbol.Line or LegendSymbol.LineWithCircle or LegendSymbol.DashedLine or LegendSymbol.DashedLineWithDiamond:
                paint.IsStroke = true;
                paint.StrokeWidth = 2.5f;
                var dashed = key.Symbol is LegendSymbol.DashedLine or LegendSymbol.DashedLineWithDiamond;
                using (var dash = SKPathEffect.CreateDash([5, 3], 0))
                {
                    paint.PathEffect = dashed ? dash : null;
                    canvas.DrawLine(x, middle, x + SymbolWidth, middle, paint);
                    paint.PathEffect = null;
                }

                paint.IsStroke = false;
                if (key.Symbol == LegendSymbol.LineWithCircle)
                {
                    canvas.DrawCircle(x + (SymbolWidth / 2), middle, 3.5f, paint);
                }
                else if (key.Symbol == LegendSymbol.DashedLineWithDiamond)
                {
                    Diamond(canvas, x + (SymbolWidth / 2), middle, 4.5f, paint);
                }

                break;
            case LegendSymbol.Diamond:
                Diamond(canvas, x + (SymbolWidth / 2), middle, 6, paint);
                break;
            case LegendSymbol.OpenCircle:
                paint.IsStroke = true;
                paint.StrokeWidth = 2;
                canvas.DrawCircle(x + (SymbolWidth / 2), middle, 4, paint);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(key), key.Symbol, "Unknown legend symbol.");
        }
    }

    private static void Diamond(SKCanvas canvas, float cx, float cy, float r, SKPaint paint)
    {
        using var path = new SKPath();
        path.MoveTo(cx, cy - r);
        path.LineTo(cx + r, cy);
        path.LineTo(cx, cy + r);
        path.LineTo(cx - r, cy);
        path.Close();
        canvas.DrawPath(path, paint);
    }
}
