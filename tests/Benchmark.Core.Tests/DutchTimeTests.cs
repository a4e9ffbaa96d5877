using Benchmark.Core.Text;

namespace Benchmark.Core.Tests;

public sealed class DutchTimeTests
{
    [Fact]
    public void ADeadlineAtTheEndOfTheYearIs2359InTheNetherlandsNot2359Utc()
    {
        var deadline = DutchTime.EndOfYear(2026);

        Assert.Equal(new DateTimeOffset(2026, 12, 31, 22, 59, 0, TimeSpan.Zero), deadline);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.FromHours(1)), deadline.InDutchTime());
        Assert.Equal(TimeSpan.FromHours(1), deadline.InDutchTime().Offset);
    }

    [Fact]
    public void ASummerDeadlineUsesSummerTime()
    {
        var deadline = DutchTime.Deadline(new DateOnly(2027, 6, 30));

        Assert.Equal(new DateTimeOffset(2027, 6, 30, 21, 59, 0, TimeSpan.Zero), deadline);
        Assert.Equal(TimeSpan.FromHours(2), deadline.InDutchTime().Offset);
    }

    [Fact]
    public void ATimeSkippedWhenTheClocksGoForwardIsReadInWinterTime()
    {
        // On 28 March 2027 the Dutch clocks jump from 02:00 to 03:00; 02:30 does not exist and is read as 02:30 CET.
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), DutchTime.At(new DateOnly(2027, 3, 28), new TimeOnly(2, 30)));
    }

    [Fact]
    public void ATimeThatOccursTwiceWhenTheClocksGoBackIsTheFirstOne()
    {
        // On 31 October 2027 02:30 happens first in summer time (00:30 UTC), then in winter time (01:30 UTC).
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), DutchTime.At(new DateOnly(2027, 10, 31), new TimeOnly(2, 30)));
    }
}
