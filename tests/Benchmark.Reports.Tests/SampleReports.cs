using Benchmark.Reports.Layout;
using ScottPlot;

namespace Benchmark.Reports.Tests;

/// <summary>Reports built from fixed content, the way the council report will use the layout layer.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset DataDate = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1));

    public static readonly ReportInfo Info = new(
        "Benchmark e-overheid 2026: Súdwest-Fryslân",
        "VNG Realisatie",
        "Rapport voor de gemeenteraad",
        DataDate);

    public const string ChartTitle = "Volwassenheid per domein";

    /// <summary>About three pages: headings, paragraphs, a link, a chart kept with its caption and a long table.</summary>
    public static PdfReport ThreePages(ReportTheme theme)
    {
        var report = new PdfReport(theme, Info)
            .Add(new Heading("Súdwest-Fryslân en ’s-Hertogenbosch vergeleken", 1))
            .Add(new Paragraph(
                "Dit rapport laat zien waar de gemeente Súdwest-Fryslân staat ten opzichte van vergelijkbare gemeenten, " +
                "zoals ’s-Hertogenbosch, en van wie zij kan leren. De scores komen uit de zelfevaluatie van dit jaar."))
            .Add(new Paragraph([
                new Span("Meer over de methode staat op "),
                new Span("vng.nl/benchmark", Link: new Uri("https://vng.nl/benchmark")),
                new Span(". De cijfers zijn "),
                new Span("voorlopig", FontFace.Italic),
                new Span(" tot de analisten ze hebben "),
                new Span("goedgekeurd.", FontFace.Semibold),
            ]))
            .Add(new KeepTogether(
                new Heading("Scores per domein", 2),
                new ChartBlock(DomainChart(), 220),
                new Paragraph([new Span("Mediaan van de vergelijkingsgroep: grijze balken.", FontFace.Italic)])))
            .Add(new Heading("Bouwstenen", 2))
            .Add(new Table(
                [new TableColumn("Bouwsteen", 3), new TableColumn("Niveau", 1, CellAlignment.Right), new TableColumn("Mediaan", 1, CellAlignment.Right)],
                Enumerable.Range(1, 60).Select(i => (IReadOnlyList<string>)[$"Bouwsteen {i}", $"{1 + (i % 5)}", $"{1 + ((i + 2) % 5)},5"]).ToList()));

        for (var i = 1; i <= 3; i++)
        {
            report.Add(new Heading($"Toelichting {i}", 3))
                .Add(new Paragraph(string.Join(' ', Enumerable.Repeat("Een zin die wordt afgebroken waar de regel vol is.", 8))));
        }

        return report;
    }

    public static Plot DomainChart()
    {
        var plot = new Plot();
        string[] domains = ["Dienstverlening", "Basisregistraties", "Common Ground", "Informatieveiligheid", "Sturing"];
        double[] scores = [3.2, 2.8, 2.1, 3.6, 2.9];
        var bars = plot.Add.Bars(scores);
        bars.Color = Color.FromHex("#0072B2");
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, domains.Length).Select(i => (double)i).ToArray(), domains);
        plot.Axes.Margins(bottom: 0);
        plot.Title(ChartTitle);
        plot.YLabel("Niveau (1–5)");
        return plot;
    }
}
