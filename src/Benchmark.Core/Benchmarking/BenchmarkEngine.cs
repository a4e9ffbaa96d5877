using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Benchmarking;

/// <summary>
/// A scored submission that takes part in the benchmark. <paramref name="Complete"/>: nothing required is missing
/// (<c>SubmissionCompleteness</c>); an incomplete one never counts, whatever its status.
/// </summary>
public sealed record Participant(Municipality Municipality, Submission Submission, ScoreCard Card, SubmissionStatus Status, bool Complete);

/// <summary>A practice note an analyst approved (and perhaps edited) for others to read.</summary>
public sealed record ApprovedNote(string Municipality, string BlockId, string Text, string? ContactRole);

public sealed record BenchmarkInput(
    int Cycle,
    MaturityModel Model,
    MunicipalityRegister Register,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<CustomGroup> CustomGroups,
    IReadOnlyList<ApprovedNote> Notes,
    bool IncludeSubmitted = false);

/// <summary>The statistics of one measure (index, a domain or a block) in one group.</summary>
public sealed record MeasureStatistics(Measure Measure, GroupStatistics Statistics);

public sealed record GroupBenchmark(PeerGroup Group, IReadOnlyList<MeasureStatistics> Measures)
{
    public GroupStatistics Of(Measure measure) => Measures.First(m => m.Measure == measure).Statistics;
}

/// <summary>A municipality's value of one measure and its percentile rank in each of its groups (null where withheld).</summary>
public sealed record Position(Measure Measure, decimal Value, IReadOnlyDictionary<string, decimal?> PercentileRanks);

public sealed record MunicipalityPosition(string Municipality, IReadOnlyList<string> Groups, IReadOnlyList<Position> Positions);

/// <summary>A leader of a block: named only when it consented; otherwise only that there is one.</summary>
public sealed record Leader(string BlockId, string? Municipality, string? Name, int StagedLevel, decimal Score, ApprovedNote? Note)
{
    public bool IsNamed => Municipality is not null;
}

public sealed record CycleBenchmark(
    int Cycle,
    int Participants,
    IReadOnlyList<GroupBenchmark> Groups,
    IReadOnlyList<MunicipalityPosition> Positions,
    IReadOnlyDictionary<string, IReadOnlyList<Leader>> LeadersByBlock)
{
    public GroupBenchmark Group(string id) => Groups.First(g => g.Group.Id == id);

    public MunicipalityPosition? PositionOf(string municipality) => Positions.FirstOrDefault(p => p.Municipality == municipality);
}

/// <summary>
/// Compares every participating municipality with its peer groups. Rules and definitions: docs/benchmarking.md.
/// Same input, same output, in the same order.
/// </summary>
public static class BenchmarkEngine
{
    /// <summary>The index measure: <see cref="Measure.Index"/>.</summary>
    public static Measure Index => Measure.Index;

    public const int LeaderMinimumLevel = 4;
    public const decimal LeaderPercentileRank = 90m;

    /// <summary>
    /// Only complete approved submissions count, unless the input asks to include submitted ones too (<see cref="Counts"/>).
    /// </summary>
    public static IReadOnlyList<Participant> Counted(BenchmarkInput input) =>
        Counted(input.Participants, p => (p.Municipality, p.Status, p.Complete), input.Register, input.IncludeSubmitted);

    /// <summary>Who counts of any kind of participant (cards or summaries): those that <see cref="Counts"/>, in the register, by code.</summary>
    internal static IReadOnlyList<T> Counted<T>(IEnumerable<T> participants, Func<T, (Municipality Municipality, SubmissionStatus Status, bool Complete)> of, MunicipalityRegister register, bool includeSubmitted) => participants
        .Select(p => (Participant: p, Of: of(p)))
        .Where(x => Counts(x.Of.Status, x.Of.Complete, includeSubmitted))
        .Where(x => register.Find(x.Of.Municipality.Code) is not null)
        .OrderBy(x => x.Of.Municipality.Code, StringComparer.Ordinal)
        .Select(x => x.Participant)
        .ToList();

    /// <summary>
    /// The one rule for who counts in statistics, ranks, leaders and trends: an approved submission (or a submitted one
    /// when asked for) that is complete. One submitted or approved before completeness was checked stays out until it
    /// is completed.
    /// </summary>
    public static bool Counts(SubmissionStatus status, bool complete, bool includeSubmitted) =>
        complete && (status == SubmissionStatus.Approved || (includeSubmitted && status == SubmissionStatus.Submitted));

    /// <summary>
    /// Benchmarks the counted participants. Each is reduced to its <see cref="MeasureRow"/> first, so this is
    /// <see cref="Compute(CompactBenchmarkInput)"/> for callers that hold whole score cards anyway.
    /// </summary>
    public static CycleBenchmark Compute(BenchmarkInput input)
    {
        var layout = MeasureLayout.For(input.Model);
        var rows = Counted(input).Select(layout.Row).ToList();
        return Compute(new CompactBenchmarkInput(input.Cycle, input.Model, input.Register, rows, input.CustomGroups, input.Notes));
    }

    /// <summary>Benchmarks the counted participants of a cycle held as summaries (<see cref="ScoredCycle.Compact"/>).</summary>
    public static CycleBenchmark Compute(ScoredCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return Compute(cycle.Compact());
    }

    /// <summary>
    /// Benchmarks from one compact row of measure values per counted participant (issue 19): the caller scores each
    /// submission, keeps its row and may drop its card, so a cycle of many organisations never holds every card at once.
    /// Same results, byte for byte, as computing from the participants (tests: CompactEngineEqualityTests).
    /// </summary>
    public static CycleBenchmark Compute(CompactBenchmarkInput input) => CompactBenchmark.Compute(input);

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
