using Benchmark.Core.Register;
using Benchmark.Core.Scoring;

namespace Benchmark.Core.Benchmarking;

/// <summary>One cycle of a trend. Source: "own", "predecessors" (a merged municipality's earlier parts) or "none".</summary>
public sealed record TrendPoint(int Cycle, decimal? Score, string Source);

/// <summary>The results of one cycle, scored comparably with the latest questionnaire.</summary>
public sealed record CycleResults(int Cycle, MunicipalityRegister Register, IReadOnlyDictionary<string, ScoreCard> Cards);

/// <summary>
/// Results over cycles. For a merged municipality, the cycles before the merger combine its predecessors:
/// the population-weighted mean of their scores (population from that cycle's register), over the predecessors
/// that have a score, so a trend does not break at a merger. Rules in docs/benchmarking.md.
/// </summary>
public static class Trends
{
    public static IReadOnlyList<TrendPoint> ForBlock(string municipality, string blockId, IReadOnlyList<CycleResults> history, MunicipalityRegister latest) =>
        For(municipality, history, latest, card => card.Blocks.FirstOrDefault(b => b.BlockId == blockId)?.Score);

    public static IReadOnlyList<TrendPoint> ForIndex(string municipality, IReadOnlyList<CycleResults> history, MunicipalityRegister latest) =>
        For(municipality, history, latest, card => card.Index);

    public static IReadOnlyList<TrendPoint> For(string municipality, IReadOnlyList<CycleResults> history, MunicipalityRegister latest, Func<ScoreCard, decimal?> measure)
    {
        var points = new List<TrendPoint>();
        foreach (var cycle in history.OrderBy(h => h.Cycle))
        {
            if (cycle.Cards.TryGetValue(municipality, out var own) && measure(own) is { } value)
            {
                points.Add(new TrendPoint(cycle.Cycle, value, "own"));
                continue;
            }

            var parts = Predecessors(municipality, latest, cycle, history)
                .Select(code => (Code: code, Population: cycle.Register.Find(code)?.Population ?? 0, Score: cycle.Cards.TryGetValue(code, out var card) ? measure(card) : null))
                .Where(p => p.Score is not null && p.Population > 0)
                .ToList();
            points.Add(parts.Count == 0
                ? new TrendPoint(cycle.Cycle, null, "none")
                : new TrendPoint(cycle.Cycle, parts.Sum(p => p.Score!.Value * p.Population) / parts.Sum(p => p.Population), "predecessors"));
        }

        return points;
    }

    /// <summary>The municipalities a merged one was formed from, followed back through earlier mergers, as they existed in that cycle.</summary>
    private static List<string> Predecessors(string municipality, MunicipalityRegister latest, CycleResults cycle, IReadOnlyList<CycleResults> history)
    {
        var known = history.Select(h => h.Register).Append(latest).SelectMany(r => r.Municipalities)
            .GroupBy(m => m.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(m => m.Predecessors).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
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
