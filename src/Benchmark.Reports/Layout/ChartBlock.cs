using ScottPlot;
using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>
/// A ScottPlot chart drawn straight onto the page canvas, so it stays vector graphics with real
/// (extractable) text in the report font. Width is the page body width; height is given in points.
/// </summary>
public sealed class ChartBlock(Plot plot, float height) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var theme = context.Theme;
        var width = context.Width;
        yield return Slice.Space(theme.BlockSpacing);
        yield return new Slice(height, (canvas, at) =>
        {
            ApplyTheme(theme);
            var box = new PixelRect(at.X, at.X + width, at.Y + height, at.Y);

            // ScottPlot renders a plot twice the first time (the second pass settles the layout), which on a
            // PDF canvas would leave every label in the file twice. Do that first render where nothing is kept.
            if (plot.RenderManager.RenderCount == 0)
            {
                using var scratch = new SKNoDrawCanvas((int)Math.Ceiling(box.Right), (int)Math.Ceiling(box.Bottom));
                plot.Render(scratch, box);
            }

            plot.Render(canvas, box);
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
