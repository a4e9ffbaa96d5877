using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Text;

namespace Benchmark.Core.Reports;

/// <summary>
/// Everything a council report is built from. The statistics are the municipality's <see cref="PublicGroup"/>s:
/// the same rounded, small-group-protected figures its staff see in the API, never the analysts' full statistics.
/// </summary>
/// <param name="PeerGroupId">The group to compare with; by default the municipality's size class.</param>
public sealed record CouncilReportInput(
    MaturityModel Model,
    Municipality Municipality,
    ScoreCard Card,
    MunicipalityPosition Position,
    IReadOnlyList<PublicGroup> Groups,
    LearnFromAdvice Advice,
    IReadOnlyList<TrendPoint> IndexTrend,
    IReadOnlyList<PlausibilityFlag> OpenFlags,
    int Cycle,
    DateOnly DataDate,
    string? PeerGroupId = null);

/// <summary>Builds the council report: plain language (B1), short sentences, numbers rounded as shown in the API.</summary>
public static class CouncilReportBuilder
{
    public const int HighlightsShown = 3;

    public static CouncilReport Build(CouncilReportInput input, Language language)
    {
        var t = new Words(language);
        var m = input.Municipality;
        var name = m.EverydayName;
        var chosenId = input.PeerGroupId ?? PeerGroups.DefaultGroupId(m);
        var chosen = input.Groups.FirstOrDefault(g => g.Id == chosenId)
                     ?? throw new ArgumentException($"{m.Code} is not a member of peer group '{chosenId}'.", nameof(input));

        // Small-group protection (Disclosure): the report compares with a group that publishes a middle score; a group too
        // small for one shows nothing, and the report compares with all municipalities instead.
        var chosenIndex = chosen.Measures.GetValueOrDefault(BenchmarkEngine.Index);
        var withheld = chosenIndex?.Median is null;
        var all = input.Groups.FirstOrDefault(g => g.Id == "all");
        var peer = withheld ? (all?.Measures.GetValueOrDefault(BenchmarkEngine.Index)?.Median is null ? null : all) : chosen;
        var peerLabel = peer is null ? null : GroupLabel(peer, t);
        var peerPhrase = PeerPhrase(peer, t);
        var instead = peer is null ? t.Say("Er is daarom geen vergelijking.", "There is therefore no comparison.") : t.Say($"We vergelijken daarom met {GroupLabel(peer, t)}.", $"It compares with {GroupLabel(peer, t)} instead.");
        var withheldNote = !withheld
            ? null
            : (chosenIndex?.N ?? 0) < GroupStatistics.MinimumGroupSize
                ? t.Say(
                    $"Van {GroupLabel(chosen, t)} zijn minder dan {GroupStatistics.MinimumGroupSize} inzendingen goedgekeurd (n = {chosenIndex?.N ?? 0}). Om gemeenten niet herkenbaar te maken, tonen we voor die groep geen cijfers. {instead}",
                    $"Fewer than {GroupStatistics.MinimumGroupSize} submissions of {GroupLabel(chosen, t)} are approved (n = {chosenIndex?.N ?? 0}). So that no municipality can be recognised, this report shows no figures for that group. {instead}")
                : t.Say(
                    $"Van {GroupLabel(chosen, t)} zijn minder dan {Disclosure.OrderStatisticsFrom} inzendingen goedgekeurd (n = {chosenIndex!.N}). Bij zo weinig kan de middelste score die van één gemeente zijn, dus tonen we voor die groep geen cijfers. {instead}",
                    $"Fewer than {Disclosure.OrderStatisticsFrom} submissions of {GroupLabel(chosen, t)} are approved (n = {chosenIndex!.N}). With so few, the middle score could be one municipality's score, so this report shows no figures for that group. {instead}");
        PublicStatistics? Peer(Measure measure) => peer?.Measures.GetValueOrDefault(measure) is { Mean: not null } s ? s : null;

        var bandShown = peer is not null && input.Model.Blocks.Any(b => Peer(Measure.Block(b.Id))?.P25 is not null);
        var learnFromIntro = input.Advice.Gaps.Count > 0
            ? t.Say("Voor de grootste verbeterpunten noemen we gemeenten die het goed doen en die hebben ingestemd met het noemen van hun naam, met hun eigen toelichting.", "For the largest gaps we name municipalities that do well and agreed to be named, with their own description of how.")
            : NoGaps(input.Groups, name, t);
        var labels = Labels(t, name, input.Cycle, input.DataDate, bandShown, peerLabel, peerPhrase, learnFromIntro);
        var index = input.Card.Index;
        var indexStats = Peer(BenchmarkEngine.Index);
        var rank = peer is null ? null : input.Position.Positions.FirstOrDefault(p => p.Measure == BenchmarkEngine.Index)?.PercentileRanks.GetValueOrDefault(peer.Id);

        var gapBlocks = input.Advice.Gaps.Select(g => g.BlockId).ToHashSet(StringComparer.Ordinal);
        var candidates = input.Card.Blocks
            .Where(b => b.Status == ScoreStatus.Scored && !gapBlocks.Contains(b.BlockId))
            .Select(b => (Block: b, Median: Peer(Measure.Block(b.BlockId))?.Median))
            .ToList();

        // A strength is a block above the peers' middle; only without any peer figures is it simply a high score.
        var compared = candidates.Where(x => x.Median is not null).ToList();
        // Above as printed, so a strength never reads "4,9 against a middle of 4,9".
        var strengths = (compared.Count > 0 ? compared.Where(x => Figures.Down(x.Block.Score!.Value, Figures.ReportScoreDecimals) > x.Median!.Value) : candidates)
            .OrderByDescending(x => x.Block.Score!.Value - (x.Median ?? 0m))
            .ThenByDescending(x => x.Block.Score)
            .ThenBy(x => x.Block.BlockId, StringComparer.Ordinal)
            .Take(HighlightsShown)
            .Select(x => StrengthHighlight(input.Model, x.Block, x.Median, peerPhrase, t))
            .ToList();
        var gaps = input.Advice.Gaps
            .Select(g => GapHighlight(input, g, Peer(Measure.Block(g.BlockId))?.Median, t))
            .ToList();

        var summary = new ReportSummary(
            t.Say("Samenvatting", "Summary"),
            index,
            index is null ? "–" : Figures.ReportIndex(index.Value, language),
            t.Say("Index digitale volwassenheid (0 tot 100)", "Digital maturity index (0 to 100)"),
            SummaryParagraphs(name, index, indexStats, rank, peerLabel, withheldNote, input.Card, t),
            t.Say("Sterke punten", "Strengths"),
            strengths,
            t.Say("Verbeterpunten", "Where to improve"),
            gaps,
            t.Say("Verandering sinds vorig jaar", "Change since last year"),
            ChangeSentence(input.Model, name, input.IndexTrend, input.Cycle, index, t));

        return new CouncilReport(
            language,
            input.Cycle,
            input.DataDate,
            labels,
            new ReportMunicipality(m.Code, name, m.Province, m.Population, t.Say($"grootteklasse {m.SizeClass.Number} ({m.SizeClass.Label} inwoners)", $"size class {m.SizeClass.Number} ({m.SizeClass.Label} inhabitants)")),
            new ReportPeerGroup(peer?.Id ?? chosen.Id, peerLabel ?? GroupLabel(chosen, t), indexStats?.N ?? 0, withheldNote),
            summary,
            Radar(input, Peer, peerLabel, peerPhrase, name, t),
            Distribution(index, indexStats, peerLabel, peerPhrase, name, t),
            Trend(input.IndexTrend, name, input.Cycle, index, t),
            input.Model.Domains.Select(d => DomainSection(input, d, Peer, peerLabel, peerPhrase, name, t)).ToList(),
            input.Advice.Gaps.Select(g => LearnFromItem(input.Model, g, input.Groups, t)).ToList(),
            Completeness(input, t),
            Methodology(input, t));
    }

