using System.Globalization;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Text;

namespace Benchmark.Core.Reports;

/// <summary>
/// Builds the national report from the stored national view. The report goes to every council, so it is a public output:
/// every group figure in it passes <see cref="Disclosure"/> (rounded means from 5 values, quartiles from 10, P10 and P90
/// from 20, never a minimum or maximum, anonymous leaders counted only from 20). Rules: docs/benchmarking.md, "Who sees what".
/// </summary>
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
            t.Say("Per onderdeel de scores van alle meetellende gemeenten: snorharen van 10 % tot 90 %, de doos van 25 % tot 75 %, de streep is de mediaan. Laagste en hoogste score staan er niet in: dat is altijd de score van één gemeente.", "Per domain the scores of all counted municipalities: whiskers from the 10th to the 90th percentile, the box from the 25th to the 75th percentile, the line is the median. Lowest and highest scores are left out: they are always one municipality's score."),
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
        var values = view.AdoptionBySizeClass.Select(r => (IReadOnlyList<decimal?>)blocks.Select(b => r.Blocks.GetValueOrDefault(b.Id) is { } c ? Disclosure.PublishedMean(c.N, c.MeanLevel, isIndex: false) : null).ToList()).ToList();
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
                var s = view.BlockDistributions.GetValueOrDefault(b.Id) is { } statistics ? Disclosure.Publish(statistics, isIndex: false) : null;
                return new BoxPlotItem(b.Name.In(language), s?.N ?? 0, s?.P10, s?.P25, s?.Median, s?.P75, s?.P90);
            }).ToList();
            var table = new DataTable(
                t.Say($"Spreiding van de scores: {d.Name.In(language)}", $"Spread of scores: {d.Name.In(language)}"),
                [t.Say("Bouwsteen", "Building block"), "n", "P10", "P25", t.Say("Mediaan", "Median"), "P75", "P90"],
                items.Select(i => (IReadOnlyList<string>)[i.Label, i.N.ToString(CultureInfo.InvariantCulture), F(i.P10), F(i.P25), F(i.Median), F(i.P75), F(i.P90)]).ToList());
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
                var anonymous = Disclosure.PublishedAnonymousLeaders(view.BlockDistributions.GetValueOrDefault(b.Id)?.N ?? 0, list.Count(l => !l.IsNamed));
                return (IReadOnlyList<string>)[b.Name.In(language), named.Count == 0 ? "–" : string.Join(", ", named), anonymous is { } count ? count.ToString(CultureInfo.InvariantCulture) : "–"];
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
                t.Say($"Het gaat naar elke gemeenteraad en beschermt kleine groepen zoals het raadsrapport: groepen van minder dan {Disclosure.MinimumGroupSize} gemeenten blijven leeg, mediaan en kwartielen vanaf {Disclosure.OrderStatisticsFrom}, 10 % en 90 % vanaf {Disclosure.DecilesFrom}, nooit de laagste of hoogste score.", $"It goes to every council and protects small groups as the council report does: groups of fewer than {Disclosure.MinimumGroupSize} municipalities stay empty, median and quartiles from {Disclosure.OrderStatisticsFrom}, 10th and 90th percentiles from {Disclosure.DecilesFrom}, never the lowest or highest score."),
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
                    t.Say($"Per bouwsteen kiest een gemeente een niveau van 1 tot 5; voorwaarden per niveau worden gecontroleerd. De score is het bereikte niveau plus een deel van 0 tot 0,99 voor de overige antwoorden in de bouwsteen (hun gewogen gemiddelde). Cijfers zijn naar beneden afgerond, zodat 4,99 als 4,9 verschijnt en nooit als een hoger niveau. Mediaan en kwartielen zijn berekend zoals PERCENTILE.INC in een spreadsheet. Koplopers halen minstens niveau 4 en horen bij de beste 10 % voor die bouwsteen; wie geen toestemming gaf, wordt niet genoemd en alleen geteld vanaf {Disclosure.AnonymousLeadersFrom} gemeenten.", $"For each building block a municipality chooses a level from 1 to 5; conditions for each level are checked. The score is the level reached plus a part from 0 to 0.99 for the block's other answers (their weighted mean). Figures are rounded down, so 4.99 shows as 4.9 and never as a higher level. Median and quartiles are computed as PERCENTILE.INC in a spreadsheet. Leaders reach at least level 4 and are among the best 10 % for that building block; those who did not consent are not named and are counted only from {Disclosure.AnonymousLeadersFrom} municipalities."),
                    t.Say("Respons telt ingediende en goedgekeurde inzendingen; volledigheid is het gemiddelde daarvan, alleen voor groepen van 5 of meer gemeenten.", "Response counts submitted and approved submissions; completeness is their mean, only for groups of 5 or more municipalities."),
                ]),
                .. CouncilReportBuilder.Sources(model, t),
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
