using System.Globalization;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Text;

namespace Benchmark.Core.Reports;

/// <summary>Builds the national report for analysts from the stored national view.</summary>
public static class NationalReportBuilder
{
    public static NationalReport Build(MaturityModel model, NationalView view, DateOnly dataDate, Language language)
    {
        var t = new Words(language);
        var labels = new ReportLabels(
            t.Say($"Landelijk beeld digitale volwassenheid {view.Cycle}", $"National picture of digital maturity {view.Cycle}"),
            t.Say("Benchmark e-overheid: alle gemeenten", "E-government benchmark: all municipalities"),
            t.Say("Benchmark digitale volwassenheid gemeenten", "Municipal digital maturity benchmark"),
            t.Say("Niveaus, spreiding, koplopers en respons per grootteklasse en provincie.", "Levels, spread, leaders and response by size class and province."),
            t.Say($"Gegevens van {Dates.Long(dataDate, language)}", $"Data as of {Dates.Long(dataDate, language)}"),
            t.Say("Inhoud", "Contents"),
            t.Say("Niveaus per grootteklasse", "Levels by size class"),
            t.Say("Gemiddeld bereikt niveau per bouwsteen en grootteklasse; lege cellen: minder dan 5 gemeenten.", "Mean level reached per building block and size class; empty cells: fewer than 5 municipalities."),
            t.Say("Spreiding per bouwsteen", "Spread per building block"),
            t.Say("Per onderdeel de scores van alle meetellende gemeenten: snorharen van laagste tot hoogste score, de doos van 25 % tot 75 %, de streep is de mediaan.", "Per domain the scores of all counted municipalities: whiskers from lowest to highest, the box from the 25th to the 75th percentile, the line is the median."),
            t.Say("Koplopers per bouwsteen", "Leaders per building block"),
            t.Say("Gemeenten met minstens niveau 4 bij de beste 10 %; alleen met toestemming bij naam.", "Municipalities at level 4 or more among the best 10 %; named only with consent."),
            t.Say("Zo doen zij het", "How they do it"),
            t.Say("Contact", "Contact"),
            t.Say("Verantwoording", "Methodology"),
            t.Say("Gegevens bij de grafiek", "Data behind the chart"),
            t.Say("pagina", "page"),
            t.Say("van", "of"));

        var blocks = model.Blocks;
        var rows = view.AdoptionBySizeClass.Select(r => SizeLabel(r.Label, t)).ToList();
        var values = view.AdoptionBySizeClass.Select(r => (IReadOnlyList<decimal?>)blocks.Select(b => r.Blocks.GetValueOrDefault(b.Id)?.MeanLevel).ToList()).ToList();
        var heatTable = new DataTable(
            t.Say("Gemiddeld niveau per grootteklasse en bouwsteen", "Mean level by size class and building block"),
            [t.Say("Bouwsteen", "Building block"), .. rows],
            blocks.Select((b, bi) => (IReadOnlyList<string>)[b.Name.In(language), .. values.Select(v => v[bi] is { } x ? Figures.ReportScore(x, language) : "–")]).ToList());
        var heat = new HeatMap(
            new ChartText(
                t.Say("Gemiddeld niveau per bouwsteen en grootteklasse", "Mean level by building block and size class"),
                t.Say($"Heatmap van {blocks.Count} bouwstenen bij {rows.Count} grootteklassen; donkerder is een hoger gemiddeld niveau (1 tot 5).", $"Heat map of {blocks.Count} building blocks across {rows.Count} size classes; darker is a higher mean level (1 to 5)."),
                heatTable),
            rows,
            blocks.Select(b => b.Name.In(language)).ToList(),
            values);

        var boxes = model.Domains.Select(d =>
        {
            var items = model.BlocksIn(d.Id).Select(b =>
            {
                var s = view.BlockDistributions.GetValueOrDefault(b.Id);
                var x = s?.Distribution;
                return new BoxPlotItem(b.Name.In(language), s?.N ?? 0, x?.Min, x?.P25, x?.Median, x?.P75, x?.Max);
            }).ToList();
            var table = new DataTable(
                t.Say($"Spreiding van de scores: {d.Name.In(language)}", $"Spread of scores: {d.Name.In(language)}"),
                [t.Say("Bouwsteen", "Building block"), "n", t.Say("Laagste", "Lowest"), "P25", t.Say("Mediaan", "Median"), "P75", t.Say("Hoogste", "Highest")],
                items.Select(i => (IReadOnlyList<string>)[i.Label, i.N.ToString(CultureInfo.InvariantCulture), F(i.Min), F(i.P25), F(i.Median), F(i.P75), F(i.Max)]).ToList());
            return new BoxPlotChart(
                new ChartText(
                    d.Name.In(language) + t.Say(": spreiding per bouwsteen", ": spread per building block"),
                    t.Say($"Boxplots van de scores (1 tot 5) van {items.Count} bouwstenen van {d.Name.In(language)} over alle meetellende gemeenten.", $"Box plots of the scores (1 to 5) of {items.Count} building blocks of {d.Name.In(language)} across all counted municipalities."),
                    table),
                items);
        }).ToList();

        var leaders = new DataTable(
            t.Say("Koplopers per bouwsteen", "Leaders per building block"),
            [t.Say("Bouwsteen", "Building block"), t.Say("Koplopers (met toestemming)", "Leaders (with consent)"), t.Say("Niet genoemd", "Not named")],
            blocks.Select(b =>
            {
                var list = view.LeadersByBlock.GetValueOrDefault(b.Id) ?? [];
                var named = list.Where(l => l.IsNamed).Select(l => $"{l.Name ?? l.Municipality} ({Figures.ReportScore(l.Score, language)})").ToList();
                return (IReadOnlyList<string>)[b.Name.In(language), named.Count == 0 ? "–" : string.Join(", ", named), list.Count(l => !l.IsNamed).ToString(CultureInfo.InvariantCulture)];
            }).ToList());

        return new NationalReport(
            language,
            view.Cycle,
            dataDate,
            labels,
            [
                t.Say(
                    $"Dit rapport geeft het landelijke beeld van meting {view.Cycle}: hoe ver gemeenten zijn per bouwsteen, hoe groot de verschillen zijn, wie voorop loopt en hoeveel gemeenten meededen.",
                    $"This report gives the national picture of cycle {view.Cycle}: how far municipalities are per building block, how large the differences are, who leads and how many municipalities took part."),
                t.Say("Het is bedoeld voor analisten en bevat volledige statistieken; groepen van minder dan 5 gemeenten blijven ook hier leeg.", "It is meant for analysts and has full statistics; groups of fewer than 5 municipalities stay empty here too."),
            ],
            heat,
            boxes,
            labels.LearnFromHeading,
            leaders,
            ResponseChart(view.ResponseBySizeClass.Select(r => r with { Label = SizeLabel(r.Label, t) }).ToList(), t.Say("Respons per grootteklasse", "Response by size class"), t),
            ResponseTable(view.ResponseBySizeClass.Select(r => r with { Label = SizeLabel(r.Label, t) }).ToList(), t.Say("Respons en volledigheid per grootteklasse", "Response and completeness by size class"), t),
            ResponseChart(view.ResponseByProvince.Select(r => r with { Label = ProvinceLabel(r.Label, t) }).ToList(), t.Say("Respons per provincie", "Response by province"), t),
            ResponseTable(view.ResponseByProvince.Select(r => r with { Label = ProvinceLabel(r.Label, t) }).ToList(), t.Say("Respons en volledigheid per provincie", "Response and completeness by province"), t),
            [
                new(t.Say("Verantwoording", "Methodology"), [
                    t.Say("Per bouwsteen kiest een gemeente een niveau van 1 tot 5; voorwaarden per niveau worden gecontroleerd. De score is het bereikte niveau plus een deel van 0 tot 0,99 voor de overige antwoorden in de bouwsteen (hun gewogen gemiddelde). Cijfers zijn naar beneden afgerond, zodat 4,99 als 4,9 verschijnt en nooit als een hoger niveau. Mediaan en kwartielen zijn berekend zoals PERCENTILE.INC in een spreadsheet. Koplopers halen minstens niveau 4 en horen bij de beste 10 % voor die bouwsteen.", "For each building block a municipality chooses a level from 1 to 5; conditions for each level are checked. The score is the level reached plus a part from 0 to 0.99 for the block's other answers (their weighted mean). Figures are rounded down, so 4.99 shows as 4.9 and never as a higher level. Median and quartiles are computed as PERCENTILE.INC in a spreadsheet. Leaders reach at least level 4 and are among the best 10 % for that building block."),
                    t.Say("Respons telt ingediende en goedgekeurde inzendingen; volledigheid is het gemiddelde daarvan, alleen voor groepen van 5 of meer gemeenten.", "Response counts submitted and approved submissions; completeness is their mean, only for groups of 5 or more municipalities."),
                ]),
            ]);

        string F(decimal? value) => value is { } v ? Figures.Score(v, language) : "–";
    }

