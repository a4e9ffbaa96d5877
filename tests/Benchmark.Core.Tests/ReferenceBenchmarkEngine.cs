using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

// The benchmark engine as it was before issue 19 made it compact (per-participant score cards, per-position
// dictionaries of ranks), kept word for word as the reference the compact engine must agree with byte for byte.
/// <summary>
/// The previous engine: compares every participating municipality with its peer groups. Rules and definitions: docs/benchmarking.md.
/// Same input, same output, in the same order.
/// </summary>
public static class ReferenceBenchmarkEngine
{
    /// <summary>The index measure: <see cref="Measure.Index"/>.</summary>
    public static Measure Index => Measure.Index;

    public const int LeaderMinimumLevel = 4;
    public const decimal LeaderPercentileRank = 90m;

    /// <summary>
    /// Only complete approved submissions count, unless the input asks to include submitted ones too (<see cref="Counts"/>).
    /// </summary>
    public static IReadOnlyList<Participant> Counted(BenchmarkInput input) => input.Participants
        .Where(p => Counts(p.Status, p.Complete, input.IncludeSubmitted))
        .Where(p => input.Register.Find(p.Municipality.Code) is not null)
        .OrderBy(p => p.Municipality.Code, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The one rule for who counts in statistics, ranks, leaders and trends: an approved submission (or a submitted one
    /// when asked for) that is complete. One submitted or approved before completeness was checked stays out until it
    /// is completed.
    /// </summary>
    public static bool Counts(SubmissionStatus status, bool complete, bool includeSubmitted) =>
        complete && (status == SubmissionStatus.Approved || (includeSubmitted && status == SubmissionStatus.Submitted));

    public static CycleBenchmark Compute(BenchmarkInput input)
    {
        var counted = Counted(input);
        var byCode = counted.ToDictionary(p => p.Municipality.Code, StringComparer.Ordinal);
        var groups = PeerGroups.For(input.Register, input.CustomGroups);
        var measures = Measures(input.Model);

        // Each group's sorted values per measure, computed once: statistics and every member's rank come from them.
        var sorted = groups.ToDictionary(
            g => g.Id,
            g =>
            {
                var members = g.Members.Where(byCode.ContainsKey).Select(c => byCode[c]).ToList();
                return measures.ToDictionary(m => m, m => Values(members, m).Order().ToList());
            },
            StringComparer.Ordinal);
        var groupResults = groups.Select(g => new GroupBenchmark(g, measures.Select(m => new MeasureStatistics(m, GroupStatistics.Of(sorted[g.Id][m]))).ToList())).ToList();

        // Each municipality's groups in the order of the groups, found in one pass rather than by asking every group.
        var groupsOf = new Dictionary<string, List<PeerGroup>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var code in group.Members.Distinct(StringComparer.Ordinal))
            {
                if (byCode.ContainsKey(code))
                {
                    (groupsOf.TryGetValue(code, out var list) ? list : groupsOf[code] = []).Add(group);
                }
            }
        }

        var positions = counted.Select(p =>
        {
            var memberOf = groupsOf.TryGetValue(p.Municipality.Code, out var found) ? found : [];
            var list = new List<Position>();
            foreach (var measure in measures)
            {
                if (Value(p, measure) is not { } value)
                {
                    continue;
                }

                var ranks = memberOf.ToDictionary(
                    g => g.Id,
                    g => sorted[g.Id][measure] is { Count: >= GroupStatistics.MinimumGroupSize } values ? Quantiles.PercentileRankInSorted(values, value) : (decimal?)null,
                    StringComparer.Ordinal);
                list.Add(new Position(measure, value, ranks));
            }

            return new MunicipalityPosition(p.Municipality.Code, memberOf.Select(g => g.Id).ToList(), list);
        }).ToList();

        var all = groups.First(g => g.Kind == PeerGroupKind.All);
        var leaders = input.Model.Blocks.ToDictionary(b => b.Id, b => (IReadOnlyList<Leader>)LeadersOf(input, counted, all, b.Id), StringComparer.Ordinal);
        return new CycleBenchmark(input.Cycle, counted.Count, groupResults, positions, leaders);
    }

