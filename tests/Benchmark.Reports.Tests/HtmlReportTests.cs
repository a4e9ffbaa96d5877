using System.Xml;
using System.Xml.Linq;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Html;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Tests;

/// <summary>The HTML reports' content and structure, read as XML (the pages are well-formed), without a browser.</summary>
public sealed class HtmlReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly Lazy<CouncilReport> Dutch = new(() => DemoReports.Council(DemoReports.TypicalMunicipality));
    private static readonly Lazy<CouncilReport> English = new(() => DemoReports.Council(DemoReports.TypicalMunicipality, Language.English));
    private static readonly Lazy<CouncilReport> Small = new(() => DemoReports.Council(DemoReports.SmallGroupMunicipality));
    private static readonly Lazy<NationalReport> National = new(() => DemoReports.National());

    public static TheoryData<string> CouncilReports => ["nl", "en", "small"];

    [Theory]
    [MemberData(nameof(CouncilReports))]
    public void TheCouncilPageIsOneSelfContainedDocumentInTheReportsLanguage(string which)
    {
        var report = Council(which);
        var html = RenderedReports.Renderer.CouncilHtml(report);
        var document = Parse(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(report.LanguageCode, document.Root!.Attribute("lang")?.Value);
        Assert.Equal(report.Labels.DocumentTitle, Elements(document, "title").Single().Value);
        Assert.Equal(report.Labels.DocumentTitle, Elements(document, "h1").Single().Value);
        Assert.Single(Elements(document, "main"));
        Assert.Single(Elements(document, "nav"));
        AssertSelfContained(html, document);
    }

    [Fact]
    public void TheCouncilPageShowsTheMunicipalityAndItsIndexAsPrinted()
    {
        var report = Dutch.Value;
        var document = Parse(RenderedReports.Renderer.CouncilHtml(report));

        Assert.Contains(report.Municipality.Name, Elements(document, "header").Single().Value, StringComparison.Ordinal);
        Assert.Equal(report.Summary.IndexText, Elements(document, "span").Single(e => Class(e) == "index-value").Value);
        foreach (var paragraph in report.Summary.Paragraphs.Append(report.Summary.Change))
        {
            Assert.Contains(Elements(document, "p"), p => p.Value == paragraph);
        }

        foreach (var highlight in report.Summary.Strengths.Concat(report.Summary.Gaps))
        {
            Assert.Contains(Elements(document, "li"), li => li.Value == highlight.Sentence);
        }
    }

    [Theory]
    [MemberData(nameof(CouncilReports))]
    public void EveryCouncilChartHasAVisibleTitleItsDescriptionAndADataTable(string which)
    {
        var report = Council(which);
        var document = Parse(RenderedReports.Renderer.CouncilHtml(report));
        ChartText[] charts = [report.Radar.Text, report.Distribution.Text, report.Trend.Text, .. report.Domains.Select(d => d.Chart.Text)];

        Assert.Equal(charts.Length, document.Descendants(Svg + "svg").Count(s => s.Attribute("role")?.Value == "img"));
        foreach (var chart in charts)
        {
            AssertChart(document, chart, chart.Data);
        }
    }

    [Fact]
    public void EveryNationalChartHasAVisibleTitleItsDescriptionAndItsDataAsATable()
    {
        var report = National.Value;
        var html = RenderedReports.Renderer.NationalHtml(report);
        var document = Parse(html);

        Assert.Equal("nl", document.Root!.Attribute("lang")?.Value);
        Assert.Single(Elements(document, "h1"));
        AssertSelfContained(html, document);
        AssertChart(document, report.Levels.Text, report.Levels.Text.Data);
        foreach (var box in report.BoxPlots)
        {
            AssertChart(document, box.Text, box.Text.Data);
        }

        AssertChart(document, report.ResponseBySizeClass.Text, report.ResponseBySizeClassTable);
        AssertChart(document, report.ResponseByProvince.Text, report.ResponseByProvinceTable);
        AssertTable(document, report.Leaders);
        foreach (var paragraph in report.Intro)
        {
            Assert.Contains(Elements(document, "p"), p => p.Value == paragraph);
        }
    }

    [Fact]
    public void TheLearnFromSectionNamesTheLeadersWithTheirPracticeNotesAndContacts()
    {
        var report = Dutch.Value;
        var text = Parse(RenderedReports.Renderer.CouncilHtml(report)).Root!.Value;
        var leaders = report.LearnFrom.SelectMany(l => l.Leaders).ToList();

        Assert.NotEmpty(leaders);
        foreach (var leader in leaders)
        {
            Assert.Contains(leader.Name, text, StringComparison.Ordinal);
            if (leader.PracticeNote is { } note)
            {
                Assert.Contains(report.Labels.PracticeNoteLabel + ": " + note, text, StringComparison.Ordinal);
            }

            if (leader.ContactRole is { } role)
            {
                Assert.Contains(report.Labels.ContactLabel + ": " + role, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void TheSmallGroupPageExplainsWhyItsGroupShowsNoFigures()
    {
        var report = Small.Value;
        var document = Parse(RenderedReports.Renderer.CouncilHtml(report));

        Assert.NotNull(report.PeerGroup.WithheldNote);
        Assert.Contains(Elements(document, "p"), p => p.Value == report.PeerGroup.WithheldNote);
    }

    [Fact]
    public void TheCompletenessAndMethodologySectionsAreThere()
    {
        var report = Dutch.Value;
        var document = Parse(RenderedReports.Renderer.CouncilHtml(report));
        var headings = Elements(document, "h2").Concat(Elements(document, "h3")).Select(h => h.Value).ToList();

        Assert.Contains(report.Completeness.Heading, headings);
        Assert.Contains(report.Labels.MethodologyHeading, headings);
        Assert.All(report.Methodology, section => Assert.Contains(section.Heading, headings));
        Assert.Contains(Elements(document, "p"), p => p.Value == report.Completeness.Sentence);
        Assert.All(report.Completeness.OpenFlags, flag => Assert.Contains(Elements(document, "li"), li => li.Value == flag));
    }

    [Fact]
    public void HeadingsNeverSkipALevel()
    {
        string[] pages =
        [
            RenderedReports.Renderer.CouncilHtml(Dutch.Value), RenderedReports.Renderer.CouncilHtml(English.Value), RenderedReports.Renderer.CouncilHtml(Small.Value),
            RenderedReports.Renderer.NationalHtml(National.Value),
        ];
        foreach (var html in pages)
        {
            var levels = Parse(html).Descendants().Where(e => e.Name.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                .Select(e => e.Name.LocalName[1] - '0').ToList();
            Assert.Equal(1, levels[0]);
            for (var i = 1; i < levels.Count; i++)
            {
                Assert.True(levels[i] <= levels[i - 1] + 1, $"heading {i + 1} is an h{levels[i]} after an h{levels[i - 1]}");
            }
        }
    }

    [Fact]
    public void EveryIdIsUniqueAndEveryReferenceFindsItsTarget()
    {
        foreach (var html in new[] { RenderedReports.Renderer.CouncilHtml(Dutch.Value), RenderedReports.Renderer.NationalHtml(National.Value) })
        {
            var document = Parse(html);
            var ids = document.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

            var references = document.Descendants().SelectMany(e =>
                (e.Attribute("aria-labelledby")?.Value.Split(' ') ?? [])
                .Concat(e.Attribute("href")?.Value is { } href && href.StartsWith('#') ? [href[1..]] : []));
            Assert.All(references, r => Assert.Contains(r, ids));
        }
    }

    [Fact]
    public void NamesWithAmpersandsQuotesAndAngleBracketsAreEscaped()
    {
        const string name = "’s-Hertogenbosch & \"Zoet\" <Water>";
        var report = Dutch.Value with
        {
            Municipality = Dutch.Value.Municipality with { Name = name },
            Labels = Dutch.Value.Labels with { DocumentTitle = "Rapport " + name },
            Radar = Dutch.Value.Radar with { OwnLabel = name },
        };

        var html = RenderedReports.Renderer.CouncilHtml(report);
        var document = Parse(html);

        Assert.DoesNotContain("<Water>", html, StringComparison.Ordinal);
        Assert.Contains("’s-Hertogenbosch &amp; &quot;Zoet&quot; &lt;Water&gt;", html, StringComparison.Ordinal);
        Assert.Equal("Rapport " + name, Elements(document, "title").Single().Value);
        Assert.Contains(Elements(document, "li"), li => li.Value.Trim() == name);
    }

    [Fact]
    public void TheSamePageComesOutOfTheSameModel()
    {
        Assert.Equal(RenderedReports.Renderer.CouncilHtml(Dutch.Value), RenderedReports.Renderer.CouncilHtml(DemoReports.Council(DemoReports.TypicalMunicipality)));
        Assert.Equal(RenderedReports.Renderer.NationalHtml(National.Value), RenderedReports.Renderer.NationalHtml(DemoReports.National()));
    }

    [Fact]
    public void NumbersInDutchChartsHaveADecimalCommaAndInEnglishChartsADecimalPoint()
    {
        static List<string> ChartNumbers(string html) => Parse(html).Descendants(Svg + "text")
            .Select(t => t.Value).Where(v => v.Any(char.IsAsciiDigit) && (v.Contains(',', StringComparison.Ordinal) || v.Contains('.', StringComparison.Ordinal))).ToList();

        var dutch = ChartNumbers(RenderedReports.Renderer.CouncilHtml(Dutch.Value));
        var english = ChartNumbers(RenderedReports.Renderer.CouncilHtml(English.Value));

        var score = Dutch.Value.Domains.SelectMany(d => d.Chart.Bars).First(b => b.Score is not null).Score!.Value;
        Assert.Contains(Numbers.Format(score, 1, Language.Dutch), dutch);
        Assert.Contains(Numbers.Format(score, 1, Language.English), english);
        Assert.DoesNotContain(dutch, v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d+\.\d+$"));
        Assert.DoesNotContain(english, v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d+,\d+$"));
    }

    [Fact]
    public void ThePaletteMeetsWcagContrast()
    {
        var p = new HtmlPalette(ReportTheme.Load());

        Assert.All(new[] { p.Text, p.Muted, p.Accent }, c => Assert.True(HtmlPalette.Contrast(c, p.Background) >= 4.5, $"text colour {c}"));
        Assert.All(new[] { p.Text, p.Muted }, c => Assert.True(HtmlPalette.Contrast(c, p.TableHeader) >= 4.5 && HtmlPalette.Contrast(c, p.Stripe) >= 4.5, $"table text colour {c}"));
        Assert.All(new[] { p.Own, p.Peer, p.BandEdge }, c => Assert.True(HtmlPalette.Contrast(c, p.Background) >= 3, $"chart colour {c}"));
        Assert.True(HtmlPalette.Contrast(p.Own, p.Band) >= 3, "a bar against the peers' band");
        for (var i = 0; i < p.HeatSteps.Count; i++)
        {
            Assert.True(HtmlPalette.Contrast(p.HeatText[i], p.HeatSteps[i]) >= 4.5, $"heat-map text on step {i + 1}");
        }
    }

    private static CouncilReport Council(string which) => which switch
    {
        "nl" => Dutch.Value,
        "en" => English.Value,
        _ => Small.Value,
    };

    private static void AssertSelfContained(string html, XDocument document)
    {
        Assert.Empty(Elements(document, "script"));
        Assert.Empty(Elements(document, "link"));
        Assert.Empty(Elements(document, "img"));
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.All(
            document.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "href" or "src"),
            a => Assert.StartsWith("#", a.Value, StringComparison.Ordinal));
    }

    /// <summary>A chart: a heading with its title that the SVG is named by, together with its visible description,
    /// and a table with its data.</summary>
    private static void AssertChart(XDocument document, ChartText chart, DataTable data)
    {
        var heading = document.Descendants().Single(e => e.Name.LocalName is "h2" or "h3" or "h4" && e.Value == chart.Title);
        var description = Elements(document, "p").Single(p => p.Value == chart.Description);
        var svg = heading.Parent!.Descendants(Svg + "svg").Single(s => s.Attribute("role")?.Value == "img");
        Assert.Equal($"{heading.Attribute("id")!.Value} {description.Attribute("id")!.Value}", svg.Attribute("aria-labelledby")?.Value);
        Assert.Contains(heading.Parent!.Descendants(), e => e.Name.LocalName == "table" && Elements(e, "caption").Single().Value == data.Caption);
        AssertTable(document, data);
    }

    private static void AssertTable(XDocument document, DataTable data)
    {
        var table = Elements(document, "table").First(t => Elements(t, "caption").Single().Value == data.Caption && Rows(t).Count == data.Rows.Count);
        var headers = Elements(table, "thead").Single().Descendants().Where(e => e.Name.LocalName == "th").ToList();
        Assert.Equal(data.Headers, headers.Select(h => h.Value));
        Assert.All(headers, h => Assert.Equal("col", h.Attribute("scope")?.Value));
        var rows = Rows(table);
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var cells = rows[i].Elements().ToList();
            Assert.Equal(data.Rows[i], cells.Select(c => c.Value));
            Assert.Equal("th", cells[0].Name.LocalName);
            Assert.Equal("row", cells[0].Attribute("scope")?.Value);
        }
    }

    private static List<XElement> Rows(XElement table) => Elements(table, "tbody").Single().Elements().ToList();

    private static IEnumerable<XElement> Elements(XContainer container, string name) => container.Descendants().Where(e => e.Name.LocalName == name);

    private static string? Class(XElement element) => element.Attribute("class")?.Value;

    /// <summary>Reads the page as XML; it fails when the markup is not well-formed.</summary>
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