    private static string SizeLabel(string label, Words t) =>
        t.Language == Language.English ? label.Replace("Grootteklasse", "Size class", StringComparison.Ordinal).Replace("inwoners", "inhabitants", StringComparison.Ordinal) : label;

    private static string ProvinceLabel(string label, Words t) =>
        label.Replace("Provincie ", string.Empty, StringComparison.Ordinal);

    private static ResponseChart ResponseChart(List<ResponseRow> rows, string title, Words t) => new(
        new ChartText(
            title,
            t.Language == Language.English
                ? $"Bar chart of the share of municipalities that submitted, per group ({rows.Count} groups)."
                : $"Staafdiagram van het aandeel gemeenten dat heeft ingediend, per groep ({rows.Count} groepen).",
            ResponseTable(rows, title, t)),
        rows.Select(r => r.Label).ToList(),
        rows.Select(r => Figures.Down(r.ResponseRate, 1)).ToList());

    private static DataTable ResponseTable(List<ResponseRow> rows, string caption, Words t) => new(
        caption,
        [t.Say("Groep", "Group"), t.Say("Gemeenten", "Municipalities"), t.Say("Ingediend", "Submitted"), t.Say("Goedgekeurd", "Approved"), t.Say("Respons", "Response"), t.Say("Volledigheid", "Completeness")],
        rows.Select(r => (IReadOnlyList<string>)[
            r.Label,
            r.Municipalities.ToString(CultureInfo.InvariantCulture),
            r.Responded.ToString(CultureInfo.InvariantCulture),
            r.Approved.ToString(CultureInfo.InvariantCulture),
            Figures.Percent(r.ResponseRate, t.Language) + " %",
            r.MeanCompleteness is { } c ? Figures.Percent(c, t.Language) + " %" : "–"]).ToList());
}
