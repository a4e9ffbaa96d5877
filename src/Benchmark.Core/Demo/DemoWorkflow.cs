using System.Globalization;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Demo;

/// <summary>
/// Where each demo municipality's submission is in the workflow: every earlier cycle approved; in the latest one the
/// code's digits decide (a draft, submitted, approved or rejected), so the demo shows every state and stays the same.
/// The generator asks it too, since only a draft may be incomplete.
/// </summary>
public static class DemoWorkflow
{
    public static SubmissionAction[] Steps(string municipality, bool latestCycle) =>
        !latestCycle
            ? [SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Approved]
            : Pick(municipality) switch
            {
                < 4 => [SubmissionAction.DraftSaved],
                < 7 => [SubmissionAction.DraftSaved, SubmissionAction.Submitted],
                < 9 => [SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Approved],
                _ => [SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Rejected],
            };

    /// <summary>The status the demo gives <paramref name="municipality"/> in the latest cycle.</summary>
    public static SubmissionStatus LatestStatus(string municipality) => SubmissionRules.StatusAfter(Steps(municipality, latestCycle: true)[^1]);

    /// <summary>The status the demo gives <paramref name="municipality"/> in a cycle, the latest or an earlier one.</summary>
    public static SubmissionStatus StatusIn(string municipality, bool latestCycle) => SubmissionRules.StatusAfter(Steps(municipality, latestCycle)[^1]);

    /// <summary>A digit fixed per municipality: its workflow state in the latest cycle, and the day and hour of its steps.</summary>
    public static int Pick(string municipality) => int.Parse(municipality[2..], CultureInfo.InvariantCulture) % 10;
}
