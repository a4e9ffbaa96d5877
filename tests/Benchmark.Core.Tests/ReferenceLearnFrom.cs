using Benchmark.Core.Benchmarking;
using Benchmark.Core.Scoring;

namespace Benchmark.Core.Tests;

/// <summary>
/// The learn-from advice as it was made before issue 19, one municipality at a time over every participant, kept as
/// the reference that <see cref="LearnFrom.Advisor"/> must equal (<see cref="CompactEngineEqualityTests"/>).
/// </summary>
internal static class ReferenceLearnFrom
{
    public static LearnFromAdvice For(BenchmarkInput input, CycleBenchmark benchmark, string municipality, string? peerGroupId = null)
    {
        var counted = BenchmarkEngine.Counted(input);
        var self = counted.FirstOrDefault(p => p.Municipality.Code == municipality)
                   ?? throw new ArgumentException($"{municipality} has no counted submission in cycle {input.Cycle}.", nameof(municipality));
        var groupId = peerGroupId ?? PeerGroups.DefaultGroupId(self.Municipality);
        var group = benchmark.Group(groupId);
        var all = benchmark.Group("all");

        var gaps = new List<Gap>();
        foreach (var block in self.Card.Blocks.Where(b => b.Status == ScoreStatus.Scored))
        {
            var measure = Measure.Block(block.BlockId);

            // The peer reference is the P75 as the municipality may see it (Disclosure), so the advice never carries a
            // number that the position does not publish.
            var (reference, kind, referenceGroup) = block.Target is { } target
                ? ((decimal)target, "target", (string?)null)
                : Disclosure.PublishedP75(group, all, measure) is { } published
                    ? (published.P75, "peer-p75", published.GroupId)
                    : (0m, "peer-p75", (string?)null);
            var weight = input.Model.BlocksById[block.BlockId].Weight;
            var distance = reference - block.Score!.Value;
            if (distance > 0)
            {
                gaps.Add(new Gap(block.BlockId, block.Score.Value, reference, kind, referenceGroup, weight, distance * weight, []));
            }
        }

        var top = gaps.OrderByDescending(g => g.WeightedGap).ThenBy(g => g.BlockId, StringComparer.Ordinal).Take(LearnFrom.GapsShown).ToList();
        var result = top.Select(gap =>
        {
            var (basis, learnFrom) = WhomToLearnFrom(input, benchmark, counted, self, gap.BlockId);
            return gap with { LearnFrom = learnFrom, Basis = basis };
        }).ToList();
        return new LearnFromAdvice(municipality, input.Cycle, groupId, result);
    }

    /// <summary>
    /// Whom a municipality can learn from on one block, and why. Someone is ahead when their score is at least
    /// <see cref="LearnFrom.ClearlyAheadBy"/> higher. Consenting leaders who are ahead come
    /// first; when there are none, any consenting municipality that is ahead; when nobody ahead consented, nobody is
    /// named and the basis says whether those ahead are leaders; when nobody in the country is ahead, it says that.
    /// </summary>
    private static (string Basis, IReadOnlyList<Leader> LearnFrom) WhomToLearnFrom(BenchmarkInput input, CycleBenchmark benchmark, IReadOnlyList<Participant> counted, Participant self, string blockId)
    {
        var bar = self.Card.Blocks.First(b => b.BlockId == blockId).Score!.Value + LearnFrom.ClearlyAheadBy;
        var leaders = benchmark.LeadersByBlock.GetValueOrDefault(blockId) ?? [];
        var leadersAhead = leaders.Where(l => l.Score >= bar && l.Municipality != self.Municipality.Code).ToList();
        var namedLeaders = leadersAhead.Where(l => l.IsNamed).ToList();
        if (namedLeaders.Count > 0)
        {
            return (LearnFromBasis.Leaders, MostSimilar(input, self, namedLeaders));
        }

        var ahead = counted
            .Where(p => p.Municipality.Code != self.Municipality.Code)
            .Select(p => (Participant: p, Block: p.Card.Blocks.FirstOrDefault(b => b.BlockId == blockId)))
            .Where(x => x.Block is { Status: ScoreStatus.Scored, Score: { } score } && score >= bar)
            .ToList();
        if (ahead.Count == 0)
        {
            return (LearnFromBasis.NobodyAhead, []);
        }

        var consenting = ahead.Where(x => x.Participant.Submission.ConsentToBeNamed)
            .Select(x => new Leader(blockId, x.Participant.Municipality.Code, x.Participant.Municipality.Name, x.Block!.StagedLevel!.Value, x.Block.Score!.Value,
                input.Notes.FirstOrDefault(n => n.BlockId == blockId && n.Municipality == x.Participant.Municipality.Code)))
            .ToList();
        if (consenting.Count > 0)
        {
            return (LearnFromBasis.Ahead, MostSimilar(input, self, consenting));
        }

        return (leadersAhead.Count > 0 ? LearnFromBasis.LeadersAnonymous : LearnFromBasis.AheadAnonymous, []);
    }

    private static List<Leader> MostSimilar(BenchmarkInput input, Participant self, IEnumerable<Leader> candidates) => candidates
        .OrderByDescending(l => LearnFrom.Similarity(self.Municipality, input.Register.Find(l.Municipality!)!))
        .ThenByDescending(l => l.Score)
        .ThenBy(l => l.Municipality, StringComparer.Ordinal)
        .Take(LearnFrom.LeadersPerGap)
        .ToList();

}