    public static string GroupLabel(PublicGroup group, Words t) => GroupLabel(group.Id, group.Label, group.Kind, t);

    public static string GroupLabel(string id, string label, PeerGroupKind kind, Words t)
    {
        if (t.Language == Language.Dutch)
        {
            return kind switch
            {
                PeerGroupKind.All => "alle gemeenten",
                PeerGroupKind.SizeClass => "gemeenten in " + char.ToLowerInvariant(label[0]) + label[1..],
                _ => label,
            };
        }

        return kind switch
        {
            PeerGroupKind.All => "all municipalities",
            PeerGroupKind.SizeClass => "municipalities in " + label.Replace("Grootteklasse", "size class", StringComparison.Ordinal).Replace("inwoners", "inhabitants", StringComparison.Ordinal),
            PeerGroupKind.CoarseSizeClass => label.Replace("inwoners", "inhabitants", StringComparison.Ordinal),
            PeerGroupKind.Province => label.Replace("Provincie", "Province of", StringComparison.Ordinal),
            _ => label,
        };
    }

    private static ReportLabels Labels(Words t, string name, int cycle, DateOnly dataDate, bool bandShown, string? peerLabel, string peerPhrase, string learnFromIntro) => new(
        t.Say($"Digitale volwassenheid {name} {cycle}", $"Digital maturity {name} {cycle}"),
        t.Say("Vergelijkende benchmark e-overheid voor de gemeenteraad", "Comparative e-government benchmark for the municipal council"),
        t.Say("Benchmark digitale volwassenheid gemeenten", "Municipal digital maturity benchmark"),
        t.Say($"Hoe digitaal volwassen is {name}? Een vergelijking met andere gemeenten, en van wie we kunnen leren.", $"How digitally mature is {name}? A comparison with other municipalities, and who to learn from."),
        t.Say($"Gegevens van {Dates.Long(dataDate, t.Language)}", $"Data as of {Dates.Long(dataDate, t.Language)}"),
        t.Say("Inhoud", "Contents"),
        t.Say("Waar staat de gemeente?", "Where does the municipality stand?"),
        t.Say($"De grafieken hieronder vergelijken de gemeente met {peerPhrase}. Scores lopen van 1 (initieel) tot 5 (optimaal).", $"The charts below compare the municipality with {peerPhrase}. Scores run from 1 (initial) to 5 (optimised)."),
        t.Say("Per onderdeel", "Per domain"),
        // The band is drawn only where the group is large enough for quartiles, so the text promises it only then.
        bandShown
            ? t.Say($"Per onderdeel ziet u de score van elke bouwsteen. De grijze band loopt van het 25e tot het 75e percentiel van {peerLabel}: de middelste helft. De streep is het midden.", $"For each domain you see the score of every building block. The grey band runs from the 25th to the 75th percentile of {peerLabel}: the middle half. The stroke is the middle.")
            : t.Say($"Per onderdeel ziet u de score van elke bouwsteen, en waar er vergelijkingscijfers zijn het midden van {peerPhrase} als streep. De groep is te klein om de spreiding te tonen.", $"For each domain you see the score of every building block and, where there are comparison figures, the middle of {peerPhrase} as a stroke. The group is too small to show its spread."),
        t.Say("Van wie kunnen we leren?", "Who can we learn from?"),
        learnFromIntro,
        t.Say("Zo doen zij het", "How they do it"),
        t.Say("Contact", "Contact"),
        t.Say("Verantwoording", "Methodology"),
        t.Say("Gegevens bij de grafiek", "Data behind the chart"),
        t.Say("pagina", "page"),
        t.Say("van", "of"));

    private static List<string> SummaryParagraphs(string name, decimal? index, PublicStatistics? stats, decimal? rank, string? peerLabel, string? withheldNote, ScoreCard card, Words t)
    {
        var result = new List<string>();
        if (index is null)
        {
            result.Add(t.Say($"{name} heeft geen bouwsteen beantwoord die meetelt; er is daarom geen index.", $"{name} answered no building block that counts, so there is no index."));
        }
        else
        {
            var own = Figures.ReportIndex(index.Value, t.Language);
            result.Add(t.Say(
                $"{name} scoort {own} op de index digitale volwassenheid. De index loopt van 0 (alles op het laagste niveau) tot 100 (alles op het hoogste niveau).",
                $"{name} scores {own} on the digital maturity index. The index runs from 0 (everything at the lowest level) to 100 (everything at the highest level)."));
            if (stats?.Median is { } median && peerLabel is not null)
            {
                var comparison = Compare(index.Value, median, t);
                var middle = Figures.ReportIndex(median, t.Language);
                result.Add(t.Say(
                    $"Dat is {comparison} de middelste score ({middle}) van {peerLabel} (n = {stats.N}).",
                    $"That is {comparison} the middle score ({middle}) of {peerLabel} (n = {stats.N})."));
                if (rank is { } r)
                {
                    var share = Figures.Percent(r, t.Language);
                    result.Add(t.Say(
                        $"Ongeveer {share} % van deze gemeenten scoort lager dan {name}.",
                        $"About {share} % of these municipalities score lower than {name}."));
                }
            }
        }

        if (withheldNote is not null)
        {
            result.Add(withheldNote);
        }

        if (!card.IsComplete)
        {
            var done = Figures.Percent(card.Completeness, t.Language);
            result.Add(t.Say(
                $"Let op: de vragenlijst is voor {done} % ingevuld. Onbeantwoorde vragen tellen niet mee, dus de scores kunnen hoger of lager uitvallen.",
                $"Note: the questionnaire is {done} % complete. Unanswered questions do not count, so the scores could turn out higher or lower."));
        }

        return result;
    }

