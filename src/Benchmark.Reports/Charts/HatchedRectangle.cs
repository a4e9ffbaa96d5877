using ScottPlot;
using SkiaSharp;

namespace Benchmark.Reports.Charts;

/// <summary>
/// A white rectangle with thin diagonal lines: "no value here". Drawn as vector lines, unlike ScottPlot's hatches,
/// which become a bitmap pattern per shape in a PDF.
/// </summary>
internal sealed class HatchedRectangle(CoordinateRect rect, SKColor lines, float spacing = 4) : IPlottable
{
    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    public AxisLimits GetAxisLimits() => new(rect);

    public void Render(RenderPack rp)
    {
        var box = Axes.GetPixelRect(rect);
        var area = new SKRect(box.Left, box.Top, box.Right, box.Bottom);
        var canvas = rp.Canvas;
        using var white = new SKPaint { Color = SKColors.White };
        using var paint = new SKPaint { Color = lines, IsAntialias = true, IsStroke = true, StrokeWidth = 0.75f };
        canvas.DrawRect(area, white);
        canvas.Save();
        canvas.ClipRect(area);
        for (var x = area.Left - area.Height; x < area.Right; x += spacing)
        {
            canvas.DrawLine(x, area.Bottom, x + area.Height, area.Top, paint);
        }

        canvas.Restore();
    }
}
