using Benchmark.Core.Application;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>Adapters word refusals for people themselves and recognise them by code, so every rule's refusal carries its own.</summary>
public sealed class SubmissionRefusalCodeTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 31, 22, 59, 0, TimeSpan.Zero);
    private static readonly Cycle Open = new(2026, "2026", CycleStatus.Open, Deadline, Deadline.AddMonths(-6), null);

    private static SubmissionRecord Record(SubmissionStatus status) => new(
        "GM0363", 2026, 3, status, new Submission("GM0363", 2026, "2026", false, new Dictionary<string, Answer>(), new Dictionary<string, int>()),
        SubmissionAction.DraftSaved, Deadline.AddDays(-10), "key", null, false);

    [Fact]
    public void EveryRefusalOfTheSubmissionRulesCarriesTheCodeOfItsRule()
    {
        var before = Deadline.AddDays(-1);

        Assert.Equal(
            [
                CycleRefusals.Unknown,
                CycleRefusals.Closed,
                SubmissionRefusals.ReadOnly,
                SubmissionRefusals.DeadlinePassed,
                SubmissionRefusals.Stale,
                SubmissionRefusals.VersionRequired,
                SubmissionRefusals.Stale,
                SubmissionRefusals.None,
                SubmissionRefusals.NotPossibleInThisState,
            ],
            new[]
            {
                SubmissionRules.CheckWritable(null, null, before),
                SubmissionRules.CheckWritable(Open with { Status = CycleStatus.Closed }, null, before),
                SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Submitted), before),
                SubmissionRules.CheckWritable(Open, Record(SubmissionStatus.Draft), Deadline.AddDays(1)),
                SubmissionRules.CheckExpectedVersion(null, 2, requireWhenExists: true),
                SubmissionRules.CheckExpectedVersion(Record(SubmissionStatus.Draft), null, requireWhenExists: true),
                SubmissionRules.CheckExpectedVersion(Record(SubmissionStatus.Draft), 2, requireWhenExists: true),
                SubmissionRules.CheckReview(null, SubmissionAction.Approved),
                SubmissionRules.CheckReview(Record(SubmissionStatus.Draft), SubmissionAction.Approved),
            }.Select(r => r?.Code));
    }

    [Fact]
    public void TheCodesAreDistinctAndNamedByTheirFamily()
    {
        var codes = typeof(SubmissionRefusals).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^(submission|review)\\.[a-z-]+$", c));
    }
}
