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
public sealed record ComputedBenchmark(BenchmarkSummary Summary, bool Reused);