    private static string Compare(decimal own, decimal reference, Words t)
    {
        var difference = own - reference;
        return Math.Abs(difference) < 2.5m
            ? t.Say("ongeveer gelijk aan", "about equal to")
            : difference > 0 ? t.Say("hoger dan", "higher than") : t.Say("lager dan", "lower than");
    }

    /// <summary>
    /// Whether the trend compares years on what their questionnaires share (docs/benchmarking.md, like with like): its
    /// figures are then another measure than this year's index, and the report says so wherever it shows them.
    /// </summary>
    private static bool OnSharedQuestions(IReadOnlyList<TrendPoint> trend) => trend.Any(p => p.DefinitionChanged);

    private static string ChangeSentence(MaturityModel model, string name, IReadOnlyList<TrendPoint> trend, int cycle, decimal? index, Words t)
    {
        var now = trend.FirstOrDefault(p => p.Cycle == cycle)?.Score;
        var before = trend.Where(p => p.Cycle < cycle && p.Score is not null).MaxBy(p => p.Cycle);
        if (before is null && trend.Where(p => p.Cycle < cycle && p.Source == TrendPoint.OtherModel).MaxBy(p => p.Cycle) is { } previousModel)
        {
            return t.Say(
                $"In {cycle} is het volwassenheidsmodel vernieuwd: niveau 2 betekent nu dat de gemeente aan de wet voldoet, de hogere niveaus hebben voorwaarden die de analisten controleren, en er zijn bouwstenen bijgekomen. De index van {cycle} is daarom niet te vergelijken met die van {previousModel.Cycle}; de vergelijking met andere gemeenten in {cycle} is dat wel.",
                $"In {cycle} the maturity model was renewed: level 2 now means the municipality meets the law, the higher levels have conditions the analysts check, and building blocks were added. The index of {cycle} can therefore not be compared with that of {previousModel.Cycle}; the comparison with other municipalities in {cycle} can.");
        }

        if (now is null || before is null)
        {
            return t.Say(
                $"Er is geen eerdere meting van {name} om mee te vergelijken.",
                $"There is no earlier measurement of {name} to compare with.");
        }

        // The change is the difference of the two printed figures, so the sentence adds up for the reader.
        var change = Figures.Down(now.Value, Figures.WholeNumber) - Figures.Down(before.Score!.Value, Figures.WholeNumber);
        var from = Figures.ReportIndex(before.Score.Value, t.Language);
        var to = Figures.ReportIndex(now.Value, t.Language);
        var points = Figures.ReportIndex(Math.Abs(change), t.Language);
        var pointWord = Math.Abs(change) == 1 ? t.Say("punt", "point") : t.Say("punten", "points");
        var predecessors = before.Source == "predecessors"
            ? t.Say(" (voor de herindeling: de gemeenten waaruit de gemeente is ontstaan, gewogen naar inwoners)", " (before the merger: the municipalities it was formed from, weighted by population)")
            : string.Empty;
        // Where the questionnaire changed, both years count only what both versions ask (docs/benchmarking.md): the sentence
        // names that measure, gives this year's full index beside it, and says per block what changed, so a council reads
        // neither two figures for one thing nor a change of questionnaire as a change the municipality made.
        var shared = OnSharedQuestions(trend);
        var full = shared && index is { } headline
            ? " " + t.Say($"Met alle vragen van {cycle} is de index {Figures.ReportIndex(headline, t.Language)}.", $"With every question of {cycle} the index is {Figures.ReportIndex(headline, t.Language)}.")
            : string.Empty;
        var changedNames = before.ChangedBlocks.Select(id => model.BlocksById[id].Name.In(t.Language)).ToList();
        var changedBlocks = changedNames.Count switch
        {
            0 => string.Empty,
            1 => " " + t.Say($"Bij {changedNames[0]} zijn de vragen na {before.Cycle} veranderd.", $"The questions on {changedNames[0]} changed after {before.Cycle}."),
            _ => " " + t.Say(
                $"Bij {changedNames.Count} bouwstenen zijn de vragen na {before.Cycle} veranderd: {List(changedNames, t)}.",
                $"The questions on {changedNames.Count} building blocks changed after {before.Cycle}: {List(changedNames, t)}."),
        };
        var sentence = (shared, change) switch
        {
            (false, > 0) => t.Say($"De index steeg van {from} in {before.Cycle}{predecessors} naar {to} in {cycle}: {points} {pointWord} hoger.", $"The index rose from {from} in {before.Cycle}{predecessors} to {to} in {cycle}: {points} {pointWord} higher."),
            (false, < 0) => t.Say($"De index daalde van {from} in {before.Cycle}{predecessors} naar {to} in {cycle}: {points} {pointWord} lager.", $"The index fell from {from} in {before.Cycle}{predecessors} to {to} in {cycle}: {points} {pointWord} lower."),
            (false, _) => t.Say($"De index bleef gelijk: {to} in {before.Cycle}{predecessors} en in {cycle}.", $"The index stayed the same: {to} in {before.Cycle}{predecessors} and in {cycle}."),
            (true, > 0) => t.Say($"Op de vragen die beide vragenlijsten stellen, steeg de index van {from} in {before.Cycle}{predecessors} naar {to} in {cycle}: {points} {pointWord} hoger.", $"On the questions both questionnaires ask, the index rose from {from} in {before.Cycle}{predecessors} to {to} in {cycle}: {points} {pointWord} higher."),
            (true, < 0) => t.Say($"Op de vragen die beide vragenlijsten stellen, daalde de index van {from} in {before.Cycle}{predecessors} naar {to} in {cycle}: {points} {pointWord} lager.", $"On the questions both questionnaires ask, the index fell from {from} in {before.Cycle}{predecessors} to {to} in {cycle}: {points} {pointWord} lower."),
            (true, _) => t.Say($"Op de vragen die beide vragenlijsten stellen, bleef de index gelijk: {to} in {before.Cycle}{predecessors} en in {cycle}.", $"On the questions both questionnaires ask, the index stayed the same: {to} in {before.Cycle}{predecessors} and in {cycle}."),
        };
        return sentence + full + changedBlocks;
    }

