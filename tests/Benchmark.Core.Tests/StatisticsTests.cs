using Benchmark.Core.Benchmarking;
using CsCheck;

namespace Benchmark.Core.Tests;

/// <summary>The definitions and hand-computed examples of docs/benchmarking.md, section "Peer-group statistics"; keep the two in step.</summary>
public sealed class StatisticsTests
{
    private static readonly decimal[] Ties = [1m, 2m, 2m, 2m, 5m];

    // Ten index scores in the order they arrive; sorted: 35 40 44 48 52 55 58 62 66 71 (sum 531).
    private static readonly decimal[] TenScores = [62m, 35m, 48m, 71m, 55m, 40m, 58m, 66m, 44m, 52m];
    private static readonly decimal[] TenSorted = [.. TenScores.Order()];

    [Theory]
    [InlineData(0)]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1)]
    public void QuantilesOfOneValueAreThatValue(double p)
    {
        Assert.Equal(42.5m, Quantiles.Inclusive([42.5m], (decimal)p));
    }

    [Theory]
    // n = 2, h = (2 − 1) × p = p: the value is 10 + p × (20 − 10).
    [InlineData(0, 10)]
    [InlineData(0.1, 11)]
    [InlineData(0.25, 12.5)]
    [InlineData(0.5, 15)]
    [InlineData(0.75, 17.5)]
    [InlineData(0.9, 19)]
    [InlineData(1, 20)]
    public void QuantilesOfTwoValuesInterpolateBetweenThem(double p, double expected)
    {
        Assert.Equal((decimal)expected, Quantiles.Inclusive([10m, 20m], (decimal)p));
    }

    [Fact]
    public void QuantilesWithTiesStayOnTheTiedValue()
    {
        // n = 5, h = 4p.
        // P10: h = 0.4 → 1 + 0.4 × (2 − 1) = 1.4
        // P25: h = 1   → 2;  P50: h = 2 → 2;  P75: h = 3 → 2
        // P90: h = 3.6 → 2 + 0.6 × (5 − 2) = 3.8
        Assert.Equal(1.4m, Quantiles.Inclusive(Ties, 0.10m));
        Assert.Equal(2m, Quantiles.Inclusive(Ties, 0.25m));
        Assert.Equal(2m, Quantiles.Inclusive(Ties, 0.50m));
        Assert.Equal(2m, Quantiles.Inclusive(Ties, 0.75m));
        Assert.Equal(3.8m, Quantiles.Inclusive(Ties, 0.90m));
    }

    [Fact]
    public void TenValuesGiveTheSameQuantilesAsExcelPercentileInc()
    {
        // PERCENTILE.INC({35;40;44;48;52;55;58;62;66;71}; p), by hand with h = (10 − 1) × p = 9p:
        // P10: h = 0.9  → 35 + 0.9  × (40 − 35) = 39.5
        // P25: h = 2.25 → 44 + 0.25 × (48 − 44) = 45
        // P50: h = 4.5  → 52 + 0.5  × (55 − 52) = 53.5
        // P75: h = 6.75 → 58 + 0.75 × (62 − 58) = 61
        // P90: h = 8.1  → 66 + 0.1  × (71 − 66) = 66.5
        Assert.Equal(39.5m, Quantiles.Inclusive(TenSorted, 0.10m));
        Assert.Equal(45m, Quantiles.Inclusive(TenSorted, 0.25m));
        Assert.Equal(53.5m, Quantiles.Inclusive(TenSorted, 0.50m));
        Assert.Equal(61m, Quantiles.Inclusive(TenSorted, 0.75m));
        Assert.Equal(66.5m, Quantiles.Inclusive(TenSorted, 0.90m));
    }

    [Fact]
    public void PZeroIsTheMinimumAndPOneIsTheMaximum()
    {
        Assert.Equal(35m, Quantiles.Inclusive(TenSorted, 0m));
        Assert.Equal(71m, Quantiles.Inclusive(TenSorted, 1m));
        Assert.Equal(1m, Quantiles.Inclusive(Ties, 0m));
        Assert.Equal(5m, Quantiles.Inclusive(Ties, 1m));
    }

    [Fact]
    public void ADistributionOfUnsortedValuesIsTheDocumentedExample()
    {
        var distribution = Distribution.Of(TenScores);

        // Mean 531 / 10 = 53.1.
        Assert.Equal(new Distribution(10, 53.1m, 53.5m, 39.5m, 45m, 61m, 66.5m, 35m, 71m), distribution);
    }

    [Fact]
    public void ADistributionWithTiesIsTheDocumentedExample()
    {
        // Mean 12 / 5 = 2.4.
        Assert.Equal(new Distribution(5, 2.4m, 2m, 1.4m, 2m, 2m, 3.8m, 1m, 5m), Distribution.Of([5m, 2m, 1m, 2m, 2m]));
    }

    [Fact]
    public void TheMeanIsAPlainDivisionThatIsNotRounded()
    {
        Assert.Equal(4m / 3m, Distribution.Of([1m, 1m, 2m]).Mean);
        Assert.Equal(1.3333333333333333333333333333m, Distribution.Of([1m, 1m, 2m]).Mean);
    }

    [Fact]
    public void ADistributionOfOneValueIsThatValueEverywhere()
    {
        Assert.Equal(new Distribution(1, 7m, 7m, 7m, 7m, 7m, 7m, 7m, 7m), Distribution.Of([7m]));
    }

    [Fact]
    public void EmptyInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Inclusive([], 0.5m));
        Assert.Throws<ArgumentException>(() => Quantiles.PercentileRank([], 1m));
        Assert.Throws<ArgumentException>(() => Distribution.Of([]));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(50)]
    public void APOutsideZeroToOneIsRefused(double p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Inclusive(TenSorted, (decimal)p));
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal("p", error.ParamName);
    }

    [Fact]
    public void UnsortedInputToAQuantileIsRefusedRatherThanGivingAWrongAnswer()
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Inclusive(TenScores, 0.5m));
    }

    [Fact]
    public void ThePercentileRankInAGroupOfOneIsFifty()
    {
        Assert.Equal(50m, Quantiles.PercentileRank([3m], 3m));
    }

    [Fact]
    public void EqualValuesShareTheMidRank()
    {
        Assert.Equal(50m, Quantiles.PercentileRank([4m, 4m, 4m, 4m, 4m, 4m], 4m));

        // 100 × (below + ½ × equal) / 5
        Assert.Equal(10m, Quantiles.PercentileRank(Ties, 1m)); // (0 + ½ × 1) / 5
        Assert.Equal(50m, Quantiles.PercentileRank(Ties, 2m)); // (1 + ½ × 3) / 5
        Assert.Equal(90m, Quantiles.PercentileRank(Ties, 5m)); // (4 + ½ × 1) / 5
    }

    [Fact]
    public void AValueNotInTheGroupIsRankedByTheValuesBelowIt()
    {
        Assert.Equal(80m, Quantiles.PercentileRank(Ties, 3m)); // (4 + 0) / 5
        Assert.Equal(0m, Quantiles.PercentileRank(Ties, 0m));
        Assert.Equal(100m, Quantiles.PercentileRank(Ties, 6m));
        Assert.Equal(40m, Quantiles.PercentileRank(TenSorted, 50m)); // 35 40 44 48 below: 4 / 10
        Assert.Equal(55m, Quantiles.PercentileRank(TenSorted, 55m)); // (5 + ½) / 10
    }

    [Fact]
    public void FourMunicipalitiesAreWithheldWithTheReason()
    {
        var statistics = GroupStatistics.Of([62m, 35m, 48m, 71m]);

        Assert.True(statistics.IsWithheld);
        Assert.Null(statistics.Distribution);
        Assert.Equal(4, statistics.N);
        Assert.Equal("fewer than 5 municipalities (n = 4); statistics are withheld to protect individual results", statistics.WithheldReason);
    }

    [Fact]
    public void FiveMunicipalitiesAreDescribed()
    {
        decimal[] values = [62m, 35m, 48m, 71m, 55m];
        var statistics = GroupStatistics.Of(values);

        Assert.False(statistics.IsWithheld);
        Assert.Null(statistics.WithheldReason);
        Assert.Equal(5, statistics.N);
        Assert.Equal(Distribution.Of(values), statistics.Distribution);
        Assert.Equal(5, GroupStatistics.MinimumGroupSize);
    }

    [Fact]
    public void AnEmptyGroupIsWithheldNotAnError()
    {
        var statistics = GroupStatistics.Of([]);

        Assert.True(statistics.IsWithheld);
        Assert.Equal(0, statistics.N);
        Assert.Contains("(n = 0)", statistics.WithheldReason, StringComparison.Ordinal);
    }

    [Fact]
    public void QuantilesAreMonotoneInPAndLieBetweenMinimumAndMaximum()
    {
        // Scores with two decimals between -100 and 100, and p in steps of 0.001; CsCheck shrinks a failure to a small example.
        var values = Gen.Int[-10_000, 10_000].Select(i => i / 100m).Array[1, 40].Select(a => a.Order().ToArray());
        var p = Gen.Int[0, 1000].Select(i => i / 1000m);
        Gen.Select(values, p, p).Sample((sorted, p1, p2) =>
        {
            var (low, high) = p1 <= p2 ? (p1, p2) : (p2, p1);
            var q1 = Quantiles.Inclusive(sorted, low);
            var q2 = Quantiles.Inclusive(sorted, high);
            Assert.True(q1 <= q2, $"P{low} = {q1} > P{high} = {q2}");
            Assert.InRange(q1, sorted[0], sorted[^1]);
            Assert.InRange(q2, sorted[0], sorted[^1]);
        }, iter: 2000);
    }

    [Fact]
    public void TheDistributionIsOrderedFromMinimumToMaximum()
    {
        var values = Gen.Int[-10_000, 10_000].Select(i => i / 100m).Array[1, 40];
        values.Sample(array =>
        {
            var d = Distribution.Of(array);
            decimal[] ordered = [d.Min, d.P10, d.P25, d.Median, d.P75, d.P90, d.Max];
            Assert.Equal(ordered.Order(), ordered);
            Assert.InRange(d.Mean, d.Min, d.Max);
        }, iter: 1000);
    }

    [Fact]
    public void PercentileRankIsMonotoneInTheValue()
    {
        // Small integers so that values often tie and often coincide with a member of the group.
        var values = Gen.Int[0, 20].Select(i => (decimal)i).Array[1, 30].Select(a => a.Order().ToArray());
        var value = Gen.Int[-1, 21].Select(i => (decimal)i);
        Gen.Select(values, value, value).Sample((sorted, v1, v2) =>
        {
            var (low, high) = v1 <= v2 ? (v1, v2) : (v2, v1);
            var r1 = Quantiles.PercentileRank(sorted, low);
            var r2 = Quantiles.PercentileRank(sorted, high);
            Assert.True(r1 <= r2, $"rank of {low} = {r1} > rank of {high} = {r2}");
            Assert.InRange(r1, 0m, 100m);
            Assert.InRange(r2, 0m, 100m);
        }, iter: 2000);
    }
}
