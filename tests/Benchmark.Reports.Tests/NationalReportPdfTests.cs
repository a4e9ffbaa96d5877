using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Benchmark.Reports.Tests;

/// <summary>The national report of the demo data read back from the PDF with PdfPig.</summary>
public sealed partial class NationalReportPdfTests
{
    private static readonly Lazy<PdfText> Text = new(() => PdfText.Read(RenderedReports.NationalPdf));

    [Fact]
    public void TheNationalPdfHasTheHeatMapBoxPlotLeadersAndResponseTitles()
    {
        var report = RenderedReports.National;
        var text = Text.Value.All;
        var titles = new[] { report.Levels.Text.Title, report.LeadersHeading, report.ResponseBySizeClass.Text.Title, report.ResponseByProvince.Text.Title }
            .Concat(report.BoxPlots.Select(b => b.Text.Title));

        Assert.All(titles, title => Assert.Contains(title, text, StringComparison.Ordinal));
    }

    [Fact]
    public void TheNationalPdfNamesEveryNamedLeader()
    {
        var report = RenderedReports.National;
        var text = Text.Value.All;
        var names = report.Leaders.Rows
            .SelectMany(r => r[1].Split(", "))
            .Where(cell => cell != "–")
            .Select(cell => LeaderScore().Replace(cell, ""))
            .Distinct()
            .ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, text, StringComparison.Ordinal));
    }

    [Fact]
    public void TheNationalPdfHasItsResponseTablesAndMethodology()
    {
        var report = RenderedReports.National;
        var text = Text.Value.All;

        Assert.Contains(report.ResponseBySizeClassTable.Caption, text, StringComparison.Ordinal);
        Assert.Contains(report.ResponseByProvinceTable.Caption, text, StringComparison.Ordinal);
        Assert.All(report.ResponseByProvince.Groups, g => Assert.Contains(g, text, StringComparison.Ordinal));
        Assert.All(report.Methodology.SelectMany(m => m.Paragraphs), p => Assert.Contains(p, text, StringComparison.Ordinal));
    }

    [Fact]
    public void AxisTicksUseTheDecimalCommaInDutchAndThePointInEnglish()
    {
        // The box plots' value axes run from 1 to 5 in steps of a half.
        Assert.Contains("1,0 1,5 2,0 2,5", Text.Value.All, StringComparison.Ordinal);
        var english = PdfText.Read(RenderedReports.NationalEnglishPdf).All;
        Assert.Contains("1.0 1.5 2.0 2.5", english, StringComparison.Ordinal);
        Assert.DoesNotContain("1,5", english, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFontIsEmbedded()
    {
        PdfText.AssertFontsEmbedded(RenderedReports.NationalPdf);
    }

    [Fact]
    public void ThePdfIsSmallBecauseChartsAreVectorsWithoutImages()
    {
        var raw = System.Text.Encoding.Latin1.GetString(RenderedReports.NationalPdf);

        Assert.DoesNotContain("/Subtype /Image", raw, StringComparison.Ordinal);
        Assert.True(RenderedReports.NationalPdf.Length < 400_000, $"{RenderedReports.NationalPdf.Length} bytes");
        using var pdf = PdfDocument.Open(RenderedReports.NationalPdf);
        Assert.Equal(RenderedReports.National.Labels.DocumentTitle, pdf.Information.Title);
    }

    [GeneratedRegex(@" \([0-9],[0-9]\)$")]
    private static partial Regex LeaderScore();
}
