using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>A run of text in one face, optionally a link.</summary>
internal sealed record Span(string Text, FontFace Face = FontFace.Regular, Uri? Link = null);

/// <summary>Word wrapping shared by paragraphs, headings and table cells.</summary>
internal static class TextLayout
{
    /// <summary>A stretch of one span on one line, drawn with a single DrawText so the PDF keeps its spaces.</summary>
    internal sealed record Run(string Text, FontFace Face, Uri? Link, float X, float Width, int SpanIndex);

    internal sealed record Line(IReadOnlyList<Run> Runs, float Width);

    /// <summary>Breaks spans into lines no wider than <paramref name="maxWidth"/>; a word longer than a line gets a line of its own.</summary>
    internal static List<Line> Wrap(ReportTheme theme, TextStyle style, IEnumerable<Span> spans, float maxWidth)
    {
        var lines = new List<Line>();
        var runs = new List<Run>();
        var x = 0f;
        var fonts = new Dictionary<FontFace, SKFont>();
        try
        {
            SKFont FontFor(FontFace face)
            {
                if (!fonts.TryGetValue(face, out var font))
                {
                    font = theme.Font(style.With(face));
                    fonts[face] = font;
                }

                return font;
            }

            // Spans join without adding spaces: "vng.nl" + "." stays one word. A space in the text, within a
            // span or at a span's edge, is where a line may break.
            var spaceBefore = false;
            var spanIndex = 0;
            foreach (var span in spans)
            {
                var font = FontFor(span.Face);
                var space = font.MeasureText(" ");
                var words = ReportTheme.Printable(span.Text).Split(' ');
                for (var k = 0; k < words.Length; k++)
                {
                    spaceBefore |= k > 0;
                    var word = words[k];
                    if (word.Length == 0)
                    {
                        continue;
                    }

                    var width = font.MeasureText(word);
                    var gap = x > 0 && spaceBefore ? space : 0;
                    if (x > 0 && x + gap + width > maxWidth)
                    {
                        lines.Add(new Line([.. runs], x));
                        runs.Clear();
                        x = 0;
                        gap = 0;
                    }

                    // Extend the previous run when the word continues the same span, so a line is a few
                    // DrawText calls with real spaces rather than one per word.
                    var separator = gap > 0 ? " " : "";
                    if (runs.Count > 0 && runs[^1].SpanIndex == spanIndex)
                    {
                        var last = runs[^1];
                        runs[^1] = last with { Text = last.Text + separator + word, Width = last.Width + gap + width };
                    }
                    else
                    {
                        runs.Add(new Run(separator + word, span.Face, span.Link, x, gap + width, spanIndex));
                    }

                    x += gap + width;
                    spaceBefore = false;
                }

                spaceBefore |= span.Text.EndsWith(' ');
                spanIndex++;
            }

            if (runs.Count > 0)
            {
                lines.Add(new Line([.. runs], x));
            }

            return lines;
        }
        finally
        {
            foreach (var font in fonts.Values)
            {
                font.Dispose();
            }
        }
    }

    internal static float LineHeight(TextStyle style) => style.Size * style.LineHeight;

    /// <summary>Draws one line with its top-left corner at (x, top); links become clickable areas.</summary>
    internal static void DrawLine(SKCanvas canvas, ReportTheme theme, TextStyle style, Line line, float x, float top)
    {
        foreach (var run in line.Runs)
        {
            var runStyle = run.Link is null ? style.With(run.Face) : style with { Face = run.Face, Colour = theme.Accent };
            using var font = theme.Font(runStyle);
            using var paint = new SKPaint { Color = runStyle.Colour, IsAntialias = true };
            var metrics = font.Metrics;
            var lineHeight = LineHeight(style);

            // Centre the font's ascent-to-descent box in the line box.
            var baseline = top + ((lineHeight - (metrics.Descent - metrics.Ascent)) / 2) - metrics.Ascent;
            canvas.DrawText(run.Text, x + run.X, baseline, SKTextAlign.Left, font, paint);
            if (run.Link is not null)
            {
                // The leading space of a continued run is not part of the link.
                var lead = run.Text.StartsWith(' ') ? font.MeasureText(" ") : 0;
                var rect = new SKRect(x + run.X + lead, top, x + run.X + run.Width, top + lineHeight);
                canvas.DrawLine(rect.Left, baseline + 1.5f, rect.Right, baseline + 1.5f, paint);
                canvas.DrawUrlAnnotation(rect, run.Link.AbsoluteUri);
            }
        }
    }
}
