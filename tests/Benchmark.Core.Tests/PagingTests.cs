using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

public sealed class PagingTests
{
    private static readonly IReadOnlyList<int> HundredAndTwo = Enumerable.Range(1, 102).ToList();

    [Fact]
    public void APageHoldsItsShareOfTheListAndSaysWhereItIs()
    {
        var second = Paging.Page(HundredAndTwo, 2, 50);
        var last = Paging.Page(HundredAndTwo, 3, 50);

        Assert.Equal((51, 100, 3, true, true), (second.First, second.Last, second.Pages, second.HasPrevious, second.HasNext));
        Assert.Equal(Enumerable.Range(51, 50), second.Items);
        Assert.Equal([101, 102], last.Items);
        Assert.Equal((101, 102, false), (last.First, last.Last, last.HasNext));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0, 1)]
    [InlineData(-4, 1)]
    [InlineData(3, 3)]
    [InlineData(9, 3)]
    public void APageOutsideTheListShowsTheNearestPageRatherThanNothing(int? requested, int expected)
    {
        Assert.Equal(expected, Paging.Page(HundredAndTwo, requested, 50).Number);
    }

    [Fact]
    public void AnEmptyListHasOneEmptyPage()
    {
        var page = Paging.Page(Array.Empty<int>(), 2, 50);

        Assert.Equal((1, 1, 0, 0, 0), (page.Number, page.Pages, page.First, page.Last, page.Total));
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData(" 2", null)]
    [InlineData("-1", null)]
    [InlineData("twee", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void OnlyAWholeNumberInTheAddressAsksForAPage(string? text, int? expected)
    {
        Assert.Equal(expected, Paging.ParseNumber(text));
    }

    [Fact]
    public void TheSubmissionsListSortsByAColumnEitherWayWithMissingValuesLastAndTiesByCode()
    {
        static ReviewRow Row(string code, decimal? index, int flags) =>
            new(code, null, null, null, SubmissionStatus.Submitted, 1, DateTimeOffset.UnixEpoch, index, 1m, flags);
        var rows = new[] { Row("GM0003", 40m, 1), Row("GM0001", null, 0), Row("GM0002", 60m, 1), Row("GM0004", 40m, 2) };

        var up = new ReviewOrder(ReviewSort.Index, Descending: false).Apply(rows).Select(r => r.Municipality);
        var down = new ReviewOrder(ReviewSort.Index, Descending: true).Apply(rows).Select(r => r.Municipality);
        var flags = new ReviewOrder(ReviewSort.OpenFlags, Descending: true).Apply(rows).Select(r => r.Municipality);
        var byDefault = ReviewOrder.Default.Apply(rows).Select(r => r.Municipality);

        Assert.Equal(["GM0003", "GM0004", "GM0002", "GM0001"], up);
        Assert.Equal(["GM0002", "GM0003", "GM0004", "GM0001"], down);
        Assert.Equal(["GM0004", "GM0002", "GM0003", "GM0001"], flags);
        Assert.Equal(["GM0001", "GM0002", "GM0003", "GM0004"], byDefault);
    }
}
