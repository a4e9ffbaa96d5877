using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Benchmarking;

/// <summary>How many municipalities of a group reached each level of one block; withheld for groups under 5.</summary>
public sealed record LevelCounts(int N, IReadOnlyList<int>? CountsByLevel, decimal? MeanLevel, string? WithheldReason);

public sealed record AdoptionRow(string GroupId, string Label, IReadOnlyDictionary<string, LevelCounts> Blocks);

public sealed record ResponseRow(string GroupId, string Label, int Municipalities, int Responded, int Approved, decimal ResponseRate, decimal? MeanCompleteness);

/// <summary>The national picture for analysts.</summary>
public sealed record NationalView(
    int Cycle,
    IReadOnlyList<AdoptionRow> AdoptionBySizeClass,
    IReadOnlyList<AdoptionRow> AdoptionByProvince,
    IReadOnlyDictionary<string, GroupStatistics> BlockDistributions,
    IReadOnlyDictionary<string, IReadOnlyList<Leader>> LeadersByBlock,
    IReadOnlyList<ResponseRow> ResponseBySizeClass,
    IReadOnlyList<ResponseRow> ResponseByProvince);

public static class NationalPicture
{
    public static NationalView Build(BenchmarkInput input, CycleBenchmark benchmark) => Build(ScoredCycle.Of(input), benchmark);

    /// <summary>The national picture from the participants' summaries: staged levels and completeness, no score card needed.</summary>
    public static NationalView Build(ScoredCycle input, CycleBenchmark benchmark)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(benchmark);
        var counted = input.Counted();
        var groups = PeerGroups.For(input.Register, input.CustomGroups);
        var bySize = groups.Where(g => g.Kind == PeerGroupKind.SizeClass).ToList();
        var byProvince = groups.Where(g => g.Kind == PeerGroupKind.Province).ToList();
        var all = benchmark.Group("all");

        return new NationalView(
            input.Cycle,
            bySize.Select(g => Adoption(input.Model, input.Layout, counted, g)).ToList(),
            byProvince.Select(g => Adoption(input.Model, input.Layout, counted, g)).ToList(),
            input.Model.Blocks.ToDictionary(b => b.Id, b => all.Of(Measure.Block(b.Id)), StringComparer.Ordinal),
            benchmark.LeadersByBlock,
            bySize.Select(g => Response(input, g)).ToList(),
            byProvince.Select(g => Response(input, g)).ToList());
    }

    private static AdoptionRow Adoption(MaturityModel model, MeasureLayout layout, IReadOnlyList<ParticipantSummary> counted, PeerGroup group)
    {
        var members = counted.Where(p => group.Contains(p.Municipality.Code)).ToList();
        return new AdoptionRow(group.Id, group.Label, model.Blocks.ToDictionary(b => b.Id, b =>
        {
            var block = layout.BlockNumber(b.Id);
            var levels = members.Select(p => layout.StagedLevel(p.Row, block)).OfType<int>().ToList();
            return levels.Count < GroupStatistics.MinimumGroupSize
                ? new LevelCounts(levels.Count, null, null, GroupStatistics.Of(levels.Select(l => (decimal)l).ToList()).WithheldReason)
                : new LevelCounts(levels.Count, Enumerable.Range(1, 5).Select(l => levels.Count(x => x == l)).ToList(), (decimal)levels.Sum() / levels.Count, null);
        }, StringComparer.Ordinal));
    }

    /// <summary>Response counts submitted and approved submissions; completeness is the mean over those, withheld under 5.</summary>
    private static ResponseRow Response(ScoredCycle input, PeerGroup group)
    {
        var responded = input.Participants.Where(p => group.Contains(p.Municipality.Code) && p.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved).ToList();
        return new ResponseRow(
            group.Id,
            group.Label,
            group.Members.Count,
            responded.Count,
            responded.Count(p => p.Status == SubmissionStatus.Approved),
            group.Members.Count == 0 ? 0 : 100m * responded.Count / group.Members.Count,
            responded.Count < GroupStatistics.MinimumGroupSize ? null : responded.Average(p => p.Completeness));
    }
}
