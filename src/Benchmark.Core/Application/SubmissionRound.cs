using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// One cycle as a municipality sees it: the cycle, its questionnaire and model, the municipality's own answers (none
/// yet: null) and why they cannot change now (<see cref="Locked"/>; null when they can).
/// </summary>
public sealed record SubmissionRound(Cycle Cycle, Questionnaire Questionnaire, MaturityModel Model, string Municipality, StoredSubmission? Stored, Refusal? Locked)
{
    public Submission? Submission => Stored?.Record.Submission;
}

/// <summary>One cycle in a municipality's list of cycles, with where its answers stand (null: nothing saved yet).</summary>
public sealed record SubmissionCycle(Cycle Cycle, SubmissionStatus? Status);

/// <summary>A municipality's cycles, oldest first, under the name its latest register gives it.</summary>
public sealed record SubmissionCycles(string Municipality, string Name, IReadOnlyList<SubmissionCycle> Cycles);

/// <summary>A submission's trail: every version, and every refused attempt by another key, each oldest first.</summary>
public sealed record SubmissionTrail(IReadOnlyList<VersionInfo> Versions, IReadOnlyList<AuditEntry> Refused);
