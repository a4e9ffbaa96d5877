using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Benchmarking;

/// <summary>One cycle of a trend. Source: "own", "predecessors" (a merged municipality's earlier parts) or "none".</summary>
public sealed record TrendPoint(int Cycle, decimal? Score, string Source)
{
    /// <summary>
    /// The blocks (of this trend) whose definition in this cycle's questionnaire differs from the latest one's. Their
    /// score is compared only on what both versions measure, so a change there is not a change the municipality made.
    /// </summary>
    public IReadOnlyList<string> ChangedBlocks { get; init; } = [];

    public bool DefinitionChanged => ChangedBlocks.Count > 0;

    /// <summary>The source of a cycle measured against an earlier model version: not comparable, so it has no score.</summary>
    public const string OtherModel = "other-model";
}

/// <summary>
/// What a trend reads of one comparably scored submission: its index and block scores, kept instead of its score card so
/// the history of a large cycle does not hold every card (issue 19).
/// </summary>
public sealed class TrendScores
{
    private readonly string[] _blockIds;
    private readonly decimal?[] _blockScores;

    private TrendScores(decimal? index, string[] blockIds, decimal?[] blockScores)
    {
        Index = index;
        _blockIds = blockIds;
        _blockScores = blockScores;
    }

    public decimal? Index { get; }

    /// <summary>The score of the card's first block with this id, as <c>card.Blocks.FirstOrDefault(...)?.Score</c>; null without one.</summary>
    public decimal? Block(string blockId)
    {
        for (var b = 0; b < _blockIds.Length; b++)
        {
            if (string.Equals(_blockIds[b], blockId, StringComparison.Ordinal))
            {
                return _blockScores[b];
            }
        }

        return null;
    }

    /// <param name="sameBlocks">A previous one whose block ids to share when the card has the same, so a cycle keeps one list of them.</param>
    public static TrendScores Of(ScoreCard card, TrendScores? sameBlocks = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var scores = new decimal?[card.Blocks.Count];
        var sharing = sameBlocks is not null && sameBlocks._blockIds.Length == card.Blocks.Count;
        for (var b = 0; b < scores.Length; b++)
        {
            scores[b] = card.Blocks[b].Score;
            sharing = sharing && string.Equals(sameBlocks!._blockIds[b], card.Blocks[b].BlockId, StringComparison.Ordinal);
        }

        return new TrendScores(card.Index, sharing ? sameBlocks!._blockIds : card.Blocks.Select(b => b.BlockId).ToArray(), scores);
    }
}

/// <summary>The results of one cycle, scored comparably with the latest questionnaire (<see cref="Trends.Comparable"/>).</summary>
public sealed record CycleResults(int Cycle, MunicipalityRegister Register, IReadOnlyDictionary<string, TrendScores> Scores)
{
    /// <summary>The cycle was measured against another model version than the latest: no score of it is comparable.</summary>
    public bool OtherModel { get; init; }

