using SkiaSharp;

namespace Benchmark.Reports.Layout;

internal enum CellAlignment
{
    Left,
    Right,
}

/// <summary>A table column: its header, its share of the table width and how its cells align.</summary>
internal sealed record TableColumn(string Header, float RelativeWidth = 1, CellAlignment Alignment = CellAlignment.Left);

/// <summary>
/// A table with wrapping cells. Each row is one slice, so pages break between rows, and every row carries
/// the header row with it so that a continued table starts with its header again.
/// </summary>
internal sealed class Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var total = columns.Sum(c => c.RelativeWidth);
        var widths = columns.Select(c => context.Width * c.RelativeWidth / total).ToArray();

        var header = Row(context, widths, columns.Select(c => c.Header).ToArray(), isHeader: true, stripe: false) with { KeepWithNext = true };
        yield return Slice.Space(theme.BlockSpacing);
        yield return header;
        for (var i = 0; i < rows.Count; i++)
        {
            yield return Row(context, widths, rows[i], isHeader: false, stripe: i % 2 == 1) with { RepeatAtPageTop = header };
        }
    }

    private Slice Row(LayoutContext context, float[] widths, IReadOnlyList<string> cells, bool isHeader, bool stripe)
    {
        var theme = context.Theme;
        var padding = theme.TableCellPadding;
        var style = isHeader ? theme.TableText.With(FontFace.Semibold) : theme.TableText;
        var lineHeight = TextLayout.LineHeight(style);
        var wrapped = widths.Select((width, i) =>
            TextLayout.Wrap(theme, style, [new Span(i < cells.Count ? cells[i] : "", style.Face)], width - (2 * padding))).ToArray();
        var height = (wrapped.Max(lines => Math.Max(1, lines.Count)) * lineHeight) + (2 * padding);

        return new Slice(height, (canvas, at) =>
        {
            var background = isHeader ? theme.TableHeaderBackground : stripe ? theme.TableStripe : SKColors.Empty;
            if (background != SKColors.Empty)
            {
                using var fill = new SKPaint { Color = background };
                canvas.DrawRect(at.X, at.Y, widths.Sum(), height, fill);
            }

            var x = at.X;
            for (var c = 0; c < widths.Length; c++)
            {
                for (var l = 0; l < wrapped[c].Count; l++)
                {
                    var line = wrapped[c][l];
                    var offset = columns[c].Alignment == CellAlignment.Right ? widths[c] - (2 * padding) - line.Width : 0;
                    TextLayout.DrawLine(canvas, theme, style, line, x + padding + offset, at.Y + padding + (l * lineHeight));
                }

                x += widths[c];
            }

            using var rule = new SKPaint { Color = isHeader ? theme.Muted : theme.Rule, StrokeWidth = 0.5f, IsStroke = true };
            canvas.DrawLine(at.X, at.Y + height, at.X + widths.Sum(), at.Y + height, rule);
        });
    }
}
