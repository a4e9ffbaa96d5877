using Benchmark.Core.Model;

namespace Benchmark.Core.Text;

/// <summary>
/// The one presentation rule for figures (docs/scoring.md, "Presenting figures"), used by every renderer and the API.
/// A figure is cut off (rounded down) at its precision, never rounded half up: a shown score then never reaches the
/// next level before the block does (4.99 shows as 4,9, not 5,0), a shown quantile never exceeds the true one (so
/// "a quarter reach X or more" stays true), and a percentage shows 100 only when 100 is reached. A distance (gap to a
/// target) is rounded up instead, so it shows 0 only when the target is met and always equals target minus shown score.
/// Cutting off composes (cut to 2 decimals, then to 1, equals cutting to 1), so the API's and the reports' figures
/// never disagree either.
/// </summary>
public static class Figures
{
    /// <summary>Scores on the level scale 1–5 in the API, the CLI and the web pages.</summary>
    public const int ScoreDecimals = 2;

    /// <summary>The index (0–100) and completeness in the API, the CLI and the web pages.</summary>
    public const int IndexDecimals = 1;

    /// <summary>Scores on the level scale in the council and national reports, written for people who read, not analyse.</summary>
    public const int ReportScoreDecimals = 1;

    /// <summary>The index in the reports, and every percentage everywhere (percent of target, percentile rank, response rate).</summary>
    public const int WholeNumber = 0;

    /// <summary>The value a figure shows at <paramref name="decimals"/>: cut off towards minus infinity.</summary>
    public static decimal Down(decimal value, int decimals)
    {
        var factor = Factor(decimals);
        return decimal.Floor(value * factor) / factor;
    }

    /// <summary>The value a distance shows at <paramref name="decimals"/>: rounded up, so it is zero only when nothing is left.</summary>
    public static decimal Up(decimal value, int decimals)
    {
        var factor = Factor(decimals);
        return decimal.Ceiling(value * factor) / factor;
    }

    public static decimal? Down(decimal? value, int decimals) => value is { } v ? Down(v, decimals) : null;

    public static decimal? Up(decimal? value, int decimals) => value is { } v ? Up(v, decimals) : null;

    /// <summary>A score (1–5) as a report prints it: "4,9".</summary>
    public static string ReportScore(decimal value, Language language) => Numbers.Format(value, ReportScoreDecimals, language);

    /// <summary>The index (0–100) as a report prints it: "74".</summary>
    public static string ReportIndex(decimal value, Language language) => Numbers.Format(value, WholeNumber, language);

    /// <summary>A percentage as a whole number without the sign: "99" for 99.9.</summary>
    public static string Percent(decimal value, Language language) => Numbers.Format(value, WholeNumber, language);

    /// <summary>A score (1–5) at the API's precision: "4,99".</summary>
    public static string Score(decimal value, Language language) => Numbers.Format(value, ScoreDecimals, language);

    /// <summary>The index or completeness (0–100) at the API's precision: "74,9".</summary>
    public static string Index(decimal value, Language language) => Numbers.Format(value, IndexDecimals, language);

    /// <summary>A gap to a target at the API's precision, rounded up: "0,01" for 0.005.</summary>
    public static string Gap(decimal value, Language language) => Numbers.Text(Up(value, ScoreDecimals), ScoreDecimals, language);

    private static decimal Factor(int decimals) => decimals switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        _ => throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "figures are shown with 0 to 3 decimals"),
    };
}

/// <summary>
/// The API's figures at the precision <see cref="Figures"/> documents, so a client shows what the reports show: scores
/// to 2 decimals and the index, completeness and percentile ranks to 1, cut off; gaps rounded up; percent of target
/// whole, cut off. Weights are model input and pass through unchanged.
/// </summary>
public static class ApiFigures
{
    public static Scoring.ScoreCard Shown(Scoring.ScoreCard card) => card with
    {
        Index = Figures.Down(card.Index, Figures.IndexDecimals),
        OverallScore = Figures.Down(card.OverallScore, Figures.ScoreDecimals),
        Completeness = Figures.Down(card.Completeness, Figures.IndexDecimals),
        Domains = card.Domains.Select(d => d with { Score = Figures.Down(d.Score, Figures.ScoreDecimals) }).ToList(),
        Blocks = card.Blocks.Select(b => b with
        {
            Score = Figures.Down(b.Score, Figures.ScoreDecimals),
            Completeness = Figures.Down(b.Completeness, Figures.IndexDecimals),
            GapToTarget = Figures.Up(b.GapToTarget, Figures.ScoreDecimals),
            PercentToTarget = Figures.Down(b.PercentToTarget, Figures.WholeNumber),
            Questions = b.Questions.Select(q => q with { Score = Figures.Down(q.Score, Figures.ScoreDecimals) }).ToList(),
        }).ToList(),
    };

    public static Benchmarking.MunicipalityPosition Shown(Benchmarking.MunicipalityPosition position) => position with
    {
        Positions = position.Positions.Select(p => p with
        {
            Value = Figures.Down(p.Value, p.Measure.IsIndex ? Figures.IndexDecimals : Figures.ScoreDecimals),
            PercentileRanks = p.PercentileRanks.ToDictionary(r => r.Key, r => Figures.Down(r.Value, Figures.IndexDecimals), StringComparer.Ordinal),
        }).ToList(),
    };

    public static IReadOnlyList<Benchmarking.TrendPoint> Shown(IReadOnlyList<Benchmarking.TrendPoint> trend, bool isIndex) =>
        trend.Select(p => p with { Score = Figures.Down(p.Score, isIndex ? Figures.IndexDecimals : Figures.ScoreDecimals) }).ToList();

    /// <summary>The advice with its scores cut off; the reference is a target level or the peers' P75, cut off likewise, and the gap between them rounded up.</summary>
    public static Benchmarking.LearnFromAdvice Shown(Benchmarking.LearnFromAdvice advice) => advice with
    {
        Gaps = advice.Gaps.Select(g => g with
        {
            Score = Figures.Down(g.Score, Figures.ScoreDecimals),
            Reference = Figures.Down(g.Reference, Figures.ScoreDecimals),
            WeightedGap = Figures.Up(g.WeightedGap, Figures.ScoreDecimals),
            LearnFrom = g.LearnFrom.Select(l => l with { Score = Figures.Down(l.Score, Figures.ScoreDecimals) }).ToList(),
        }).ToList(),
    };
}