    private static BlockHighlight GapHighlight(CouncilReportInput input, Gap gap, decimal? peerMedian, Words t)
    {
        var blockName = input.Model.BlocksById[gap.BlockId].Name.In(t.Language);
        var card = input.Card.Blocks.FirstOrDefault(b => b.BlockId == gap.BlockId);
        var level = card?.StagedLevel ?? (int)Math.Floor(gap.Score);
        var levelName = input.Model.Levels.First(l => l.Level == level).Name.In(t.Language).ToLowerInvariant();
        var sentence = $"{blockName}: " + GapReference(gap, input.Groups, t);
        return new BlockHighlight(gap.BlockId, blockName, gap.Score, level, levelName, peerMedian, sentence);
    }

    /// <summary>
    /// Why a block is a gap, in words. The peer reference is the group's public P75 (rounded, shown from 10 members),
    /// never the exact one the advice was computed with; without it the sentence gives no number.
    /// </summary>
    private static string GapReference(Gap gap, IReadOnlyList<PublicGroup> groups, Words t)
    {
        var score = Score(gap.Score, t);
        if (gap.ReferenceKind == "target")
        {
            return t.Say($"score {score}, terwijl de gemeente zelf {Score(gap.Reference, t)} als doel heeft gesteld.", $"score {score}, while the municipality set itself a target of {Score(gap.Reference, t)}.");
        }

        var group = groups.FirstOrDefault(g => g.Id == gap.ReferenceGroup);
        var label = group is null ? t.Say("vergelijkbare gemeenten", "similar municipalities") : GroupLabel(group, t);
        return group?.Measures.GetValueOrDefault(Measure.Block(gap.BlockId))?.P75 is { } p75
            ? t.Say($"score {score}; een kwart van {DutchGroupObject(label)} haalt {Score(p75, t)} of meer.", $"score {score}; a quarter of {label} reach {Score(p75, t)} or more.")
            : t.Say($"score {score}; minstens een kwart van {DutchGroupObject(label)} scoort hoger.", $"score {score}; at least a quarter of {label} score higher.");
    }

    /// <summary>A group as the object of a sentence ("een kwart van …"): "de gemeenten in grootteklasse 3", "alle gemeenten", "Provincie Utrecht".</summary>
    public static string GroupObject(PublicGroup group, Words t) => t.Language == Language.Dutch ? DutchGroupObject(GroupLabel(group, t)) : GroupLabel(group, t);

    /// <summary>"de gemeenten in grootteklasse 3" but "alle gemeenten" (never "de alle gemeenten") and "Provincie Utrecht".</summary>
    private static string DutchGroupObject(string label) => label.StartsWith("gemeenten ", StringComparison.Ordinal) ? "de " + label : label;

    private static BlockHighlight StrengthHighlight(MaturityModel model, BlockScore block, decimal? peerMedian, string peerPhrase, Words t)
    {
        var definition = model.BlocksById[block.BlockId];
        var level = block.StagedLevel!.Value;
        var levelName = model.Levels.First(l => l.Level == level).Name.In(t.Language).ToLowerInvariant();
        var blockName = definition.Name.In(t.Language);
        var score = Figures.ReportScore(block.Score!.Value, t.Language);
        var sentence = peerMedian is { } pm
            ? t.Say($"{blockName}: niveau {level} ({levelName}), score {score}; het midden van {peerPhrase} is {Score(pm, t)}.", $"{blockName}: level {level} ({levelName}), score {score}; the middle of {peerPhrase} is {Score(pm, t)}.")
            : t.Say($"{blockName}: niveau {level} ({levelName}), score {score}.", $"{blockName}: level {level} ({levelName}), score {score}.");
        return new BlockHighlight(block.BlockId, blockName, block.Score.Value, level, levelName, peerMedian, sentence);
    }

    private static RadarChart Radar(CouncilReportInput input, Func<Measure, PublicStatistics?> peer, string? peerLabel, string peerPhrase, string name, Words t)
    {
        var domains = input.Model.Domains;
        var own = domains.Select(d => input.Card.Domain(d.Id).Score).ToList();
        var median = domains.Select(d => peer(Measure.Domain(d.Id))?.Median).ToList();
        var shown = median.Any(v => v is not null) && peerLabel is not null;
        var rows = domains.Select((d, i) => (IReadOnlyList<string>)[d.Name.In(t.Language), Score(own[i], t), shown ? Score(median[i], t) : "–"]).ToList();
        var table = new DataTable(
            t.Say("Score per onderdeel (1 tot 5)", "Score per domain (1 to 5)"),
            [t.Say("Onderdeel", "Domain"), name, shown ? t.Say($"Middelste score van {peerPhrase}", $"Middle score of {peerPhrase}") : t.Say("Vergelijking", "Comparison")],
            rows);
        var above = domains.Where((d, i) => own[i] is { } o && median[i] is { } p && o - p >= 0.25m).Select(d => d.Name.In(t.Language)).ToList();
        var below = domains.Where((d, i) => own[i] is { } o && median[i] is { } p && p - o >= 0.25m).Select(d => d.Name.In(t.Language)).ToList();
        var description = !shown
            ? t.Say($"Radargrafiek met de score van {name} op elk van de {domains.Count} onderdelen. Er zijn geen vergelijkingscijfers.", $"Radar chart of {name}'s score on each of the {domains.Count} domains. There are no comparison figures.")
            : t.Say(
                $"Radargrafiek met de score van {name} op elk van de {domains.Count} onderdelen, naast de middelste score van {peerLabel}. Hoger dan het midden: {List(above, t)}. Lager dan het midden: {List(below, t)}.",
                $"Radar chart of {name}'s score on each of the {domains.Count} domains, next to the middle score of {peerLabel}. Above the middle: {List(above, t)}. Below the middle: {List(below, t)}.");
        return new RadarChart(
            new ChartText(t.Say($"Score per onderdeel ten opzichte van {peerPhrase}", $"Score per domain compared with {peerPhrase}"), description, table),
            domains.Select(d => d.Name.In(t.Language)).ToList(),
            own,
            shown ? median : domains.Select(_ => (decimal?)null).ToList(),
            name,
            shown ? MedianLabel(peerPhrase, t) : null);
    }

