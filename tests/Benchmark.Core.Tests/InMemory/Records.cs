using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>Submissions as stored, for the application services' unit tests.</summary>
internal static class Records
{
    public static SubmissionRecord Of(Submission submission, SubmissionStatus status) => new(
        submission.Municipality,
        submission.Cycle,
        1,
        status,
        submission,
        status switch
        {
            SubmissionStatus.Draft => SubmissionAction.DraftSaved,
            SubmissionStatus.Submitted => SubmissionAction.Submitted,
            SubmissionStatus.Approved => SubmissionAction.Approved,
            _ => SubmissionAction.Rejected,
        },
        new DateTimeOffset(submission.Cycle, 9, 1, 9, 0, 0, TimeSpan.Zero),
        submission.Municipality,
        null,
        false);
}
