using ScottPlot;
using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>
/// A ScottPlot chart drawn straight onto the page canvas, so it stays vector graphics with real
/// (extractable) text in the report font. Width is the page body width; height is given in points.
/// </summary>
/// <param name="styled">The plot already has its fonts, sizes and colours from the theme (the report charts do);
/// otherwise the block applies the theme's defaults when it draws.</param>
internal sealed class ChartBlock(Plot plot, float height, bool styled = false) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var width = context.Width;
        yield return Slice.Space(theme.BlockSpacing);
        yield return new Slice(height, (canvas, at) =>
        {
            if (!styled)
            {
                ApplyTheme(theme);
            }

            var box = new PixelRect(at.X, at.X + width, at.Y + height, at.Y);

            // ScottPlot renders a plot twice the first time (the second pass settles the layout), which on a
            // PDF canvas would leave every label in the file twice. Do that first render where nothing is kept.
            if (plot.RenderManager.RenderCount == 0)
            {
                using var scratch = new SKNoDrawCanvas((int)Math.Ceiling(box.Right), (int)Math.Ceiling(box.Bottom));
                plot.Render(scratch, box);
            }

            // ScottPlot starts a render by clearing the canvas to the figure background; the clip keeps that (and
            // anything else it draws) inside the chart's own box, so the rest of the page survives.
            canvas.Save();
            canvas.ClipRect(new SKRect(at.X, at.Y, at.X + width, at.Y + height));
            plot.Render(canvas, box);
            canvas.Restore();
        });
    }

    // Applied at draw time, after the caller has set titles and labels, because Font.Set only
    // reaches the labels that exist when it is called.
    private void ApplyTheme(ReportTheme theme)
    {
        plot.Font.Set(ReportTheme.FontFamily);
        plot.Axes.Title.Label.FontSize = theme.Heading(3).Size;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = theme.Body.Size;
            axis.TickLabelStyle.FontSize = theme.Small.Size;
        }

        var text = Color.FromARGB((uint)theme.Text);
        plot.Axes.Color(text);
        plot.Axes.Title.Label.ForeColor = text;
    }
}