    private static DistributionChart Distribution(decimal? index, PublicStatistics? stats, string? peerLabel, string peerPhrase, string name, Words t)
    {
        var rows = new List<IReadOnlyList<string>>();
        void Row(string label, decimal? value)
        {
            if (value is not null)
            {
                rows.Add([label, Figures.ReportIndex(value.Value, t.Language)]);
            }
        }

        Row(name, index);
        Row(t.Say($"10 % van {peerPhrase} scoort lager dan", $"10 % of {peerPhrase} score below"), stats?.P10);
        Row(t.Say("25 % scoort lager dan", "25 % score below"), stats?.P25);
        Row(t.Say("Middelste score", "Middle score"), stats?.Median);
        Row(t.Say("75 % scoort lager dan", "75 % score below"), stats?.P75);
        Row(t.Say("90 % scoort lager dan", "90 % score below"), stats?.P90);
        Row(t.Say("Gemiddelde", "Mean"), stats?.Mean);
        var description = stats is null || peerLabel is null
            ? t.Say($"Er zijn geen vergelijkingscijfers; de grafiek toont alleen de index van {name}.", $"There are no comparison figures; the chart shows {name}'s index only.")
            : stats.P25 is null
                ? t.Say($"De groep is te klein voor een spreiding (n = {stats.N}); de grafiek toont de index van {name} en de middelste score van {peerLabel}.", $"The group is too small to show its spread (n = {stats.N}); the chart shows {name}'s index and the middle score of {peerLabel}.")
                : t.Say(
                    $"De spreiding van de index bij {peerLabel} (n = {stats.N}). De balk loopt van het 25e tot het 75e percentiel, de streep is het midden. {(index is null ? $"{name} heeft geen index." : $"{name} staat op {Figures.ReportIndex(index.Value, t.Language)}.")}",
                    $"The spread of the index among {peerLabel} (n = {stats.N}). The box runs from the 25th to the 75th percentile, the line is the middle. {(index is null ? $"{name} has no index." : $"{name} is at {Figures.ReportIndex(index.Value, t.Language)}.")}");
        return new DistributionChart(
            new ChartText(
                t.Say($"Positie tussen {peerPhrase} (index 0 tot 100)", $"Position among {peerPhrase} (index 0 to 100)"),
                description,
                new DataTable(t.Say("Index en spreiding", "Index and spread"), [t.Say("Wat", "What"), t.Say("Index", "Index")], rows)),
            index,
            stats?.P10,
            stats?.P25,
            stats?.Median,
            stats?.P75,
            stats?.P90,
            name,
            stats?.P25 is null ? null : peerLabel,
            stats?.Median is null || peerLabel is null ? null : MedianLabel(peerPhrase, t));
    }

    private static TrendChart Trend(IReadOnlyList<TrendPoint> trend, string name, int cycle, decimal? index, Words t)
    {
        var shared = OnSharedQuestions(trend);

        // Years measured against an earlier model are listed in the table, but no line runs into them: their levels meant something else.
        var otherModel = trend.Where(p => p.Source == TrendPoint.OtherModel).Select(p => p.Cycle).ToList();
        var points = trend.Where(p => p.Source != TrendPoint.OtherModel).Select(p => new TrendValue(p.Cycle, p.Score, p.Source == "predecessors")).ToList();

        // With this year as the only measurement there is nothing to compare with: its point is the index on every
        // question, as everywhere else in the report, not the index on the questions other years' versions share.
        if (index is { } own && points.All(p => p.Index is null || p.Cycle == cycle) && points.FindIndex(p => p.Cycle == cycle && p.Index is not null) is var only and >= 0)
        {
            points[only] = points[only] with { Index = own };
        }

        var rows = otherModel.Select(c => (IReadOnlyList<string>)[
            c.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "–",
            t.Say("gemeten met het vorige model; niet te vergelijken", "measured with the previous model; not comparable")]).ToList();
        rows.AddRange(points.Select(p => (IReadOnlyList<string>)[
            p.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            p.Index is { } v ? Figures.ReportIndex(v, t.Language) : t.Say("geen meting", "no measurement"),
            string.Join("; ", new[]
            {
                p.FromPredecessors ? t.Say("voorgangers, gewogen naar inwoners", "predecessors, weighted by population") : null,
                shared && p.Cycle == cycle && index is { } headline ? t.Say($"met alle vragen van {cycle}: {Figures.ReportIndex(headline, t.Language)}", $"with every question of {cycle}: {Figures.ReportIndex(headline, t.Language)}") : null,
            }.OfType<string>())]));
        var measured = points.Where(p => p.Index is not null).ToList();
        var description = measured.Count switch
        {
            0 => t.Say($"Er zijn nog geen metingen van {name}.", $"There are no measurements of {name} yet."),
            1 => t.Say($"Eén meting: {Figures.ReportIndex(measured[0].Index!.Value, t.Language)} in {measured[0].Cycle}.", $"One measurement: {Figures.ReportIndex(measured[0].Index!.Value, t.Language)} in {measured[0].Cycle}."),
            _ => t.Say(
                $"Lijngrafiek van de index van {name} van {measured[0].Cycle} tot {measured[^1].Cycle}: van {Figures.ReportIndex(measured[0].Index!.Value, t.Language)} naar {Figures.ReportIndex(measured[^1].Index!.Value, t.Language)}.",
                $"Line chart of {name}'s index from {measured[0].Cycle} to {measured[^1].Cycle}: from {Figures.ReportIndex(measured[0].Index!.Value, t.Language)} to {Figures.ReportIndex(measured[^1].Index!.Value, t.Language)}."),
        };
        if (shared)
        {
            description += " " + t.Say(
                "De vragenlijst veranderde in deze jaren; alle jaren zijn vergeleken op de vragen die elk jaar gesteld zijn.",
                "The questionnaire changed over these years; every year is compared on the questions asked in every year.");
        }

        if (otherModel.Count > 0)
        {
            description += " " + t.Say(
                $"Tot en met {otherModel.Max()} is gemeten met het vorige volwassenheidsmodel; die jaren zijn niet te vergelijken en staan niet in de grafiek.",
                $"Up to {otherModel.Max()} the previous maturity model was used; those years are not comparable and are not in the chart.");
        }

        return new TrendChart(
            new ChartText(
                shared ? t.Say("Ontwikkeling van de index per jaar, op dezelfde vragen", "The index year by year, on the same questions") : t.Say("Ontwikkeling van de index per jaar", "The index year by year"),
                description,
                new DataTable(shared ? t.Say("Index per jaar, op de vragen die elk jaar gesteld zijn", "Index per year, on the questions asked every year") : t.Say("Index per jaar", "Index per year"), [t.Say("Jaar", "Year"), t.Say("Index", "Index"), t.Say("Toelichting", "Note")], rows)),
            points,
            name);
    }

