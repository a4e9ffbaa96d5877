using SkiaSharp;

namespace Benchmark.Testing;

/// <summary>
/// Compares two PNGs pixel by pixel with a tolerance for anti-aliasing differences between machines, for the report
/// pages (Benchmark.Reports.Tests, which compiles this file in) and the web pages (Benchmark.Functions.Tests).
/// </summary>
public static class ImageComparison
{
    /// <summary>A pixel differs when one of its channels differs by more than this (of 255).</summary>
    public const int ChannelTolerance = 32;

    /// <summary>An image fails when more than this share of its pixels differ, unless the caller allows another share.</summary>
    public const double MaximumDifferingShare = 0.005;

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_EXPECTED_IMAGES") == "1";

    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "visual-test-output");

    public sealed record Result(int Width, int Height, int DifferingPixels, bool SameSize, double AllowedShare, byte[] Diff)
    {
        public double DifferingShare => Width * Height == 0 ? 1 : (double)DifferingPixels / (Width * Height);

        public bool Passes => SameSize && DifferingShare <= AllowedShare;

        public string Summary => SameSize
            ? $"{DifferingPixels} of {Width * Height} pixels differ ({DifferingShare:P2}; allowed {AllowedShare:P2})"
            : "the images differ in size";
    }

    public static Result Compare(byte[] expectedPng, byte[] actualPng, double maximumDifferingShare = MaximumDifferingShare)
    {
        using var expected = SKBitmap.Decode(expectedPng).Copy(SKColorType.Rgba8888);
        using var actual = SKBitmap.Decode(actualPng).Copy(SKColorType.Rgba8888);
        if (expected.Width != actual.Width || expected.Height != actual.Height)
        {
            return new Result(actual.Width, actual.Height, actual.Width * actual.Height, SameSize: false, maximumDifferingShare, actualPng);
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

            // The diff image: the expected image faded, differing pixels in red.
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
        return new Result(width, height, differing, SameSize: true, maximumDifferingShare, data.ToArray());
    }

    /// <summary>Writes the actual image and the diff next to the test assembly and returns their paths.</summary>
    public static (string Actual, string Diff) WriteFailure(string name, byte[] actual, Result result)
    {
        Directory.CreateDirectory(OutputDirectory);
        var actualPath = Path.Combine(OutputDirectory, name + ".actual.png");
        var diffPath = Path.Combine(OutputDirectory, name + ".diff.png");
        File.WriteAllBytes(actualPath, actual);
        File.WriteAllBytes(diffPath, result.Diff);
        return (actualPath, diffPath);
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with <c>{name}.png</c> in <paramref name="expectedDirectory"/>: null when it
    /// passes, otherwise why, with the paths of the actual image and the diff written for the failure. With
    /// UPDATE_EXPECTED_IMAGES=1 it writes the expected image instead and returns null.
    /// </summary>
    public static string? Check(string expectedDirectory, string name, byte[] actual, double maximumDifferingShare = MaximumDifferingShare)
    {
        var expectedPath = Path.Combine(expectedDirectory, name + ".png");
        if (Updating)
        {
            Directory.CreateDirectory(expectedDirectory);
            File.WriteAllBytes(expectedPath, actual);
            return null;
        }

        if (!File.Exists(expectedPath))
        {
            var (missingActual, _) = WriteFailure(name, actual, new Result(0, 0, 0, SameSize: false, maximumDifferingShare, actual));
            return $"{expectedPath} is missing (the actual image is at {missingActual}); run the tests once with UPDATE_EXPECTED_IMAGES=1, look at the images and commit them.";
        }

        var result = Compare(File.ReadAllBytes(expectedPath), actual, maximumDifferingShare);
        if (result.Passes)
        {
            return null;
        }

        var (actualPath, diffPath) = WriteFailure(name, actual, result);
        return $"{name}: {result.Summary}. Expected: {expectedPath}; actual: {actualPath}; differences in red: {diffPath}. "
            + "If the change is intended, run the tests again with UPDATE_EXPECTED_IMAGES=1, look at the new images and commit them.";
    }
}
