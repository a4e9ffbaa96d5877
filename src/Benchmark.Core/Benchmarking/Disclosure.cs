using System.Globalization;

namespace Benchmark.Core.Benchmarking;

/// <summary>
/// Small-group protection: the one place that decides which statistics of a group may leave the system. Every output
/// that hands out group figures to someone other than an analyst (position and learn-from in the API and on the pages,
/// the council report and its HTML twin, the national report that goes to every council) goes through
/// <see cref="Publish"/>, <see cref="PublishedMean"/>, <see cref="PublishedAnonymousLeaders"/> or <see cref="PublishedP75"/>.
/// The analyst-only API and pages show full figures (docs/benchmarking.md, "Who sees what").
/// <para>
/// The reader is assumed to be a member of the group who knows their own value, because every municipality is. What
/// they must not be able to derive is one other municipality's value. Therefore, counted without the reader:
/// </para>
/// <list type="bullet">
/// <item>under <see cref="MinimumGroupSize"/> values (fewer than 4 others) nothing but n: a mean of n values and your own gives away the sum of the others, which for one or two others is too close to their values;</item>
/// <item>from <see cref="MinimumGroupSize"/> values only n and the rounded mean: the sum of at least 4 unknown values, never one of them;</item>
/// <item>a median or quartile is an order statistic, in a small group often exactly one member's score (in a group of 5 the P25, median and P75 are three of the scores), so they come only from <see cref="OrderStatisticsFrom"/> values (at least 9 others to hide among), P10 and P90 from <see cref="DecilesFrom"/>;</item>
/// <item>never the minimum or maximum (always someone's exact score), and everything rounded for display precision.</item>
/// </list>
/// Rules and worked example: docs/benchmarking.md, "Small-group protection".
/// </summary>
public static class Disclosure
{
    /// <summary>Groups with fewer values are not described at all; with the reader's own value removed, at least 4 others remain.</summary>
    public const int MinimumGroupSize = 5;

    /// <summary>The median and the quartiles (values at a rank, possibly one member's score) are published from this many values.</summary>
    public const int OrderStatisticsFrom = 10;

    /// <summary>P10 and P90 (nearer the edges, where ranks hold fewer municipalities) from this many values.</summary>
    public const int DecilesFrom = 20;

    /// <summary>Decimals published: block and domain scores (1 to 5) to one decimal, the index (0 to 100) to a whole number.</summary>
    public static int Decimals(bool isIndex) => isIndex ? 0 : 1;

    /// <summary>The reason a group of n values is not described at all.</summary>
    public static string TooSmall(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"fewer than {MinimumGroupSize} municipalities (n = {n}); statistics are withheld to protect individual results");

    /// <summary>The reason a group of n values shows its mean but no median or spread.</summary>
    public static string MeanOnly(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"only the mean for groups under {OrderStatisticsFrom} (n = {n}): a median or quartile of so few could be one municipality's score");

    /// <summary>What a reader who knows their own value may see of one group's statistics for one measure.</summary>
    public static PublicStatistics Publish(GroupStatistics statistics, bool isIndex)
    {
        if (statistics.Distribution is not { } d || d.N < MinimumGroupSize)
        {
            return new PublicStatistics(statistics.N, null, null, null, null, null, null, statistics.WithheldReason ?? TooSmall(statistics.N));
        }

        decimal Round(decimal value) => Rounded(value, isIndex);
        var quartiles = d.N >= OrderStatisticsFrom;
        var deciles = d.N >= DecilesFrom;
        return new PublicStatistics(
            d.N,
            Round(d.Mean),
            quartiles ? Round(d.Median) : null,
            deciles ? Round(d.P10) : null,
            quartiles ? Round(d.P25) : null,
            quartiles ? Round(d.P75) : null,
            deciles ? Round(d.P90) : null,
            quartiles ? null : MeanOnly(d.N));
    }

    /// <summary>A value rounded to the published precision: never more decimals than a reader could use, so no exact sum can be recovered from a mean.</summary>
    /// <remarks>Cut off, never rounded up, as every figure the service shows (docs/scoring.md, "Presenting figures"): "a quarter reach P75 or more" must stay true.</remarks>
    public static decimal Rounded(decimal value, bool isIndex) => Text.Figures.Down(value, Decimals(isIndex));

    /// <summary>
    /// The mean of n values as it may be published (rounded), or null under <see cref="MinimumGroupSize"/>. For means that
    /// are not a <see cref="GroupStatistics"/>, such as the mean level of a block in a size class (national report heat map).
    /// </summary>
    public static decimal? PublishedMean(int n, decimal? mean, bool isIndex) =>
        n >= MinimumGroupSize && mean is { } m ? Rounded(m, isIndex) : null;

    /// <summary>Anonymous leaders are counted (never listed with a score) only in groups of at least this many values.</summary>
    /// <remarks>
    /// Under 10 values only the top score leads, so "one leader not named" beside a named leader's score says a
    /// non-consenting municipality has exactly that score; from 20 the leaders span the two top ranks and the count says
    /// no more than the published P90 already does.
    /// </remarks>
    public const int AnonymousLeadersFrom = DecilesFrom;

    /// <summary>How many leaders of a group of n values are not named, as may be published: null in groups under <see cref="AnonymousLeadersFrom"/>.</summary>
    public static int? PublishedAnonymousLeaders(int n, int anonymous) => n >= AnonymousLeadersFrom ? anonymous : null;

    /// <summary>
    /// The P75 a municipality's gap is measured against, as published: its own group's when that group publishes one,
    /// otherwise that of all municipalities. Null when neither does. Never the exact P75, which in a small group is a
    /// peer's score.
    /// </summary>
    public static (decimal P75, string GroupId)? PublishedP75(GroupBenchmark group, GroupBenchmark all, Measure measure)
    {
        foreach (var candidate in new[] { group, all })
        {
            if (Publish(candidate.Of(measure), isIndex: measure.IsIndex).P75 is { } p75)
            {
                return (p75, candidate.Group.Id);
            }
        }

        return null;
    }
}