    private static DomainSection DomainSection(CouncilReportInput input, Domain domain, Func<Measure, PublicStatistics?> peer, string? peerLabel, string peerPhrase, string name, Words t)
    {
        var blocks = input.Model.BlocksIn(domain.Id).ToList();
        var bars = blocks.Select(b =>
        {
            var card = input.Card.Block(b.Id);
            var stats = peer(Measure.Block(b.Id));
            return new BandBar(b.Name.In(t.Language), card.Status == ScoreStatus.Scored ? card.Score : null, stats?.P25, stats?.Median, stats?.P75);
        }).ToList();
        var band = bars.Any(b => b.PeerP25 is not null);
        var rows = blocks.Select((b, i) =>
        {
            var card = input.Card.Block(b.Id);
            var status = card.Status switch
            {
                ScoreStatus.NotApplicable => t.Say("niet van toepassing", "not applicable"),
                ScoreStatus.Unanswered => t.Say("niet beantwoord", "not answered"),
                _ => Figures.ReportScore(card.Score!.Value, t.Language),
            };
            var level = card.StagedLevel is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–";
            var bar = bars[i];
            return (IReadOnlyList<string>)[bar.Label, status, level, Score(bar.PeerMedian, t), bar.PeerP25 is null ? "–" : $"{Score(bar.PeerP25, t)} – {Score(bar.PeerP75, t)}"];
        }).ToList();
        var table = new DataTable(
            t.Say($"Bouwstenen van {domain.Name.In(t.Language)}", $"Building blocks of {domain.Name.In(t.Language)}"),
            [t.Say("Bouwsteen", "Building block"), t.Say("Score", "Score"), t.Say("Niveau", "Level"), t.Say("Midden", "Middle"), t.Say("Middelste helft", "Middle half")],
            rows);
        var score = input.Card.Domain(domain.Id).Score;
        var median = peer(Measure.Domain(domain.Id))?.Median;
        var domainName = domain.Name.In(t.Language);
        var sentence = score is null
            ? t.Say($"Voor {domainName} is geen score: de bouwstenen zijn niet beantwoord of niet van toepassing.", $"{domainName} has no score: its building blocks are unanswered or not applicable.")
            : median is null
                ? t.Say($"{name} scoort {Score(score, t)} op {domainName}.", $"{name} scores {Score(score, t)} on {domainName}.")
                : t.Say($"{name} scoort {Score(score, t)} op {domainName}; dat is {Compare(ScoringEngine.LevelToIndex(score.Value), ScoringEngine.LevelToIndex(median.Value), t)} het midden van {peerLabel} ({Score(median, t)}).", $"{name} scores {Score(score, t)} on {domainName}; that is {Compare(ScoringEngine.LevelToIndex(score.Value), ScoringEngine.LevelToIndex(median.Value), t)} the middle of {peerLabel} ({Score(median, t)}).");
        var description = t.Say(
            $"Staafdiagram met de score (1 tot 5) van elke bouwsteen van {domainName}{(band ? $", met de middelste helft van {peerLabel} als band" : string.Empty)}. {sentence}",
            $"Bar chart of the score (1 to 5) of each building block of {domainName}{(band ? $", with the middle half of {peerLabel} as a band" : string.Empty)}. {sentence}");
        return new DomainSection(
            domain.Id,
            domainName,
            domain.Description.In(t.Language),
            score,
            sentence,
            new BandBarChart(new ChartText(domainName + t.Say(": score per bouwsteen", ": score per building block"), description, table), bars, name, band ? t.Say($"Middelste helft van {peerPhrase}", $"Middle half of {peerPhrase}") : null, bars.Any(b => b.PeerMedian is not null) ? MedianLabel(peerPhrase, t) : null));
    }

    private static LearnFromItem LearnFromItem(MaturityModel model, Gap gap, IReadOnlyList<PublicGroup> groups, Words t)
    {
        var blockName = model.BlocksById[gap.BlockId].Name.In(t.Language);
        var sentence = $"{blockName}: " + GapReference(gap, groups, t);
        var leaders = gap.LearnFrom.Where(l => l.IsNamed)
            .Select(l => new LeaderItem(l.Municipality!, l.Name ?? l.Municipality!, l.StagedLevel, l.Score, l.Note?.Text, l.Note?.ContactRole, Standing(model, l.StagedLevel, l.Score, t)))
            .ToList();
        return new LearnFromItem(
            gap.BlockId,
            blockName,
            sentence,
            leaders,
            leaders.Count == 0 ? NoOneNamed(gap.Basis, t) : null);
    }

    /// <summary>
    /// Why no municipality is named for a gap, saying only what is true (results stored before the basis was kept get the
    /// old, neutral sentence). Public so the results page says the same as the council report.
    /// </summary>
    /// <summary>
    /// Why there is nothing to learn from, honestly: behind on nothing, or nothing to compare with because every group
    /// is too small to publish a quarter of it (<see cref="Disclosure.OrderStatisticsFrom"/>) and no target was set.
    /// </summary>
    public static string NoGaps(IReadOnlyList<PublicGroup> groups, string name, Language language) => NoGaps(groups, name, new Words(language));

    private static string NoGaps(IReadOnlyList<PublicGroup> groups, string name, Words t) =>
        groups.Any(g => g.Measures.Any(m => m.Key.Kind == MeasureKind.Block && m.Value.P75 is not null))
            ? t.Say($"{name} blijft bij geen enkele bouwsteen achter bij het beste kwart van de vergelijkbare gemeenten of bij het eigen doel.", $"{name} is not behind the best quarter of similar municipalities or its own target on any building block.")
            : t.Say($"De vergelijkingsgroepen van {name} zijn te klein om per bouwsteen te vergelijken (minder dan {Disclosure.OrderStatisticsFrom} gemeenten), en bij geen enkele bouwsteen blijft {name} achter bij het eigen doel.", $"{name}'s peer groups are too small to compare building blocks (fewer than {Disclosure.OrderStatisticsFrom} municipalities), and {name} is not behind its own target on any building block.");

    public static string NoOneNamed(string? basis, Language language) => NoOneNamed(basis, new Words(language));

    private static string NoOneNamed(string? basis, Words t) => basis switch
    {
        LearnFromBasis.NobodyAhead => t.Say("Geen enkele gemeente scoort op deze bouwsteen duidelijk hoger (een half niveau of meer).", "No municipality scores clearly higher on this building block (half a level or more)."),
        LearnFromBasis.LeadersAnonymous => t.Say("Er zijn koplopers die duidelijk hoger scoren, maar geen van hen heeft ingestemd met het noemen van de naam.", "There are leaders who score clearly higher, but none of them agreed to be named."),
        LearnFromBasis.AheadAnonymous => t.Say("Er zijn gemeenten die duidelijk hoger scoren, maar geen van hen heeft ingestemd met het noemen van de naam.", "There are municipalities that score clearly higher, but none of them agreed to be named."),
        _ => t.Say("Er is (nog) geen koploper die genoemd wil worden.", "There is no leader (yet) who agreed to be named."),
    };

