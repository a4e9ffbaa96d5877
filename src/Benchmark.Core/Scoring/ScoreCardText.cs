using System.Text;
using Benchmark.Core.Model;
using Benchmark.Core.Text;

namespace Benchmark.Core.Scoring;

/// <summary>The plain-text rendering of a score card, as the CLI prints it.</summary>
public static class ScoreCardText
{
    public static string Format(ScoreCard card, MaturityModel model, Questionnaire questionnaire, Language language, string? municipalityName = null)
    {
        var nl = language == Language.Dutch;
        string T(string dutch, string english) => nl ? dutch : english;
        string N(decimal? value, int decimals) => value is null ? "–" : Numbers.Format(value.Value, decimals, language);

        var text = new StringBuilder();
        var who = municipalityName is null ? card.Municipality : $"{municipalityName} ({card.Municipality})";
        text.AppendLine($"{who} — {T("cyclus", "cycle")} {card.Cycle}, {T("vragenlijst", "questionnaire")} {card.QuestionnaireVersion}");
        var allNotApplicable = card.Blocks.All(b => b.Status == ScoreStatus.NotApplicable);
        text.AppendLine(card.Index is null
            ? allNotApplicable
                ? T("Index: niet te berekenen (alle bouwstenen zijn niet van toepassing)", "Index: not available (no building block applies)")
                : T("Index: nog niet te berekenen (geen bouwsteen beantwoord)", "Index: not yet available (no building block answered)")
            : $"Index: {N(card.Index, Figures.IndexDecimals)} / 100 ({T("gemiddelde score", "mean score")} {N(card.OverallScore, Figures.ScoreDecimals)} {T("op de niveauschaal 1–5", "on the level scale 1–5")})");
        text.AppendLine($"{T("Volledigheid", "Completeness")}: {N(card.Completeness, Figures.IndexDecimals)}% ({card.CompletedQuestions} {T("van", "of")} {card.RequiredQuestions} {T("verplichte vragen", "required questions")}){(card.IsComplete ? "" : T(" — onvolledig", " — incomplete"))}");
        text.AppendLine();

        var domainRows = new List<string[]> { new[] { T("Domein", "Domain"), "Score", T("Blokken", "Blocks") } };
        foreach (var domain in card.Domains)
        {
            var counts = T($"{domain.BlocksScored} gescoord", $"{domain.BlocksScored} scored")
                         + (domain.BlocksNotApplicable > 0 ? T($", {domain.BlocksNotApplicable} n.v.t.", $", {domain.BlocksNotApplicable} n/a") : "")
                         + (domain.BlocksUnanswered > 0 ? T($", {domain.BlocksUnanswered} open", $", {domain.BlocksUnanswered} unanswered") : "");
            domainRows.Add([model.DomainsById[domain.DomainId].Name.In(language), StatusOr(domain.Status, N(domain.Score, Figures.ScoreDecimals), language), counts]);
        }

        AppendTable(text, domainRows, rightAligned: [1]);
        text.AppendLine();

        var blockRows = new List<string[]>
        {
            new[] { T("Bouwsteen", "Building block"), "Score", T("Niveau", "Level"), T("Gekozen", "Claimed"), T("Volledig", "Complete"), T("Doel", "Target"), T("Afstand", "Gap"), T("% van doel", "% of target") },
        };
        var notes = new List<string>();
        foreach (var block in card.Blocks)
        {
            var name = model.BlocksById[block.BlockId].Name.In(language);
            blockRows.Add(
            [
                name,
                StatusOr(block.Status, N(block.Score, Figures.ScoreDecimals), language),
                block.StagedLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                block.ClaimedLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Figures.Percent(block.Completeness, language) + "%",
                block.Target?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                block.GapToTarget is { } gap ? Figures.Gap(gap, language) : "",
                block.PercentToTarget is { } percent ? Figures.Percent(percent, language) + "%" : "",
            ]);
            // The lowest unmet condition decides the level; the others would not change it.
            if (block.Caps.Count > 0)
            {
                var cap = block.Caps[0];
                var question = questionnaire.QuestionsById[cap.QuestionId].Text.In(language);
                var answer = cap switch
                {
                    { Unanswered: true } => T("niet beantwoord", "not answered"),
                    { NotApplicable: true } => T("n.v.t., telt als niet vervuld", "not applicable, counts as not met"),
                    _ => T("niet vervuld", "not met"),
                };
                notes.Add(T(
                    $"{name}: niveau {block.StagedLevel} in plaats van {block.ClaimedLevel}. Voorwaarde voor niveau {cap.RequiredForLevel} ({answer}): {question}",
                    $"{name}: level {block.StagedLevel} instead of {block.ClaimedLevel}. Condition for level {cap.RequiredForLevel} ({answer}): {question}"));
            }
        }

        AppendTable(text, blockRows, rightAligned: [1, 2, 3, 4, 5, 6, 7]);
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine(note);
            }
        }

        return text.ToString();
    }

    private static string StatusOr(ScoreStatus status, string score, Language language) => status switch
    {
        ScoreStatus.Scored => score,
        ScoreStatus.NotApplicable => language == Language.Dutch ? "n.v.t." : "n/a",
        _ => language == Language.Dutch ? "open" : "unanswered",
    };

    private static void AppendTable(StringBuilder text, List<string[]> rows, int[] rightAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => rightAligned.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
