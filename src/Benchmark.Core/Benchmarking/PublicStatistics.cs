namespace Benchmark.Core.Benchmarking;

/// <summary>
/// Group statistics as a municipality, its council or a council report may see them. Stricter than what analysts
/// see, because a municipality also knows its own score and the groups it belongs to: no minimum or maximum
/// (always someone's exact score), values rounded (exact decimals would identify a municipality across groups),
/// quartiles only from 10 members and P10/P90 only from 20 (in a group of 5 the quartiles are five actual scores).
/// </summary>
public sealed record PublicStatistics(int N, decimal? Mean, decimal? Median, decimal? P10, decimal? P25, decimal? P75, decimal? P90, string? WithheldReason)
{
    public const int QuartilesFrom = 10;
    public const int DecilesFrom = 20;

    public static PublicStatistics From(GroupStatistics statistics, bool isIndex)
    {
        if (statistics.Distribution is not { } d)
        {
            return new PublicStatistics(statistics.N, null, null, null, null, null, null, statistics.WithheldReason);
        }

        var decimals = isIndex ? 0 : 1;
        decimal Round(decimal value) => Text.Figures.Down(value, decimals); // cut off, never up: "a quarter reach P75 or more" must stay true
        var quartiles = d.N >= QuartilesFrom;
        var deciles = d.N >= DecilesFrom;
        return new PublicStatistics(
            d.N,
            Round(d.Mean),
            Round(d.Median),
            deciles ? Round(d.P10) : null,
            quartiles ? Round(d.P25) : null,
            quartiles ? Round(d.P75) : null,
            deciles ? Round(d.P90) : null,
            quartiles ? null : $"only mean and median for groups under {QuartilesFrom} (n = {d.N})");
    }
}

/// <summary>One peer group as a member sees it: who the group is (not its member list) and its public statistics per measure.</summary>
public sealed record PublicGroup(string Id, string Label, PeerGroupKind Kind, IReadOnlyDictionary<string, PublicStatistics> Measures)
{
    public static PublicGroup From(GroupBenchmark group) => new(
        group.Group.Id,
        group.Group.Label,
        group.Group.Kind,
        group.Measures.ToDictionary(m => m.Measure, m => PublicStatistics.From(m.Statistics, m.Measure == BenchmarkEngine.Index), StringComparer.Ordinal));
}