    /// <summary>
    /// Leaders of a block in a group (docs/benchmarking.md, "Leaders"): staged level 4 or higher, and either the group's
    /// top score or a score that fewer than 10 % of the group beat. Counting only who is strictly ahead, rather than a
    /// mid-rank, keeps leaders when many share the top score (30 % at 5.00 would otherwise leave nobody). At most
    /// <see cref="NamedLeadersAtMost"/> consenting leaders are named, in <see cref="FairOrder"/>; the others follow
    /// without name. A group too small to describe has no leaders.
    /// </summary>
    public static List<Leader> LeadersOf(BenchmarkInput input, IReadOnlyList<Participant> counted, PeerGroup group, string blockId)
    {
        var members = counted.Where(p => group.Contains(p.Municipality.Code)).ToList();
        var scores = members.Select(p => Value(p, Measure.Block(blockId))).OfType<decimal>().Order().ToList();
        if (scores.Count < GroupStatistics.MinimumGroupSize)
        {
            return [];
        }

        // The first approved note of each municipality for this block, looked up rather than searched for every leader.
        var notes = new Dictionary<string, ApprovedNote>(StringComparer.Ordinal);
        foreach (var note in input.Notes.Where(n => n.BlockId == blockId))
        {
            notes.TryAdd(note.Municipality, note);
        }

        var leading = members
            .Select(p => (Participant: p, Block: p.Card.Blocks.FirstOrDefault(b => b.BlockId == blockId)))
            .Where(x => x.Block is { Status: ScoreStatus.Scored, StagedLevel: >= LeaderMinimumLevel } && IsLeadingScore(scores, x.Block.Score!.Value))
            .ToList();
        var named = leading.Where(x => x.Participant.Submission.ConsentToBeNamed)
            .OrderByDescending(x => x.Block!.Score)
            .ThenBy(x => FairOrder(input.Cycle, blockId, x.Participant.Municipality.Code))
            .Take(NamedLeadersAtMost)
            .Select(x => new Leader(blockId, x.Participant.Municipality.Code, x.Participant.Municipality.EverydayName, x.Block!.StagedLevel!.Value, x.Block.Score!.Value,
                notes.GetValueOrDefault(x.Participant.Municipality.Code)));
        var anonymous = leading.Where(x => !x.Participant.Submission.ConsentToBeNamed)
            .OrderByDescending(x => x.Block!.Score)
            .ThenBy(x => FairOrder(input.Cycle, blockId, x.Participant.Municipality.Code))
            .Select(x => new Leader(blockId, null, null, x.Block!.StagedLevel!.Value, x.Block.Score!.Value, null));
        return [.. named, .. anonymous];
    }

    /// <summary>At most this many leaders of one block are named, so a block where a third of the country is at the top does not become a list of a hundred.</summary>
    public const int NamedLeadersAtMost = 10;

    /// <summary>A score leads when fewer than 10 % of the scores are strictly higher: the top decile, counting ties, and always the top score itself.</summary>
    public static bool IsLeadingScore(IReadOnlyList<decimal> sortedScores, decimal score) =>
        100m * sortedScores.Count(s => s > score) / sortedScores.Count < 100m - LeaderPercentileRank;

    /// <summary>
    /// The order among leaders with the same score: a hash of cycle, block and code, stable for one computation but
    /// different per block and per cycle, so municipalities with an early code are not always the ones named first.
    /// </summary>
    public static uint FairOrder(int cycle, string blockId, string municipality)
    {
        // FNV-1a: deterministic across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in $"{cycle}|{blockId}|{municipality}")
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }

    public static IReadOnlyList<Measure> Measures(MaturityModel model) =>
        [Index, .. model.Domains.Select(d => Measure.Domain(d.Id)), .. model.Blocks.Select(b => Measure.Block(b.Id))];

    /// <summary>The value of a measure for one participant; null when not scored (not applicable or open).</summary>
    public static decimal? Value(Participant participant, Measure measure) => measure.Kind switch
    {
        MeasureKind.Index => participant.Card.Index,
        MeasureKind.Domain => ScoreOfDomain(participant.Card, measure.Id!),
        MeasureKind.Block => ScoreOfBlock(participant.Card, measure.Id!),
        _ => throw new ArgumentException($"Unknown measure kind {measure.Kind}.", nameof(measure)),
    };

    // Loops rather than LINQ: this runs for every member, measure and group, and must not allocate.
    private static decimal? ScoreOfDomain(ScoreCard card, string domainId)
    {
        foreach (var domain in card.Domains)
        {
            if (string.Equals(domainId, domain.DomainId, StringComparison.Ordinal))
            {
                return domain.Score;
            }
        }

        return null;
    }

    private static decimal? ScoreOfBlock(ScoreCard card, string blockId)
    {
        foreach (var block in card.Blocks)
        {
            if (string.Equals(blockId, block.BlockId, StringComparison.Ordinal))
            {
                return block.Score;
            }
        }

        return null;
    }

    private static List<decimal> Values(IEnumerable<Participant> members, Measure measure) =>
        members.Select(m => Value(m, measure)).OfType<decimal>().ToList();
}
