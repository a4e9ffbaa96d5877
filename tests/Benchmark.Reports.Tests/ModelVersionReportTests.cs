using Benchmark.Core.Demo;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;

namespace Benchmark.Reports.Tests;

/// <summary>
/// Issue 15: a demo round on the 2027 questionnaire (the new model) produces full council and national reports, which
/// say that the model was renewed instead of showing a change since 2026, and name what the model rests on.
/// </summary>
public sealed class ModelVersionReportTests
{
    private const int Cycle = 2027;
    private static readonly DateOnly DataDate = new(2027, 11, 20);
    private static readonly Lazy<OfflineReports> Offline = new(() => new OfflineReports(DemoGenerator.Generate(DemoReports.Catalog, 1, [2026, Cycle]), DemoReports.Catalog, Cycle));

    [Fact]
    public void ACouncilReportOfA2027RoundCoversEveryDomainOfTheNewModelSaysTheModelWasRenewedAndNamesItsLaws()
    {
        var model = DemoReports.Catalog.ModelForCycle(Cycle);
        var code = Offline.Value.Municipalities.First(c => Offline.Value.CouncilInput(c, DataDate).IndexTrend.Any(p => p.Cycle == 2026));
        var report = CouncilReportBuilder.Build(Offline.Value.CouncilInput(code, DataDate), Language.Dutch);
        var text = PdfText.Normalise(PdfText.Read(RenderedReports.Renderer.CouncilPdf(report)).All);

        Assert.Equal(model.Domains.Select(d => d.Id), report.Domains.Select(d => d.DomainId));
        Assert.All(model.Domains, d => Assert.Contains(d.Name.Nl, text, StringComparison.Ordinal));
        Assert.Contains($"In {Cycle} is het volwassenheidsmodel vernieuwd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("punten hoger", report.Summary.Change, StringComparison.Ordinal);
        Assert.DoesNotContain("punten lager", report.Summary.Change, StringComparison.Ordinal);
        Assert.Contains("gemeten met het vorige model; niet te vergelijken", string.Join(" ", report.Trend.Text.Data.Rows.SelectMany(r => r)), StringComparison.Ordinal);
        Assert.Contains("Waarop het model rust", text, StringComparison.Ordinal);
        Assert.Contains("Wet modernisering elektronisch bestuurlijk verkeer", text, StringComparison.Ordinal);
        Assert.Contains("Omgevingswet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNationalReportOfA2027RoundShowsEveryBlockOfTheNewModelOnOneHeatMapPage()
    {
        var model = DemoReports.Catalog.ModelForCycle(Cycle);
        var report = NationalReportBuilder.Build(model, Offline.Value.National(), DataDate, Language.Dutch);
        var pages = PdfText.Read(RenderedReports.Renderer.NationalPdf(report)).Pages.Select(PdfText.Normalise).ToList();

        Assert.Equal(model.Blocks.Count, report.Levels.Columns.Count);
        var heatMapPage = pages.FindIndex(p => p.Contains("Gemiddeld niveau per bouwsteen en grootteklasse", StringComparison.Ordinal));
        Assert.True(heatMapPage >= 0);
        Assert.All(model.Blocks, b => Assert.Contains(b.Name.Nl, pages[heatMapPage], StringComparison.Ordinal));
    }
}
