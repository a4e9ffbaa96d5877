namespace Benchmark.Reports.Tests;

/// <summary>
/// Skia writes a clock-based document id, sometimes as a hex string and sometimes as a literal one; a fixed bug let
/// the literal form through about once in thirty reports. Many reports in a row make such a leak show.
/// </summary>
public sealed class DeterminismTests
{
    [Fact]
    public void FortyReportsFromTheSameInputAreByteIdentical()
    {
        var theme = Benchmark.Reports.Layout.ReportTheme.Load();
        var first = SampleReports.ThreePages(theme).ToBytes();
        for (var i = 0; i < 40; i++)
        {
            Assert.True(first.AsSpan().SequenceEqual(SampleReports.ThreePages(theme).ToBytes()), $"report {i + 2} differs from the first");
        }
    }

    /// <summary>Report workers draw in parallel (the render lock is per document); charts must not see each other's fonts or sizes.</summary>
    [Fact]
    public void CouncilReportsDrawnInParallelAreByteIdenticalToTheSameReportsDrawnAlone()
    {
        var renderer = new ReportRenderer();
        var codes = DemoReports.Offline.Municipalities.Take(6).ToList();
        var reports = codes.Select(code => DemoReports.Council(code)).ToList();
        var alone = reports.Select(report => renderer.CouncilPdf(report)).ToList();

        var together = new byte[reports.Count * 4][];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = renderer.CouncilPdf(reports[i % reports.Count]));

        for (var i = 0; i < together.Length; i++)
        {
            Assert.True(alone[i % reports.Count].AsSpan().SequenceEqual(together[i]), $"{codes[i % reports.Count]} drawn in parallel (render {i}) differs from the same report drawn alone");
        }
    }

    [Fact]
    public void AClockBasedIdWrittenAsALiteralStringIsReplacedLikeAHexOne()
    {
        var hexForm = SampleReports.ThreePages(Benchmark.Reports.Layout.ReportTheme.Load()).ToBytes();
        var text = System.Text.Encoding.Latin1.GetString(hexForm);
        var id = System.Text.RegularExpressions.Regex.Match(text, "/ID \\[<([0-9A-F]{32})>").Groups[1].Value;
        Assert.NotEmpty(id);

        // The same document as Skia sometimes writes it: the trailer id as a literal string with escapes.
        var literal = text.Replace($"/ID [<{id}> <{id}>]", "/ID [(a\\)b\\002c) (a\\)b\\002c)]", StringComparison.Ordinal);
        var fixedUp = System.Text.Encoding.Latin1.GetString(Benchmark.Reports.Layout.PdfPostProcessor.MakeIdentifierDeterministic(System.Text.Encoding.Latin1.GetBytes(literal)));

        Assert.DoesNotContain("(a\\)b", fixedUp, StringComparison.Ordinal);
        Assert.Matches("/ID \\[<[0-9A-F]{32}> <[0-9A-F]{32}>\\]", fixedUp);
    }
}