    private static string Standing(MaturityModel model, int level, decimal score, Words t)
    {
        var levelName = model.Levels.FirstOrDefault(l => l.Level == level)?.Name.In(t.Language).ToLowerInvariant();
        var named = levelName is null ? string.Empty : $" ({levelName})";
        return t.Say($"niveau {level}{named}, score {Score(score, t)}", $"level {level}{named}, score {Score(score, t)}");
    }

    private static CompletenessSection Completeness(CouncilReportInput input, Words t)
    {
        var card = input.Card;
        var percent = Figures.Percent(card.Completeness, t.Language);
        var sentence = t.Say(
            $"Van de {card.RequiredQuestions} verplichte vragen zijn er {card.CompletedQuestions} beantwoord of als niet van toepassing aangemerkt ({percent} %).",
            $"Of the {card.RequiredQuestions} required questions, {card.CompletedQuestions} were answered or marked not applicable ({percent} %).");
        var flags = input.OpenFlags.Select(f => FlagText(input.Model, f, t)).ToList();
        var flagsSentence = flags.Count == 0
            ? t.Say("Er staan geen opvallende antwoorden open voor controle.", "No answers are awaiting a second look.")
            : t.Say(
                $"Bij {flags.Count} {(flags.Count == 1 ? "punt" : "punten")} kijken de analisten nog of het antwoord klopt. Dat zegt niet dat het fout is; de scores zijn niet aangepast.",
                $"For {flags.Count} {(flags.Count == 1 ? "point" : "points")} the analysts are still checking the answer. That does not mean it is wrong; the scores have not been changed.");
        return new CompletenessSection(t.Say("Volledigheid en controle", "Completeness and checks"), card.Completeness, sentence, flagsSentence, flags);
    }

    private static string FlagText(MaturityModel model, PlausibilityFlag flag, Words t)
    {
        var block = flag.BlockId is { } id && model.BlocksById.TryGetValue(id, out var b) ? b.Name.In(t.Language) : t.Say("Een bouwsteen", "A building block");
        return flag.Rule switch
        {
            FlagRule.LevelJump => t.Say($"{block}: een grote sprong in niveau ten opzichte van vorig jaar.", $"{block}: a large jump in level since last year."),
            FlagRule.PrerequisiteGap => t.Say($"{block}: een hoger niveau dan de bouwstenen waarop het voortbouwt.", $"{block}: a higher level than the building blocks it depends on."),
            FlagRule.AllMaximum => t.Say("Bijna alle bouwstenen staan op het hoogste niveau.", "Nearly all building blocks are at the highest level."),
            FlagRule.ExplanationsEmptyOrCopied => t.Say("Veel toelichtingen zijn leeg of gelijk aan elkaar.", "Many explanations are empty or identical."),
            FlagRule.PeerOutlier => t.Say("De index wijkt sterk af van vergelijkbare gemeenten.", "The index differs strongly from similar municipalities."),
            FlagRule.UnusualNotApplicable => flag.BlockId is null
                ? t.Say("Opvallend veel vragen zijn als niet van toepassing beantwoord.", "Unusually many questions were answered as not applicable.")
                : t.Say($"{block}: opvallend veel vragen zijn als niet van toepassing beantwoord.", $"{block}: unusually many questions were answered as not applicable."),
            FlagRule.LevelWithoutEvidence => t.Say($"{block}: een hoog niveau zonder bewijs dat de analisten kunnen controleren.", $"{block}: a high level without evidence the analysts can check."),
            _ => throw new ArgumentOutOfRangeException(nameof(flag), flag.Rule, "every plausibility rule has its sentence for the council"),
        };
    }

    private static List<TextSection> Methodology(CouncilReportInput input, Words t) =>
    [
        new(t.Say("Hoe de scores tot stand komen", "How the scores are made"), [
            t.Say("De gemeente vult elk jaar een zelfevaluatie in. Per bouwsteen kiest zij een niveau van 1 (initieel) tot 5 (optimaal). Voorwaarden per niveau worden gecontroleerd: is een voorwaarde niet vervuld, dan telt het lagere niveau.", "Each year the municipality fills in a self-assessment. For each building block it chooses a level from 1 (initial) to 5 (optimised). Conditions for each level are checked: where a condition is not met, the lower level counts."),
            t.Say("De score van een bouwsteen is het bereikte niveau plus een deel van 0 tot 0,99 voor de overige antwoorden in die bouwsteen: het gewogen gemiddelde van hun scores. Het deel achter de komma zegt dus hoe sterk de bouwsteen binnen zijn niveau staat, niet hoe dicht het volgende niveau is. Een onderdeel is het gewogen gemiddelde van zijn bouwstenen. De index zet het gewogen gemiddelde om naar een schaal van 0 tot 100.", "A building block's score is the level reached plus a part from 0 to 0.99 for the block's other answers: the weighted mean of their scores. The part after the decimal point says how strong the block is within its level, not how close the next level is. A domain is the weighted mean of its building blocks. The index converts the weighted mean to 0 to 100."),
            t.Say("Aanvullende vragen die niet van toepassing zijn tellen niet mee. Een voorwaarde voor een niveau die onbeantwoord of niet van toepassing is, telt als niet vervuld, tenzij de vragenlijst zegt wat ervoor in de plaats komt.", "Supporting questions that do not apply do not count. A condition for a level that is unanswered or does not apply counts as not met, unless the questionnaire says what takes its place."),
        ]),
        new(t.Say("Vergelijkingsgroepen", "Peer groups"), [
            t.Say("Standaard vergelijken we met gemeenten van dezelfde grootteklasse (naar aantal inwoners op 1 januari). Alleen goedgekeurde, volledig ingevulde inzendingen tellen mee.", "By default we compare with municipalities of the same size class (by population on 1 January). Only approved, complete submissions count."),
            t.Say("'Het midden' is de mediaan: de helft van de groep scoort lager, de helft hoger. De 'middelste helft' loopt van het 25e tot het 75e percentiel.", "'The middle' is the median: half of the group scores lower, half higher. The 'middle half' runs from the 25th to the 75th percentile."),
        ]),
        new(t.Say("Bescherming van kleine groepen", "Small-group protection"), [
            t.Say($"Van groepen met minder dan {GroupStatistics.MinimumGroupSize} gemeenten tonen we geen cijfers. Spreiding (25 % en 75 %) tonen we pas vanaf {PublicStatistics.QuartilesFrom} gemeenten, 10 % en 90 % vanaf {PublicStatistics.DecilesFrom}. Cijfers zijn naar beneden afgerond (4,99 staat er als 4,9), zodat een getoonde score nooit een hoger niveau of een hogere groepsscore suggereert dan er is; hoogste en laagste scores tonen we nooit.", $"Groups of fewer than {GroupStatistics.MinimumGroupSize} municipalities show no figures. The spread (25th and 75th percentile) is shown from {PublicStatistics.QuartilesFrom} municipalities, the 10th and 90th from {PublicStatistics.DecilesFrom}. Figures are rounded down (4.99 is shown as 4.9), so a figure never suggests a higher level or group score than there is; highest and lowest scores are never shown."),
            t.Say($"Koplopers noemen we alleen als zij daarmee hebben ingestemd. Een koploper haalt minstens niveau {BenchmarkEngine.LeaderMinimumLevel} en hoort bij de beste 10 % voor die bouwsteen; wie dezelfde score heeft als een koploper, is er ook een. We noemen er per bouwsteen hoogstens {BenchmarkEngine.NamedLeadersAtMost}.", $"Leaders are named only with their consent. A leader reaches at least level {BenchmarkEngine.LeaderMinimumLevel} and is among the best 10 % for that building block; a municipality with the same score as a leader is one too. We name at most {BenchmarkEngine.NamedLeadersAtMost} per building block."),
        ]),
        new(t.Say("Vergelijking met eerdere jaren", "Comparison with earlier years"), [
            t.Say("Verandert de vragenlijst, dan vergelijken we de jaren alleen op de vragen die in elk jaar gesteld zijn. Zo is een verschil tussen twee jaren een verandering in de antwoorden, niet in de vragenlijst. De index per jaar kan daardoor iets afwijken van de index van dit jaar met alle vragen; het rapport noemt dan beide.", "Where the questionnaire changes, years are compared only on the questions asked in every year, so a difference between two years is a change in the answers, not in the questionnaire. The index per year can then differ slightly from this year's index on every question; the report then gives both."),
        ]),
        .. Sources(input.Model, t),
        new(t.Say("Gegevens", "Data"), [
            t.Say($"Meting {input.Cycle}, vragenlijst {input.Card.QuestionnaireVersion}, gegevens van {Dates.Long(input.DataDate, t.Language)}. Gemeentecode {input.Municipality.Code}, naam bij het CBS {input.Municipality.Name}.", $"Cycle {input.Cycle}, questionnaire {input.Card.QuestionnaireVersion}, data as of {Dates.Long(input.DataDate, t.Language)}. Municipality code {input.Municipality.Code}, CBS name {input.Municipality.Name}."),
        ]),
    ];

