using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>The submission workflow's rules on their own, without storage or HTTP (issue 16: they had no unit tests).</summary>
public sealed class SubmissionRulesTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 31, 22, 59, 0, TimeSpan.Zero);
    private static readonly Cycle Open = new(2026, "2026", CycleStatus.Open, Deadline, Deadline.AddMonths(-6), null);
    private static readonly Cycle Closed = Open with { Status = CycleStatus.Closed, ClosedAt = Deadline.AddDays(20) };

    private static SubmissionRecord Record(SubmissionStatus status, int version = 3, bool reopened = false) => new(
        "GM0363", 2026, version, status, new Submission("GM0363", 2026, "2026", true, new Dictionary<string, Answer>(), new Dictionary<string, int>()),
        status switch
        {
            SubmissionStatus.Submitted => SubmissionAction.Submitted,
            SubmissionStatus.Approved => SubmissionAction.Approved,
            SubmissionStatus.Rejected => SubmissionAction.Rejected,
            _ => reopened ? SubmissionAction.Reopened : SubmissionAction.DraftSaved,
        },
        Deadline.AddDays(-10), "key", null, reopened);

    [Fact]
    public void ADraftMayChangeUntilTheDeadlineAndNotAfterUnlessAnAnalystReopenedIt()
    {
        Assert.Null(SubmissionRules.CheckWritable(Open, null, Deadline.AddDays(-1)));
        Assert.Null(SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Draft), Deadline));
        Assert.Equal(("Deadline passed", RefusalKind.Conflict), Describe(SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Draft), Deadline.AddSeconds(1))));
        Assert.Null(SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Draft, reopened: true), Deadline.AddDays(5)));
        Assert.Equal(("Deadline passed", RefusalKind.Conflict), Describe(SubmissionRules.CheckWritable(Open, null, Deadline.AddDays(1))));
    }

    [Fact]
    public void NothingChangesInAClosedOrUnknownCycleOrOnceSubmittedOrApproved()
    {
        Assert.Equal(("Unknown cycle", RefusalKind.NotFound), Describe(SubmissionRules.CheckWritable(null, null, Deadline.AddDays(-1))));
        Assert.Equal(("Cycle closed", RefusalKind.Conflict), Describe(SubmissionRules.CheckWritable(Closed, Record(SubmissionStatus.Draft, reopened: true), Deadline.AddDays(-1))));
        Assert.Equal(("Already submitted", RefusalKind.Conflict), Describe(SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Submitted), Deadline.AddDays(-1))));
        Assert.Equal(("Already submitted", RefusalKind.Conflict), Describe(SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Approved), Deadline.AddDays(-1))));

        // A rejected submission goes back to the municipality to change.
        Assert.Null(SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Rejected), Deadline.AddDays(-1)));
    }

    [Fact]
    public void ASaveMustNameTheVersionItChangesOnceOneExists()
    {
        Assert.Null(SubmissionRules.CheckExpectedVersion(null, null, requireWhenExists: true));
        Assert.Equal(RefusalKind.Stale, SubmissionRules.CheckExpectedVersion(null, 2, requireWhenExists: true)?.Kind);
        Assert.Equal(RefusalKind.PreconditionRequired, SubmissionRules.CheckExpectedVersion(Record(SubmissionStatus.Draft), null, requireWhenExists: true)?.Kind);
        Assert.Null(SubmissionRules.CheckExpectedVersion(Record(SubmissionStatus.Draft), null, requireWhenExists: false));
        Assert.Null(SubmissionRules.CheckExpectedVersion(Record(SubmissionStatus.Draft, version: 3), 3, requireWhenExists: true));
        Assert.Contains("you have version 2, the current one is 3", SubmissionRules.CheckExpectedVersion(Record(SubmissionStatus.Draft, version: 3), 2, requireWhenExists: false)!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SubmissionStatus.Submitted, SubmissionAction.Approved, true)]
    [InlineData(SubmissionStatus.Submitted, SubmissionAction.Rejected, true)]
    [InlineData(SubmissionStatus.Submitted, SubmissionAction.Reopened, true)]
    [InlineData(SubmissionStatus.Approved, SubmissionAction.Reopened, true)]
    [InlineData(SubmissionStatus.Rejected, SubmissionAction.Reopened, true)]
    [InlineData(SubmissionStatus.Draft, SubmissionAction.Approved, false)]
    [InlineData(SubmissionStatus.Draft, SubmissionAction.Rejected, false)]
    [InlineData(SubmissionStatus.Draft, SubmissionAction.Reopened, false)]
    [InlineData(SubmissionStatus.Approved, SubmissionAction.Approved, false)]
    [InlineData(SubmissionStatus.Approved, SubmissionAction.Rejected, false)]
    [InlineData(SubmissionStatus.Rejected, SubmissionAction.Approved, false)]
    [InlineData(SubmissionStatus.Submitted, SubmissionAction.DraftSaved, false)]
    public void AnAnalystReviewsOnlyWhatTheWorkflowAllows(SubmissionStatus status, SubmissionAction action, bool allowed)
    {
        var refusal = SubmissionRules.CheckReview(Record(status), action);

        Assert.Equal(allowed, refusal is null);
        if (!allowed)
        {
            Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        }
    }

    [Fact]
    public void AReviewOfNoSubmissionIsNotFoundAndEveryActionLeadsToItsStatus()
    {
        Assert.Equal(RefusalKind.NotFound, SubmissionRules.CheckReview(null, SubmissionAction.Approved)?.Kind);
        Assert.Equal(
            [SubmissionStatus.Draft, SubmissionStatus.Submitted, SubmissionStatus.Approved, SubmissionStatus.Rejected, SubmissionStatus.Draft],
            new[] { SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Approved, SubmissionAction.Rejected, SubmissionAction.Reopened }.Select(SubmissionRules.StatusAfter));
    }

    private static (string Title, RefusalKind Kind)? Describe(Refusal? refusal) => refusal is null ? null : (refusal.Title, refusal.Kind);
}
