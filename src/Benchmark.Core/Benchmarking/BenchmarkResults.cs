using Benchmark.Core.Scoring;

namespace Benchmark.Core.Benchmarking;

/// <summary>A municipality's index and block scores over the cycles, comparable with the latest questionnaire.</summary>
public sealed record MunicipalityTrends(IReadOnlyList<TrendPoint> Index, IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> Blocks);

/// <summary>
/// What a municipality may see of one computation: its position, its groups' public statistics (no member lists, no
/// minimum or maximum, rounded), its learn-from advice and its trends.
/// </summary>
/// <param name="Card">The score card the run used (absent in results stored before it was kept), so a report shows what was benchmarked even after the submission changes.</param>
public sealed record MunicipalityResult(MunicipalityPosition Position, IReadOnlyList<PublicGroup> Groups, LearnFromAdvice Advice, MunicipalityTrends Trends, ScoreCard? Card = null);

/// <summary>One computation of a cycle's benchmark: readers see the results of its run id, whole.</summary>
public sealed record BenchmarkSummary(int Cycle, string RunId, DateTimeOffset ComputedAt, string ComputedBy, int Participants, bool IncludeSubmitted)
{
    /// <summary>
    /// A hash of everything the run was computed from (register, counted submissions of this and earlier cycles, peer
    /// groups, approved notes, model): equal fingerprints give equal results, so an unchanged round need not be computed
    /// again, nor its reports rendered again. Null for runs stored before it was kept.
    /// </summary>
    public string? InputFingerprint { get; init; }
}

/// <summary>A computation asked for only when its inputs changed: the run, and whether it is the one already stored.</summary>
public sealed record ComputedBenchmark(BenchmarkSummary Summary, bool Reused)
{
    /// <summary>Where this computation's time went; empty for a computation not timed.</summary>
    public ComputeTimings Timings { get; init; } = ComputeTimings.None;
}

/// <summary>The stages of a computation, in the order they first run.</summary>
public enum ComputeStage
{
    /// <summary>The cycle, its register, the notes, the groups and earlier cycles read; the fingerprint; the notes brought in line.</summary>
    Prepare,

    /// <summary>Waiting for the cycle's submissions and reading them (decompressing, parsing, checking), the next page fetched meanwhile.</summary>
    Read,

    /// <summary>Scoring each submission and checking it is complete, as it is read, keeping its summary rather than its card.</summary>
    Score,

    /// <summary>The engine (statistics, ranks, leaders of every group) and the national picture.</summary>
    Benchmark,

    /// <summary>Every cycle scored again on one comparable basis, for the trends.</summary>
    Trends,

    /// <summary>The plausibility flags raised and stored; each checked submission is scored again for its check.</summary>
    Flags,

    /// <summary>Each municipality's result made (its card scored again, position, public groups, advice, trends); inside <see cref="Write"/>, as the store asks for them.</summary>
    Results,

    /// <summary>Storing the run: serialising, compressing and the storage transactions, with <see cref="Results"/> made meanwhile.</summary>
    Write,
}

/// <summary>Time per stage of one computation (wall time; <see cref="ComputeStage.Results"/> is part of <see cref="ComputeStage.Write"/>).</summary>
public sealed record ComputeTimings(IReadOnlyDictionary<ComputeStage, TimeSpan> Stages, TimeSpan Total)
{
    public static ComputeTimings None { get; } = new(new Dictionary<ComputeStage, TimeSpan>(), TimeSpan.Zero);

    /// <summary>Bytes the process allocated while each stage ran: what the stage costs the garbage collector.</summary>
    public IReadOnlyDictionary<ComputeStage, long> Allocated { get; init; } = new Dictionary<ComputeStage, long>();

    public TimeSpan this[ComputeStage stage] => Stages.GetValueOrDefault(stage);
}
