using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>Starts a new page, unless the page is still empty.</summary>
internal sealed class PageBreak : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        yield return new Slice(0, static (_, _) => { }) { StartsPage = true };
    }
}

/// <summary>Fixed vertical space that is kept even at the top of a page (to place things on a cover).</summary>
internal sealed class Spacer(float height) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        yield return new Slice(height, static (_, _) => { });
    }
}

/// <summary>A horizontal line across the body, in the accent colour or the rule colour.</summary>
internal sealed class Rule(float thickness = 0.5f, bool accent = false) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var width = context.Width;
        yield return Slice.Space(theme.BlockSpacing);
        yield return new Slice(thickness, (canvas, at) =>
        {
            using var paint = new SKPaint { Color = accent ? theme.Accent : theme.Rule, IsAntialias = true };
            canvas.DrawRect(at.X, at.Y, width, thickness, paint);
        });
    }
}

/// <summary>Another block moved right, for text that belongs to the item above it.</summary>
internal sealed class Indent(IBlock block, float left) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context) =>
        block.Layout(context with { Width = context.Width - left }).Select(s => s.Shifted(left));
}

/// <summary>A list with a bullet before each item and a hanging indent; a page may break between lines.</summary>
internal sealed class BulletList(IReadOnlyList<IReadOnlyList<Span>> items, Func<ReportTheme, TextStyle>? style = null) : IBlock
{
    public BulletList(IEnumerable<string> items)
        : this([.. items.Select(i => (IReadOnlyList<Span>)[new Span(i)])])
    {
    }

    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var textStyle = style?.Invoke(theme) ?? theme.Body;
        var lineHeight = TextLayout.LineHeight(textStyle);
        var indent = textStyle.Size * 1.4f;
        yield return Slice.Space(theme.BlockSpacing);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                yield return Slice.Space(theme.BlockSpacing / 2);
            }

            var lines = TextLayout.Wrap(theme, textStyle, items[i], context.Width - indent);
            for (var l = 0; l < lines.Count; l++)
            {
                var line = lines[l];
                var first = l == 0;
                yield return new Slice(lineHeight, (canvas, at) =>
                {
                    if (first)
                    {
                        var bullet = TextLayout.Wrap(theme, textStyle, [new Span("•")], indent)[0];
                        TextLayout.DrawLine(canvas, theme, textStyle with { Colour = theme.Accent }, bullet, at.X + (textStyle.Size * 0.2f), at.Y);
                    }

                    TextLayout.DrawLine(canvas, theme, textStyle, line, at.X + indent, at.Y);
                });
            }
        }
    }
}

/// <summary>One figure that matters most, large, with its caption beside it on a tinted panel.</summary>
internal sealed class KeyFigure(string value, string caption) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var width = context.Width;
        var figureStyle = theme.KeyFigure;
        var captionStyle = theme.Heading(3);
        var padding = theme.BlockSpacing * 1.5f;
        var valueLine = TextLayout.Wrap(theme, figureStyle, [new Span(value, figureStyle.Face)], width).FirstOrDefault() ?? new TextLayout.Line([], 0);
        var captionX = padding + valueLine.Width + (padding * 1.5f);
        var captionLines = TextLayout.Wrap(theme, captionStyle, [new Span(caption, captionStyle.Face)], width - captionX - padding);
        var figureHeight = TextLayout.LineHeight(figureStyle);
        var captionHeight = captionLines.Count * TextLayout.LineHeight(captionStyle);
        var height = Math.Max(figureHeight, captionHeight) + (2 * padding);

        yield return Slice.Space(theme.BlockSpacing * 1.5f);
        yield return new Slice(height, (canvas, at) =>
        {
            using (var panel = new SKPaint { Color = theme.TableStripe, IsAntialias = true })
            {
                canvas.DrawRect(at.X, at.Y, width, height, panel);
            }

            using (var bar = new SKPaint { Color = theme.Accent, IsAntialias = true })
            {
                canvas.DrawRect(at.X, at.Y, 4, height, bar);
            }

            TextLayout.DrawLine(canvas, theme, figureStyle, valueLine, at.X + padding, at.Y + ((height - figureHeight) / 2));
            var top = at.Y + ((height - captionHeight) / 2);
            foreach (var line in captionLines)
            {
                TextLayout.DrawLine(canvas, theme, captionStyle, line, at.X + captionX, top);
                top += TextLayout.LineHeight(captionStyle);
            }
        });
    }
}

/// <summary>
/// A table of contents: one line per entry with the page its anchored heading landed on, linked to it. The page
/// numbers are looked up when the page is drawn, after pagination has placed every heading.
/// </summary>
internal sealed class Contents(string heading, IReadOnlyList<(string Text, string Anchor)> entries) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var width = context.Width;
        var style = theme.Body;
        var lineHeight = TextLayout.LineHeight(style) + (theme.BlockSpacing / 2);
        foreach (var slice in new Heading(heading, 2).Layout(context))
        {
            yield return slice;
        }

        yield return Slice.Space(theme.BlockSpacing / 2);
        var numberWidth = style.Size * 3;
        foreach (var (text, anchor) in entries)
        {
            var line = TextLayout.Wrap(theme, style, [new Span(text)], width - numberWidth).FirstOrDefault() ?? new TextLayout.Line([], 0);
            yield return new Slice(lineHeight, (canvas, at) =>
            {
                var page = context.Anchors.PageOf(anchor)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                TextLayout.DrawLine(canvas, theme, style, line, at.X, at.Y);
                var number = TextLayout.Wrap(theme, style, [new Span(page)], numberWidth)
                    .FirstOrDefault();
                if (number is not null)
                {
                    TextLayout.DrawLine(canvas, theme, style, number, at.X + width - number.Width, at.Y);
                }

                using var dash = SKPathEffect.CreateDash([1, 3], 0);
                using var dots = new SKPaint { Color = theme.Muted, StrokeWidth = 0.75f, IsStroke = true, PathEffect = dash };
                var baseline = at.Y + (TextLayout.LineHeight(style) * 0.75f);
                var from = at.X + line.Width + 6;
                var to = at.X + width - (number?.Width ?? 0) - 6;
                if (to > from)
                {
                    canvas.DrawLine(from, baseline, to, baseline, dots);
                }

                canvas.DrawLinkDestinationAnnotation(new SKRect(at.X, at.Y, at.X + width, at.Y + TextLayout.LineHeight(style)), anchor);
            });
        }
    }
}

/// <summary>Several blocks as one, laid out one after the other (no keeping together).</summary>
internal sealed class Group(params IReadOnlyList<IBlock> blocks) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context) => blocks.SelectMany(b => b.Layout(context));
}
