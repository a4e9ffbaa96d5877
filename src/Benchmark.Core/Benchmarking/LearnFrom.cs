using Benchmark.Core.Register;
using Benchmark.Core.Scoring;

namespace Benchmark.Core.Benchmarking;

/// <summary>One of a municipality's largest gaps, and consenting leaders to learn from.</summary>
/// <param name="ReferenceKind">"target" (its own ambition) or "peer-p75" (the 75th percentile of a peer group).</param>
/// <param name="ReferenceGroup">For "peer-p75": the group whose P75 it is (its own group, or all municipalities when that is too small).</param>
public sealed record Gap(string BlockId, decimal Score, decimal Reference, string ReferenceKind, string? ReferenceGroup, decimal Weight, decimal WeightedGap, IReadOnlyList<Leader> LearnFrom);

public sealed record LearnFromAdvice(string Municipality, int Cycle, string PeerGroupId, IReadOnlyList<Gap> Gaps);

/// <summary>"Who can we learn from?" — rules in docs/benchmarking.md.</summary>
public static class LearnFrom
{
    public const int GapsShown = 3;
    public const int LeadersPerGap = 3;

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
            var measure = BenchmarkEngine.BlockMeasure(block.BlockId);
            var peers = group.Of(measure).IsWithheld ? all : group;
            var (reference, kind, referenceGroup) = block.Target is { } target
                ? ((decimal)target, "target", (string?)null)
                : (peers.Of(measure).Distribution?.P75 ?? 0m, "peer-p75", peers.Group.Id);
            var weight = input.Model.BlocksById[block.BlockId].Weight;
            var distance = reference - block.Score!.Value;
            if (distance > 0)
            {
                gaps.Add(new Gap(block.BlockId, block.Score.Value, reference, kind, referenceGroup, weight, distance * weight, []));
            }
        }

        var top = gaps.OrderByDescending(g => g.WeightedGap).ThenBy(g => g.BlockId, StringComparer.Ordinal).Take(GapsShown).ToList();
        var result = top.Select(gap => gap with
        {
            LearnFrom = benchmark.LeadersByBlock[gap.BlockId]
                .Where(l => l.IsNamed && l.Municipality != municipality)
                .OrderByDescending(l => Similarity(self.Municipality, input.Register.Find(l.Municipality!)!))
                .ThenByDescending(l => l.Score)
                .ThenBy(l => l.Municipality, StringComparer.Ordinal)
                .Take(LeadersPerGap)
                .ToList(),
        }).ToList();
        return new LearnFromAdvice(municipality, input.Cycle, groupId, result);
    }

    /// <summary>How alike two municipalities are: same size class 3, same coarse class 1, same province 2, each shared collaboration 2.</summary>
    public static int Similarity(Municipality a, Municipality b) =>
        (a.SizeClass == b.SizeClass ? 3 : 0)
        + (a.CoarseSizeClass == b.CoarseSizeClass ? 1 : 0)
        + (a.Province == b.Province ? 2 : 0)
        + (2 * a.Collaborations.Intersect(b.Collaborations, StringComparer.Ordinal).Count());
}
