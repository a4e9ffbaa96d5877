using SkiaSharp;

namespace Benchmark.Reports.Tests;

/// <summary>
/// Pages rendered to PNG by the same layout code that writes the PDF, compared with committed images in Expected/.
/// After an intended change of the layout, regenerate them with UPDATE_EXPECTED_IMAGES=1 (see docs/reports.md).
/// </summary>
public sealed class VisualTests
{
    public static TheoryData<string> Pages => ["council-page-1", "council-page-2", "council-page-3", "national-page-1"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void ARenderedPageLooksAsExpected(string name)
    {
        var actual = RenderedReports.Pages[name];
        var expectedPath = Path.Combine(ImageComparison.ExpectedDirectory, name + ".png");
        if (ImageComparison.Updating)
        {
            File.WriteAllBytes(expectedPath, actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run the tests once with UPDATE_EXPECTED_IMAGES=1 and commit the images.");
        var result = ImageComparison.Compare(File.ReadAllBytes(expectedPath), actual);
        if (!result.Passes)
        {
            var (actualPath, diffPath) = ImageComparison.WriteFailure(name, actual, result);
            Assert.Fail($"{name}: {result.Summary}. Actual: {actualPath}; differences in red: {diffPath}. If the change is intended, run with UPDATE_EXPECTED_IMAGES=1.");
        }
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
        foreach (var file in Directory.GetFiles(ImageComparison.ExpectedDirectory, "*.png"))
        {
            Assert.True(new FileInfo(file).Length < 200_000, $"{file} is {new FileInfo(file).Length} bytes");
        }
    }
}

/// <summary>Compares two PNGs pixel by pixel with a tolerance for anti-aliasing differences between machines.</summary>
internal static class ImageComparison
{
    /// <summary>A pixel differs when one of its channels differs by more than this (of 255).</summary>
    public const int ChannelTolerance = 32;

    /// <summary>A page fails when more than this share of its pixels differ.</summary>
    public const double MaximumDifferingShare = 0.005;

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_EXPECTED_IMAGES") == "1";

    public static string ExpectedDirectory => Path.Combine(DemoReports.RepositoryRoot, "tests", "Benchmark.Reports.Tests", "Expected");

    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "visual-test-output");

    public sealed record Result(int Width, int Height, int DifferingPixels, bool SameSize, byte[] Diff)
    {
        public double DifferingShare => Width * Height == 0 ? 1 : (double)DifferingPixels / (Width * Height);

        public bool Passes => SameSize && DifferingShare <= MaximumDifferingShare;

        public string Summary => SameSize
            ? $"{DifferingPixels} of {Width * Height} pixels differ ({DifferingShare:P2}; allowed {MaximumDifferingShare:P2})"
            : "the images differ in size";
    }

    public static Result Compare(byte[] expectedPng, byte[] actualPng)
    {
        using var expected = SKBitmap.Decode(expectedPng).Copy(SKColorType.Rgba8888);
        using var actual = SKBitmap.Decode(actualPng).Copy(SKColorType.Rgba8888);
        if (expected.Width != actual.Width || expected.Height != actual.Height)
        {
            return new Result(actual.Width, actual.Height, actual.Width * actual.Height, SameSize: false, actualPng);
        }

        var width = expected.Width;
        var height = expected.Height;
        var a = expected.GetPixelSpan();
        var b = actual.GetPixelSpan();
        using var diff = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var d = diff.GetPixelSpan();
        var differing = 0;
        for (var i = 0; i < a.Length; i += 4)
        {
            var off = false;
            for (var c = 0; c < 4 && !off; c++)
            {
                off = Math.Abs(a[i + c] - b[i + c]) > ChannelTolerance;
            }

            // The diff image: the expected page faded, differing pixels in red.
            if (off)
            {
                differing++;
                d[i] = 255;
                d[i + 1] = 0;
                d[i + 2] = 0;
            }
            else
            {
                var grey = (byte)(191 + (a[i] / 4));
                d[i] = grey;
                d[i + 1] = grey;
                d[i + 2] = grey;
            }

            d[i + 3] = 255;
        }

        using var image = SKImage.FromBitmap(diff);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new Result(width, height, differing, SameSize: true, data.ToArray());
    }

    /// <summary>Writes the actual page and the diff next to the test assembly and returns their paths.</summary>
    public static (string Actual, string Diff) WriteFailure(string name, byte[] actual, Result result)
    {
        Directory.CreateDirectory(OutputDirectory);
        var actualPath = Path.Combine(OutputDirectory, name + ".actual.png");
        var diffPath = Path.Combine(OutputDirectory, name + ".diff.png");
        File.WriteAllBytes(actualPath, actual);
        File.WriteAllBytes(diffPath, result.Diff);
        return (actualPath, diffPath);
    }
}
