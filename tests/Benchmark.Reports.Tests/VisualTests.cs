using Benchmark.Testing;
using SkiaSharp;

namespace Benchmark.Reports.Tests;

/// <summary>
/// Pages rendered to PNG by the same layout code that writes the PDF, compared with committed images in Expected/.
/// After an intended change of the layout, regenerate them with UPDATE_EXPECTED_IMAGES=1 (see docs/reports.md).
/// </summary>
public sealed class VisualTests
{
    private static string ExpectedDirectory => Path.Combine(DemoReports.RepositoryRoot, "tests", "Benchmark.Reports.Tests", "Expected");

    public static TheoryData<string> Pages => ["council-page-1", "council-page-2", "council-page-3", "national-page-1"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void ARenderedPageLooksAsExpected(string name)
    {
        var failure = ImageComparison.Check(ExpectedDirectory, name, RenderedReports.Pages[name]);

        Assert.True(failure is null, failure);
    }

    [Fact]
    public void TheCouncilPagesAreA4AtOnePixelPerPoint()
    {
        using var page = SKBitmap.Decode(RenderedReports.Pages["council-page-1"]);

        Assert.Equal(595, page.Width);
        Assert.Equal(842, page.Height);
    }

    [Fact]
    public void TheComparerFailsOnAVisiblyDifferentImage()
    {
        var original = RenderedReports.Pages["council-page-2"];

        // The same page with one word-sized block painted over it, and a different page altogether.
        using var bitmap = SKBitmap.Decode(original);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Black })
        {
            canvas.DrawRect(100, 100, 80, 60, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var smudged = ImageComparison.Compare(original, data.ToArray());
        var otherPage = ImageComparison.Compare(original, RenderedReports.Pages["council-page-3"]);
        var same = ImageComparison.Compare(original, original);

        Assert.False(smudged.Passes, smudged.Summary);
        Assert.False(otherPage.Passes, otherPage.Summary);
        Assert.True(same.Passes, same.Summary);
        Assert.Equal(0, same.DifferingPixels);
    }

    [Fact]
    public void TheExpectedImagesStaySmall()
    {
        foreach (var file in Directory.GetFiles(ExpectedDirectory, "*.png"))
        {
            Assert.True(new FileInfo(file).Length < 200_000, $"{file} is {new FileInfo(file).Length} bytes");
        }
    }
}
