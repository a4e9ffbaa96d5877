using Benchmark.Core.Text;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Http;

namespace Benchmark.Functions.Tests.Web;

/// <summary>Every date and time on the pages is Dutch time, shown and entered: a deadline of 23:59 is 23:59 in the Netherlands.</summary>
public sealed class DutchTimeOnPagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2027-12-31", "23:59", "2027-12-31T22:59:00Z")]
    [InlineData("2027-06-30", "23:59", "2027-06-30T21:59:00Z")]
    [InlineData("31-12-2027", "", "2027-12-31T22:59:00Z")]
    public void ADeadlineTheAnalystEntersIsReadInDutchTime(string date, string time, string utc)
    {
        var (at, error, _) = AnalystDeadline.Parse(date, time, Now, Text());

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Fact]
    public void ADeadlineIsShownInDutchTimeAndTheFormShowsItAsEntered()
    {
        var deadline = DutchTime.EndOfYear(2026);

        Assert.Equal("31 december 2026 om 23:59", Text().DateTime(deadline));
        Assert.Equal("31 december 2026", Text().Date(deadline));
        Assert.Equal(("2026-12-31", "23:59"), (AnalystDeadline.DateValue(deadline), AnalystDeadline.TimeValue(deadline)));
    }

    [Fact]
    public void AMomentStoredInUtcIsShownAsTheNetherlandsClocksShowedIt()
    {
        Assert.Equal("30 juni 2027 om 23:30", Text().DateTime(new DateTimeOffset(2027, 6, 30, 21, 30, 0, TimeSpan.Zero)));
        Assert.Equal("1 januari 2027 om 00:59", Text().DateTime(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero)));
    }

    private static WebText Text() => new(new HttpContextAccessor { HttpContext = new DefaultHttpContext() });
}
