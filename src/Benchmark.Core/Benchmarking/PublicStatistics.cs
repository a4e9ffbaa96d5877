namespace Benchmark.Core.Benchmarking;

/// <summary>
/// Group statistics as they may leave the system for a reader who knows their own value: produced only by
/// <see cref="Disclosure.Publish"/>. No minimum or maximum, values rounded, and no median or quantile in a group where it
/// could be one identifiable municipality's score. The rule and its reasoning: docs/benchmarking.md, "Small-group protection".
/// </summary>
public sealed record PublicStatistics(int N, decimal? Mean, decimal? Median, decimal? P10, decimal? P25, decimal? P75, decimal? P90, string? WithheldReason)
{
    /// <summary>Kept as names the reports use; the numbers live in <see cref="Disclosure"/>.</summary>
    public const int QuartilesFrom = Disclosure.OrderStatisticsFrom;

    public const int DecilesFrom = Disclosure.DecilesFrom;

    public static PublicStatistics From(GroupStatistics statistics, bool isIndex) => Disclosure.Publish(statistics, isIndex);
}

/// <summary>One peer group as a member sees it: who the group is (not its member list) and its public statistics per measure.</summary>
public sealed record PublicGroup(string Id, string Label, PeerGroupKind Kind, IReadOnlyDictionary<Measure, PublicStatistics> Measures)
{
    public static PublicGroup From(GroupBenchmark group) => new(
        group.Group.Id,
        group.Group.Label,
        group.Group.Kind,
        group.Measures.ToDictionary(m => m.Measure, m => Disclosure.Publish(m.Statistics, m.Measure.IsIndex)));
}