    /// <summary>
    /// What the model rests on, for a methodology: the laws its blocks name, each once (a law cited per article by
    /// several blocks is one law), and how many standards, facilities and agreements besides. A council reads names it
    /// can look up; the links per block are on the questionnaire pages and in docs/model.md.
    /// </summary>
    public static IEnumerable<TextSection> Sources(MaturityModel model, Words t)
    {
        var sources = model.Blocks.SelectMany(b => b.Sources).ToList();
        if (sources.Count == 0)
        {
            yield break;
        }

        var laws = sources.Where(s => s.Kind == SourceKinds.Law)
            .GroupBy(s => s.Url.Split('#')[0].TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            .Select(g => LawName(g.Select(s => s.Title).MinBy(title => title.Length)!))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var others = sources.Where(s => s.Kind != SourceKinds.Law).Select(s => s.Url.Split('#')[0].TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var paragraphs = new List<string>
        {
            t.Say(
                "Elke bouwsteen van het model noemt de wetten, standaarden en landelijke voorzieningen waarop hij rust; niveau 2 betekent dat de gemeente aan het wettelijke minimum voldoet. Bij de vragen in de zelfevaluatie staan de links.",
                "Every building block of the model names the laws, standards and national facilities it rests on; level 2 means the municipality meets the legal minimum. The links are with the questions of the self-assessment."),
        };
        if (laws.Count > 0)
        {
            paragraphs.Add(t.Say($"De wetten en regelingen ({laws.Count}): ", $"The laws and regulations ({laws.Count}): ") + string.Join("; ", laws) + ".");
        }

        if (others > 0)
        {
            paragraphs.Add(t.Say(
                $"Daarnaast rust het model op {others} standaarden, landelijke voorzieningen en afspraken, zoals de lijst open standaarden van het Forum Standaardisatie.",
                $"Besides these the model rests on {others} standards, national facilities and agreements, such as the Forum Standaardisatie's list of open standards."));
        }

        yield return new TextSection(t.Say("Waarop het model rust", "What the model rests on"), paragraphs);
    }

    /// <summary>A law's name without the article a block cites: "Algemene wet bestuursrecht (artikel 2:1, …)" is the Awb.</summary>
    private static string LawName(string title)
    {
        var cut = title.IndexOf(", artikel", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = title.IndexOf(" (artikel", StringComparison.Ordinal);
        }

        return cut > 0 ? title[..cut] : title;
    }

    private static string MedianLabel(string peerPhrase, Words t) => t.Say($"Midden van {peerPhrase}", $"Middle of {peerPhrase}");

    /// <summary>
    /// The compared group in a chart title or legend, short enough for one: "de vergelijkbare gemeenten" for the
    /// municipality's own group (the summary names it), but "alle gemeenten" when the report compares with all of them
    /// because its own group publishes too little.
    /// </summary>
    private static string PeerPhrase(PublicGroup? peer, Words t) => peer?.Kind == PeerGroupKind.All
        ? t.Say("alle gemeenten", "all municipalities")
        : t.Say("de vergelijkbare gemeenten", "similar municipalities");

    private static string Score(decimal? value, Words t) => value is { } v ? Figures.ReportScore(v, t.Language) : "–";

    private static string List(List<string> items, Words t) => items.Count switch
    {
        0 => t.Say("geen", "none"),
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + t.Say(" en ", " and ") + items[^1],
    };
}

/// <summary>Picks the Dutch or English wording.</summary>
public sealed class Words(Language language)
{
    public Language Language { get; } = language;

    public string Say(string dutch, string english) => Language == Language.English ? english : dutch;
}

public static class Dates
{
    private static readonly string[] DutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    private static readonly string[] EnglishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"22 november 2026" / "22 November 2026", independent of the machine's culture data.</summary>
    public static string Long(DateOnly date, Language language) =>
        $"{date.Day} {(language == Language.English ? EnglishMonths : DutchMonths)[date.Month - 1]} {date.Year}";
}
