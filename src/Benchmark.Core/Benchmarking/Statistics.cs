namespace Benchmark.Core.Benchmarking;

/// <summary>
/// Quantiles and percentile ranks as documented in docs/benchmarking.md (section "Peer-group statistics").
/// The definitions are the ones a municipality can reproduce in a spreadsheet, so every published number can be checked by hand.
/// </summary>
public static class Quantiles
{
    /// <summary>
    /// Excel's PERCENTILE.INC (inclusive linear interpolation): rank h = (n − 1) × p, interpolated between the
    /// sorted values at floor(h) and ceil(h). Chosen because it is what analysts get in Excel or LibreOffice,
    /// and because p = 0 and p = 1 are exactly the minimum and maximum.
    /// </summary>
    /// <param name="sortedAscending">The values, sorted from low to high. Unsorted input is refused rather than silently giving a wrong quantile.</param>
    /// <param name="p">The fraction, 0 to 1 (0.25 for P25).</param>
    /// <exception cref="ArgumentException">The list is empty or not sorted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p lies outside [0, 1] (an <see cref="ArgumentException"/> too).</exception>
    public static decimal Inclusive(IReadOnlyList<decimal> sortedAscending, decimal p)
    {
        RequireValues(sortedAscending, nameof(sortedAscending));
        if (p is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs p between 0 and 1.");
        }

        for (var i = 1; i < sortedAscending.Count; i++)
        {
            if (sortedAscending[i] < sortedAscending[i - 1])
            {
                throw new ArgumentException("The values must be sorted from low to high.", nameof(sortedAscending));
            }
        }

        var h = (sortedAscending.Count - 1) * p;
        var below = (int)decimal.Floor(h);
        var above = (int)decimal.Ceiling(h);
        var low = sortedAscending[below];

        // When h is a whole number the value itself is the answer, without any arithmetic that could round it.
        return below == above ? low : low + ((h - below) * (sortedAscending[above] - low));
    }

    /// <summary>
    /// Percentile rank of a value among values, 0 to 100, by the "mid-rank" definition:
    /// 100 × (number strictly below + ½ × number equal) / n. Equal values share one rank, so two municipalities with
    /// the same score are never placed apart; a group of one gives 50, the middle, not 0 or 100.
    /// </summary>
    /// <param name="sortedAscending">The values of the group. The result only counts them, so it does not depend on their order.</param>
    /// <param name="value">The value to rank; it need not be one of the values.</param>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public static decimal PercentileRank(IReadOnlyList<decimal> sortedAscending, decimal value)
    {
        RequireValues(sortedAscending, nameof(sortedAscending));
        var below = 0;
        var equal = 0;
        foreach (var v in sortedAscending)
        {
            if (v < value)
            {
                below++;
            }
            else if (v == value)
            {
                equal++;
            }
        }

        // below + equal / 2 is a whole or half number, so it is exact; the only rounding is the final division by n.
        return 100m * (below + (equal / 2m)) / sortedAscending.Count;
    }

    /// <summary>
    /// <see cref="PercentileRank"/> for values known to be sorted from low to high: the same counts and the same arithmetic,
    /// found by binary search, so ranking every member of a group costs n log n rather than n².
    /// </summary>
    internal static decimal PercentileRankInSorted(IReadOnlyList<decimal> sortedAscending, decimal value)
    {
        RequireValues(sortedAscending, nameof(sortedAscending));
        var below = CountBelow(sortedAscending, value, orEqual: false);
        var equal = CountBelow(sortedAscending, value, orEqual: true) - below;
        return 100m * (below + (equal / 2m)) / sortedAscending.Count;
    }

    /// <summary>How many of the sorted values lie below the value (or at it too), by binary search.</summary>
    private static int CountBelow(IReadOnlyList<decimal> sortedAscending, decimal value, bool orEqual)
    {
        int low = 0, high = sortedAscending.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var v = sortedAscending[middle];
            if (v < value || (orEqual && v == value))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static void RequireValues(IReadOnlyList<decimal> values, string paramName)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("There are no values to describe.", paramName);
        }
    }
}

/// <summary>n, mean, median (= P50), P10, P25, P75, P90, minimum and maximum of a non-empty set of values.</summary>
/// <remarks>The mean is a plain decimal division, not rounded here: rounding is for display, so totals never drift.</remarks>
public sealed record Distribution(int N, decimal Mean, decimal Median, decimal P10, decimal P25, decimal P75, decimal P90, decimal Min, decimal Max)
{
    /// <summary>Describes the values, in any order; the quantiles are <see cref="Quantiles.Inclusive"/>.</summary>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static Distribution Of(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A distribution needs at least one value.", nameof(values));
        }

        return OfSorted(sorted);
    }

    /// <summary><see cref="Of"/> for values already sorted as it sorts them (stable), so the engine sorts each group once.</summary>
    internal static Distribution OfSorted(IReadOnlyList<decimal> sorted)
    {
        // Summed from 0 in sorted order, as Enumerable.Sum does: the same additions, so the same rounding and scale.
        var sum = 0m;
        foreach (var value in sorted)
        {
            sum += value;
        }

        return new Distribution(
            sorted.Count,
            sum / sorted.Count,
            Quantiles.Inclusive(sorted, 0.50m),
            Quantiles.Inclusive(sorted, 0.10m),
            Quantiles.Inclusive(sorted, 0.25m),
            Quantiles.Inclusive(sorted, 0.75m),
            Quantiles.Inclusive(sorted, 0.90m),
            sorted[0],
            sorted[^1]);
    }
}

/// <summary>Statistics of one peer group for one measure, or the reason they are withheld.</summary>
public sealed record GroupStatistics(int N, Distribution? Distribution, string? WithheldReason)
{
    /// <summary>Groups smaller than this are never described: with fewer members, statistics could reveal one municipality's score.</summary>
    public const int MinimumGroupSize = Disclosure.MinimumGroupSize;

    public bool IsWithheld => Distribution is null;

    /// <summary>
    /// The distribution when n ≥ <see cref="MinimumGroupSize"/>; otherwise no distribution and a reason in plain English,
    /// so every output (API, CLI, reports) can say why a number is missing instead of showing a blank or a zero.
    /// An empty group is withheld too, not an error: a group with no participants yet is normal early in a cycle.
    /// </summary>
    public static GroupStatistics Of(IReadOnlyCollection<decimal> values)
    {
        var n = values.Count;
        if (n < MinimumGroupSize)
        {
            return new GroupStatistics(n, null, Disclosure.TooSmall(n));
        }

        return new GroupStatistics(n, Benchmarking.Distribution.Of(values), null);
    }

    /// <summary><see cref="Of"/> for the first <paramref name="count"/> values, sorted as <see cref="Distribution.Of"/> sorts them.</summary>
    internal static GroupStatistics OfSorted(decimal[] sorted, int count) => count < MinimumGroupSize
        ? new GroupStatistics(count, null, Disclosure.TooSmall(count))
        : new GroupStatistics(count, Benchmarking.Distribution.OfSorted(new ArraySegment<decimal>(sorted, 0, count)), null);
}
