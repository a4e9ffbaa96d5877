using System.Text;
using System.Text.RegularExpressions;
using Benchmark.Reports.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Benchmark.Reports.Tests;

/// <summary>Reads generated PDFs back with PdfPig, the way a reader or a screen reader would see them.</summary>
public sealed class PdfReportTests
{
    /// <summary>The bound the sample must stay under: fonts are subset and embedded once, charts are vectors.</summary>
    private const int ThreePageSampleBound = 100_000;

    private static readonly ReportTheme Theme = ReportTheme.Load();
    private static readonly Lazy<byte[]> Sample = new(() => SampleReports.ThreePages(Theme).ToBytes());

    private static string PageText(PdfDocument pdf, int page) =>
        string.Join(' ', pdf.GetPage(page).GetWords().Select(w => w.Text));

    [Fact]
    public void Text_with_diacritics_is_extractable_in_reading_order()
    {
        using var pdf = PdfDocument.Open(Sample.Value);
        var text = PageText(pdf, 1);

        var heading = text.IndexOf("Súdwest-Fryslân en ’s-Hertogenbosch vergeleken", StringComparison.Ordinal);
        var paragraph = text.IndexOf(
            "Dit rapport laat zien waar de gemeente Súdwest-Fryslân staat ten opzichte van vergelijkbare gemeenten, zoals ’s-Hertogenbosch,",
            StringComparison.Ordinal);
        var spans = text.IndexOf("Meer over de methode staat op vng.nl/benchmark. De cijfers zijn voorlopig", StringComparison.Ordinal);
        Assert.True(heading >= 0 && paragraph > heading && spans > paragraph, text);
    }

    [Fact]
    public void Every_page_says_pagina_x_van_y_with_the_right_numbers()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        Assert.Equal(3, pdf.NumberOfPages);
        foreach (var page in pdf.GetPages())
        {
            Assert.EndsWith($"pagina {page.Number} van 3", PageText(pdf, page.Number), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_long_table_repeats_its_header_on_every_page_it_spans()
    {
        using var pdf = PdfDocument.Open(Sample.Value);
        var pagesWithRows = pdf.GetPages().Where(p => PageText(pdf, p.Number).Contains("Bouwsteen 1 ", StringComparison.Ordinal)
            || Regex.IsMatch(PageText(pdf, p.Number), @"Bouwsteen \d+ \d")).ToList();

        Assert.True(pagesWithRows.Count >= 2, "The sample table should span pages.");
        foreach (var page in pagesWithRows)
        {
            var text = PageText(pdf, page.Number);
            var header = text.IndexOf("Bouwsteen Niveau Mediaan", StringComparison.Ordinal);
            var firstRow = Regex.Match(text, @"Bouwsteen \d+ \d").Index;
            Assert.True(header >= 0 && header < firstRow, $"page {page.Number}: {text}");
        }

        // Every row is printed exactly once.
        var all = string.Join(' ', pdf.GetPages().Select(p => PageText(pdf, p.Number)));
        Assert.Equal(60, Regex.Count(all, @"Bouwsteen \d+ \d"));
    }

    [Fact]
    public void Fonts_are_embedded_subsets_of_the_shipped_font()
    {
        using var pdf = PdfDocument.Open(Sample.Value);
        var fontNames = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();

        Assert.All(fontNames, name => Assert.Matches(@"^[A-Z]{6}\+SourceSans3-(Regular|Semibold|It)$", name));

        // Skia writes font descriptors as plain dictionaries; each must point at an embedded TrueType program.
        var raw = Encoding.Latin1.GetString(Sample.Value);
        var descriptors = Regex.Count(raw, "/Type /FontDescriptor");
        Assert.True(descriptors >= 3, $"{descriptors} font descriptors");
        Assert.Equal(descriptors, Regex.Count(raw, "/FontFile[23] "));
    }

    [Fact]
    public void Metadata_has_title_author_subject_language_and_the_given_date()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        Assert.Equal(SampleReports.Info.Title, pdf.Information.Title);
        Assert.Equal("VNG Realisatie", pdf.Information.Author);
        Assert.Equal("Rapport voor de gemeenteraad", pdf.Information.Subject);
        Assert.StartsWith("D:20260301110000", pdf.Information.CreationDate, StringComparison.Ordinal);
        Assert.True(pdf.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out StringToken language));
        Assert.Equal("nl", language.Data);
    }

    [Fact]
    public void The_same_input_twice_gives_identical_bytes()
    {
        var again = SampleReports.ThreePages(Theme).ToBytes();

        Assert.Equal(Sample.Value, again);
    }

    [Fact]
    public void A_charts_title_is_in_the_text_once()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        // ScottPlot draws a new plot twice; ChartBlock must keep only one of them in the PDF.
        Assert.Single(Regex.Matches(PageText(pdf, 1), SampleReports.ChartTitle));
    }

    [Fact]
    public void A_link_is_clickable()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        Assert.Contains(pdf.GetPage(1).GetHyperlinks(), link => link.Uri == "https://vng.nl/benchmark");
    }

    [Fact]
    public void A_three_page_sample_stays_under_its_size_bound()
    {
        Assert.True(Sample.Value.Length < ThreePageSampleBound, $"{Sample.Value.Length} bytes");
    }

    [Fact]
    public void A_keep_together_block_that_does_not_fit_moves_to_the_next_page()
    {
        // 25 short paragraphs leave room for the first line below them, not for the chart after it.
        var report = new PdfReport(Theme, SampleReports.Info);
        for (var i = 0; i < 25; i++)
        {
            report.Add(new Paragraph($"Vulregel {i}."));
        }

        report.Add(new KeepTogether(new Paragraph("Samen houden"), new ChartBlock(SampleReports.DomainChart(), 200)));
        using var pdf = PdfDocument.Open(report.ToBytes());

        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Contains("Vulregel 24.", PageText(pdf, 1), StringComparison.Ordinal);
        Assert.DoesNotContain("Samen houden", PageText(pdf, 1), StringComparison.Ordinal);
        Assert.Contains("Samen houden", PageText(pdf, 2), StringComparison.Ordinal);
        Assert.Contains(SampleReports.ChartTitle, PageText(pdf, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_font_folder_fails_instead_of_falling_back_to_system_fonts()
    {
        Assert.Throws<FileNotFoundException>(() => ReportTheme.Load(Path.Combine(Path.GetTempPath(), "no-fonts-here")));
    }
}
