namespace Benchmark.Reports.Layout;

/// <summary>Wrapped text made of spans (plain, semibold, italic, links); a page may break between its lines.</summary>
internal sealed class Paragraph(IReadOnlyList<Span> spans, Func<ReportTheme, TextStyle>? style = null) : IBlock
{
    public Paragraph(string text)
        : this([new Span(text)])
    {
    }

    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var textStyle = style?.Invoke(theme) ?? theme.Body;
        var lineHeight = TextLayout.LineHeight(textStyle);
        yield return Slice.Space(theme.BlockSpacing);
        foreach (var line in TextLayout.Wrap(theme, textStyle, spans, context.Width))
        {
            yield return new Slice(lineHeight, (canvas, at) => TextLayout.DrawLine(canvas, theme, textStyle, line, at.X, at.Y));
        }
    }
}

/// <summary>A heading of level 1–3; it stays on the page of whatever follows it.</summary>
internal sealed class Heading(string text, int level = 1) : IBlock
{
    /// <summary>Names the heading's place: a <see cref="Contents"/> entry finds its page and links to it.</summary>
    public string? Anchor { get; init; }

    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var textStyle = theme.Heading(level);
        var lineHeight = TextLayout.LineHeight(textStyle);
        var lines = TextLayout.Wrap(theme, textStyle, [new Span(text, textStyle.Face)], context.Width);

        // More space above than below binds a heading to its own section.
        yield return Slice.Space(theme.BlockSpacing * (level == 1 ? 2 : 1.5f));
        var anchor = Anchor;
        yield return new Slice(lines.Count * lineHeight, (canvas, at) =>
        {
            if (anchor is not null)
            {
                canvas.DrawNamedDestinationAnnotation(at, anchor);
            }

            for (var i = 0; i < lines.Count; i++)
            {
                TextLayout.DrawLine(canvas, theme, textStyle, lines[i], at.X, at.Y + (i * lineHeight));
            }
        })
        { KeepWithNext = true, Anchor = anchor };
    }
}
