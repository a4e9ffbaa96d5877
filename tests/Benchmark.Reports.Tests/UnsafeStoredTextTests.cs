using System.Xml;
using System.Xml.Linq;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;
using Benchmark.Reports.Html;

namespace Benchmark.Reports.Tests;

/// <summary>
/// Text stored before control and bidirectional characters were refused (names, practice notes, contacts) still makes
/// reports that are whole: the characters are shown as U+FFFD, never written raw.
/// </summary>
public sealed class UnsafeStoredTextTests
{
    /// <summary>NUL, an ANSI colour sequence, a right-to-left override, a lone surrogate and a noncharacter.</summary>
    private const string Hostile = "Zaak\0systeem \u001B[31mrood\u001B[0m \u202Eesrever\u202C \uD800 \uFFFF.";

    private static readonly Lazy<CouncilReport> Report = new(() => WithHostileText(DemoReports.Council(DemoReports.TypicalMunicipality)));

    [Fact]
    public void ACouncilPageWithControlCharactersInStoredTextIsStillWellFormedAndShowsThemAsReplacementCharacters()
    {
        var html = RenderedReports.Renderer.CouncilHtml(Report.Value);

        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var text = XDocument.Load(reader).Root!.Value;
        Assert.Null(UnsafeText.Find(html));
        Assert.Contains(Report.Value.Labels.PracticeNoteLabel + ": " + UnsafeText.Neutralise(Hostile), text, StringComparison.Ordinal);
        Assert.Contains(Report.Value.Labels.ContactLabel + ": " + UnsafeText.Neutralise(Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Zaak\uFFFDsysteem \uFFFD[31mrood", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACouncilPdfWithControlCharactersInStoredTextKeepsEveryLineAndShowsThemAsWhiteSquares()
    {
        var pdf = RenderedReports.Renderer.CouncilPdf(Report.Value);

        var text = PdfText.Read(pdf).All;
        Assert.Contains("esrever", text, StringComparison.Ordinal);
        Assert.Null(UnsafeText.Find(text));
        Assert.Contains("Zaak\u25A1systeem", text, StringComparison.Ordinal);
    }

    private static CouncilReport WithHostileText(CouncilReport report)
    {
        var first = report.LearnFrom.First(item => item.Leaders.Count > 0);
        var leaders = first.Leaders.Select((leader, i) => i == 0 ? leader with { Name = Hostile, PracticeNote = Hostile, ContactRole = Hostile } : leader).ToList();
        return report with
        {
            Municipality = report.Municipality with { Name = Hostile },
            PeerGroup = report.PeerGroup with { Label = Hostile },
            LearnFrom = report.LearnFrom.Select(item => item == first ? item with { Leaders = leaders } : item).ToList(),
        };
    }
}
