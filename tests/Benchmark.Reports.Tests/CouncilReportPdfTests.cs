using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Benchmark.Reports.Tests;

/// <summary>The council report of the demo data read back from the PDF with PdfPig.</summary>
public sealed class CouncilReportPdfTests
{
    /// <summary>The documented range (docs/reports.md) for a typical council report; it measures 10 pages.</summary>
    public const int MinimumPages = 8;
    public const int MaximumPages = 14;

    private static readonly Lazy<PdfText> Typical = new(() => PdfText.Read(RenderedReports.TypicalPdf));
    private static readonly Lazy<PdfText> English = new(() => PdfText.Read(RenderedReports.EnglishPdf));
    private static readonly Lazy<PdfText> Small = new(() => PdfText.Read(RenderedReports.SmallPdf));

    private static CouncilReport Report => RenderedReports.Typical;

    [Fact]
    public void TheCoverNamesTheMunicipalityTheCycleAndTheDataDate()
    {
        var cover = Typical.Value.Pages[0];

        Assert.Contains(Report.Municipality.Name, cover, StringComparison.Ordinal);
        Assert.Contains(Report.Labels.DocumentTitle, cover, StringComparison.Ordinal);
        Assert.Contains(Report.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture), cover, StringComparison.Ordinal);
        Assert.Contains(Report.Labels.DataDateLine, cover, StringComparison.Ordinal);
        Assert.Contains(Report.Labels.CoverLine, cover, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSummaryShowsTheIndexAsPrinted()
    {
        var summary = Report.Summary;
        using var pdf = PdfDocument.Open(RenderedReports.TypicalPdf);
        var number = 1 + Typical.Value.Pages.ToList().FindIndex(p => p.Contains(summary.IndexCaption, StringComparison.Ordinal));
        var page = pdf.GetPage(number);
        var words = page.GetWords().ToList();
        var caption = words.First(w => w.Text == summary.IndexCaption.Split(' ')[0]);

        // The index is printed large, exactly as the model formats it, level with its caption and left of it.
        var index = Assert.Single(words, w => w.Text == summary.IndexText && w.Letters[0].PointSize > 30);
        Assert.Equal(CouncilReportBuilderIndex(), summary.IndexText);
        Assert.True(index.BoundingBox.Right < caption.BoundingBox.Left && caption.BoundingBox.Left - index.BoundingBox.Right < 60, "the index stands right before its caption");
        Assert.True(index.BoundingBox.Bottom < caption.BoundingBox.Top && caption.BoundingBox.Bottom < index.BoundingBox.Top, "the index and its caption are level");

        var text = Typical.Value.Pages[number - 1];
        Assert.Contains($"{summary.Heading} {summary.IndexCaption} {summary.IndexText} {summary.Paragraphs[0]}", text, StringComparison.Ordinal);
        foreach (var paragraph in summary.Paragraphs)
        {
            Assert.Contains(paragraph, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheSummaryFitsOnOnePageWithStrengthsGapsAndChange()
    {
        var summary = Report.Summary;
        var page = Typical.Value.Pages.Single(p => p.Contains(summary.IndexCaption, StringComparison.Ordinal));

        Assert.All(summary.Strengths.Concat(summary.Gaps), h => Assert.Contains(h.Sentence, page, StringComparison.Ordinal));
        Assert.Contains(summary.ChangeHeading, page, StringComparison.Ordinal);
        Assert.Contains(summary.Change, page, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryChartTitleIsTextInThePdf()
    {
        var text = Typical.Value.All;
        var titles = new[] { Report.Radar.Text.Title, Report.Distribution.Text.Title, Report.Trend.Text.Title }
            .Concat(Report.Domains.Select(d => d.Chart.Text.Title));

        Assert.All(titles, title => Assert.Contains(title, text, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDomainHasItsSentenceAndItsBlocks()
    {
        var text = Typical.Value.All;

        Assert.All(Report.Domains, d =>
        {
            Assert.Contains(d.Sentence, text, StringComparison.Ordinal);
            Assert.All(d.Chart.Bars, b => Assert.Contains(b.Label, text, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void TheLearnFromSectionNamesTheLeadersWithTheirPractice()
    {
        var text = Typical.Value.All;
        var leaders = Report.LearnFrom.SelectMany(l => l.Leaders).ToList();

        Assert.NotEmpty(leaders);
        Assert.All(leaders, l =>
        {
            Assert.Contains($"{l.Name} – {l.Standing}", text, StringComparison.Ordinal);
            if (l.PracticeNote is { } note)
            {
                Assert.Contains($"{Report.Labels.PracticeNoteLabel}: {note}", text, StringComparison.Ordinal);
            }

            if (l.ContactRole is { } role)
            {
                Assert.Contains($"{Report.Labels.ContactLabel}: {role}", text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void ThePageCountStaysWithinItsDocumentedRange()
    {
        var pages = Typical.Value.Pages.Count;

        Assert.InRange(pages, MinimumPages, MaximumPages);
    }

    [Fact]
    public void TheContentsGivesThePageOfEachSection()
    {
        var pages = Typical.Value.Pages;
        var summaryPage = 1 + pages.ToList().FindIndex(p => p.StartsWith(Report.Labels.DocumentTitle + " " + Report.Summary.Heading, StringComparison.Ordinal));
        // The methodology may start part-way down a page, after the last section: the first page after the contents that names it.
        var methodologyPage = 1 + pages.ToList().FindIndex(1, p => p.Contains(Report.Labels.MethodologyHeading, StringComparison.Ordinal));

        Assert.Equal(2, summaryPage);
        Assert.True(methodologyPage > summaryPage, "the methodology heading is on no page after the contents");
        Assert.Contains($"{Report.Labels.Contents} {Report.Summary.Heading} {summaryPage} ", pages[0], StringComparison.Ordinal);
        Assert.Contains($"{Report.Labels.MethodologyHeading} {methodologyPage} ", pages[0] + " ", StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFontIsEmbedded()
    {
        PdfText.AssertFontsEmbedded(RenderedReports.TypicalPdf);
    }

    [Fact]
    public void TheMetadataComesFromTheLabelsAndTheDataDate()
    {
        using var pdf = PdfDocument.Open(RenderedReports.TypicalPdf);

        Assert.Equal(Report.Labels.DocumentTitle, pdf.Information.Title);
        Assert.Equal(Report.Labels.Author, pdf.Information.Author);
        Assert.Equal(Report.Labels.Subject, pdf.Information.Subject);
        Assert.StartsWith("D:20261122120000", pdf.Information.CreationDate, StringComparison.Ordinal);
        Assert.True(pdf.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out StringToken language));
        Assert.Equal("nl", language.Data);
    }

    [Fact]
    public void EveryPageButTheCoverHasTheTitleAboveAndPaginaXVanYBelow()
    {
        var pages = Typical.Value.Pages;

        for (var i = 0; i < pages.Count; i++)
        {
            Assert.EndsWith($"{Report.Labels.DataDateLine} pagina {i + 1} van {pages.Count}", pages[i], StringComparison.Ordinal);
            Assert.Equal(i > 0, pages[i].StartsWith(Report.Labels.DocumentTitle, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheEnglishReportSaysPageXOfYAndNeverPagina()
    {
        var english = English.Value;
        var report = RenderedReports.English;

        Assert.EndsWith($"page 1 of {english.Pages.Count}", english.Pages[0], StringComparison.Ordinal);
        Assert.All(english.Pages.Select((p, i) => (p, i)), x => Assert.EndsWith($"page {x.i + 1} of {english.Pages.Count}", x.p, StringComparison.Ordinal));
        Assert.Contains("Summary", english.Pages[1], StringComparison.Ordinal);
        Assert.Equal("Summary", report.Summary.Heading);
        Assert.DoesNotContain("pagina", english.All, StringComparison.OrdinalIgnoreCase);
        using var pdf = PdfDocument.Open(RenderedReports.EnglishPdf);
        Assert.True(pdf.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out StringToken language));
        Assert.Equal("en", language.Data);
    }

    [Fact]
    public void ASmallGroupReportShowsTheWithheldNoteAndComparesWithAllMunicipalities()
    {
        var report = RenderedReports.Small;
        var text = Small.Value.All;

        Assert.Equal("all", report.PeerGroup.Id);
        Assert.NotNull(report.PeerGroup.WithheldNote);
        Assert.Contains(report.PeerGroup.WithheldNote, text, StringComparison.Ordinal);
        Assert.Contains($"(n = {report.PeerGroup.Members})", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallGroupReportPrintsNoneOfTheSmallSizeClassStatistics()
    {
        var report = RenderedReports.Small;
        var input = DemoReports.Input(DemoReports.SmallGroupMunicipality);
        var sizeClass = input.Groups.Single(g => g.Id == PeerGroups.DefaultGroupId(input.Municipality));
        var index = sizeClass.Measures[BenchmarkEngine.Index];
        var label = CouncilReportBuilder.GroupLabel(sizeClass, new Words(Language.Dutch));

        // What the public statistics of the small class hold is withheld at the source…
        Assert.True(index.N < GroupStatistics.MinimumGroupSize);
        Assert.Null(index.Median);

        // …and apart from the note that says so, the PDF neither names the class as a comparison nor gives its n.
        var text = Small.Value.All.Replace(report.PeerGroup.WithheldNote!, " ", StringComparison.Ordinal);
        Assert.DoesNotContain(label, text, StringComparison.Ordinal);
        Assert.DoesNotContain($"n = {index.N})", text, StringComparison.Ordinal);

        // The statistics shown are those of all municipalities.
        var all = input.Groups.Single(g => g.Id == "all").Measures[BenchmarkEngine.Index];
        Assert.Equal(all.Median, report.Distribution.Median);
        Assert.Equal(all.P25, report.Distribution.P25);
    }

    [Fact]
    public void TheCouncilPdfIsByteIdenticalAcrossRenders()
    {
        var again = RenderedReports.Renderer.CouncilPdf(DemoReports.Council(DemoReports.TypicalMunicipality));

        Assert.True(RenderedReports.TypicalPdf.AsSpan().SequenceEqual(again), PdfDifference.Describe(RenderedReports.TypicalPdf, again, "council-determinism"));
    }

    /// <summary>The queue worker renders several reports at once; that must not change a single byte.</summary>
    [Fact]
    public void ConcurrentRendersOfTheSameReportAreByteIdentical()
    {
        var report = DemoReports.Council(DemoReports.TypicalMunicipality);
        var renders = new byte[8][];
        Parallel.For(0, renders.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => renders[i] = RenderedReports.Renderer.CouncilPdf(report));

        var differing = renders.Select((r, i) => (r, i)).Where(x => !x.r.AsSpan().SequenceEqual(RenderedReports.TypicalPdf)).ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} of {renders.Length} concurrent renders differ from the first; " + (differing.Count == 0 ? "" : PdfDifference.Describe(RenderedReports.TypicalPdf, differing[0].r, "council-concurrent")));
    }

    private static string CouncilReportBuilderIndex() =>
        Benchmark.Core.Text.Numbers.Format(DemoReports.Input(DemoReports.TypicalMunicipality).Card.Index!.Value, 0, Language.Dutch);
}