    /// <summary>The blocks whose definition in this cycle's questionnaire differs from the latest one's (<see cref="ComparisonBasis.ChangedBlocks"/>).</summary>
    public IReadOnlySet<string> ChangedBlocks { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>The submissions of one cycle that count for a trend, with that cycle's register.</summary>
public sealed record CycleSubmissions(int Cycle, MunicipalityRegister Register, IReadOnlyList<Submission> Submissions);

/// <summary>
/// Results over cycles. For a merged municipality, the cycles before the merger combine its predecessors:
/// the population-weighted mean of their scores (population from that cycle's register), over the predecessors
/// that have a score, so a trend does not break at a merger. Rules in docs/benchmarking.md.
/// </summary>
public static class Trends
{
    /// <summary>
    /// Every cycle's submissions scored on one basis: what the oldest questionnaire version among them and
    /// <paramref name="latestVersion"/> both measure (<see cref="ComparisonBasis"/>), the latest cycle included, so a
    /// line moves only where answers moved. Each cycle records the blocks whose definition changed since its version.
    /// </summary>
    public static IReadOnlyList<CycleResults> Comparable(QuestionnaireCatalog catalog, string latestVersion, IReadOnlyList<CycleSubmissions> cycles)
    {
        // Cycles measured against an earlier model version stay in the line as years without a comparable score.
        bool Comparable(CycleSubmissions c) => c.Submissions.All(s => ComparisonBasis.SameModel(catalog, s.QuestionnaireVersion, latestVersion));
        var versions = cycles.Where(Comparable).SelectMany(c => c.Submissions).Select(s => s.QuestionnaireVersion).Distinct(StringComparer.Ordinal).ToList();
        var basis = ComparisonBasis.Spanning(catalog, versions, latestVersion);
        var changedSince = versions.ToDictionary(v => v, v => ComparisonBasis.Between(catalog, v, latestVersion).ChangedBlocks, StringComparer.Ordinal);
        return cycles
            .Select(c => Comparable(c)
                ? new CycleResults(c.Cycle, c.Register, ScoresOf(catalog, basis, c.Submissions))
                {
                    ChangedBlocks = c.Submissions.SelectMany(s => changedSince[s.QuestionnaireVersion]).ToHashSet(StringComparer.Ordinal),
                }
                : new CycleResults(c.Cycle, c.Register, new Dictionary<string, TrendScores>(StringComparer.Ordinal)) { OtherModel = true })
            .ToList();
    }

    /// <summary>Each submission scored on the basis and kept as its trend scores; its card is dropped at once.</summary>
    private static Dictionary<string, TrendScores> ScoresOf(QuestionnaireCatalog catalog, ComparisonBasis basis, IReadOnlyList<Submission> submissions)
    {
        var scores = new Dictionary<string, TrendScores>(submissions.Count, StringComparer.Ordinal);
        TrendScores? previous = null;
        foreach (var submission in submissions)
        {
            previous = TrendScores.Of(basis.Score(catalog, submission), previous);

            // Add, as ToDictionary did: a second submission of one municipality in a cycle throws, as it did.
            scores.Add(submission.Municipality, previous);
        }

        return scores;
    }

    public static IReadOnlyList<TrendPoint> ForBlock(string municipality, string blockId, IReadOnlyList<CycleResults> history, MunicipalityRegister latest) =>
        For(municipality, history, latest, scores => scores.Block(blockId), cycle => cycle.ChangedBlocks.Contains(blockId) ? [blockId] : []);

    public static IReadOnlyList<TrendPoint> ForIndex(string municipality, IReadOnlyList<CycleResults> history, MunicipalityRegister latest) =>
        For(municipality, history, latest, scores => scores.Index, cycle => cycle.ChangedBlocks.Order(StringComparer.Ordinal).ToList());

    /// <param name="changedBlocks">The blocks, among those <paramref name="measure"/> covers, whose definition changed since that cycle.</param>
    public static IReadOnlyList<TrendPoint> For(
        string municipality,
        IReadOnlyList<CycleResults> history,
        MunicipalityRegister latest,
        Func<TrendScores, decimal?> measure,
        Func<CycleResults, IReadOnlyList<string>>? changedBlocks = null)
    {
        var points = new List<TrendPoint>();
        foreach (var cycle in history.OrderBy(h => h.Cycle))
        {
            var changed = changedBlocks?.Invoke(cycle) ?? [];
            if (cycle.OtherModel)
            {
                points.Add(new TrendPoint(cycle.Cycle, null, TrendPoint.OtherModel));
                continue;
            }

            if (cycle.Scores.TryGetValue(municipality, out var own) && measure(own) is { } value)
            {
                points.Add(new TrendPoint(cycle.Cycle, value, "own") { ChangedBlocks = changed });
                continue;
            }

            var parts = Predecessors(municipality, latest, cycle, history)
                .Select(code => (Code: code, Population: cycle.Register.Find(code)?.Population ?? 0, Score: cycle.Scores.TryGetValue(code, out var scores) ? measure(scores) : null))
                .Where(p => p.Score is not null && p.Population > 0)
                .ToList();
            points.Add(parts.Count == 0
                ? new TrendPoint(cycle.Cycle, null, "none")
                : new TrendPoint(cycle.Cycle, parts.Sum(p => p.Score!.Value * p.Population) / parts.Sum(p => p.Population), "predecessors") { ChangedBlocks = changed });
        }

        return points;
    }

    /// <summary>
    /// Every municipality's direct predecessors in any of the registers, made once per history and latest register
    /// (a computation asks for thousands of trends from one history), not once per trend.
    /// </summary>
    private static Dictionary<string, List<string>> KnownPredecessors(IReadOnlyList<CycleResults> history, MunicipalityRegister latest)
    {
        if (PredecessorsByHistory.TryGetValue(history, out var made) && ReferenceEquals(made.Latest, latest))
        {
            return made.ByCode;
        }

        var known = history.Select(h => h.Register).Append(latest).SelectMany(r => r.Municipalities)
            .GroupBy(m => m.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(m => m.Predecessors).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        PredecessorsByHistory.AddOrUpdate(history, new KnownPredecessorsOf(latest, known));
        return known;
    }

    private sealed record KnownPredecessorsOf(MunicipalityRegister Latest, Dictionary<string, List<string>> ByCode);

    /// <summary>Kept as long as the history lives; a history is not changed once made.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<CycleResults>, KnownPredecessorsOf> PredecessorsByHistory = new();

    /// <summary>The municipalities a merged one was formed from, followed back through earlier mergers, as they existed in that cycle.</summary>
    private static List<string> Predecessors(string municipality, MunicipalityRegister latest, CycleResults cycle, IReadOnlyList<CycleResults> history)
    {
        var known = KnownPredecessors(history, latest);
        var result = new List<string>();
        var queue = new Queue<string>(known.GetValueOrDefault(municipality) ?? []);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var code = queue.Dequeue();
            if (!seen.Add(code))
            {
                continue;
            }

            if (cycle.Register.Find(code) is not null)
            {
                result.Add(code);
            }
            else
            {
                // It did not exist yet in that cycle: it was itself formed by a later merger.
                foreach (var earlier in known.GetValueOrDefault(code) ?? [])
                {
                    queue.Enqueue(earlier);
                }
            }
        }

        return result;
    }
}
