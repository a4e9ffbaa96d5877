using System.Diagnostics.CodeAnalysis;
using Benchmark.Core.Application;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Workflow;

public enum Role
{
    /// <summary>Fills in and submits its own municipality's self-assessment.</summary>
    Municipality,

    /// <summary>Reads its own municipality's results; changes nothing.</summary>
    Council,

    /// <summary>Manages cycles, reviews every submission.</summary>
    Analyst,
}

/// <summary>Who does something: the key's public id, its role and, for municipality and council keys, the municipality.</summary>
public sealed record Actor(string KeyId, Role Role, string? Municipality)
{
    public bool MayRead(string municipality) => Role == Role.Analyst || Municipality == municipality;

    public bool MayWrite(string municipality) => Role == Role.Municipality && Municipality == municipality;
}

public enum SubmissionStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
}

public enum CycleStatus
{
    Open,
    Closed,
}

/// <summary>A yearly round of self-assessment.</summary>
public sealed record Cycle(int Year, string QuestionnaireVersion, CycleStatus Status, DateTimeOffset Deadline, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>What happened to a submission in one change; every change makes a new version.</summary>
public enum SubmissionAction
{
    DraftSaved,
    Submitted,
    Approved,
    Rejected,
    Reopened,
}

/// <summary>A submission as stored: its answers plus where it is in the review workflow.</summary>
public sealed record SubmissionRecord(
    string Municipality,
    int Cycle,
    int Version,
    SubmissionStatus Status,
    Submission Submission,
    SubmissionAction LastAction,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string? Comment,
    bool Reopened);

/// <summary>Why a change is refused; each maps onto one HTTP status.</summary>
public enum RefusalKind
{
    /// <summary>400: the request itself is wrong.</summary>
    Invalid,

    /// <summary>403: this actor may not.</summary>
    Forbidden,

    /// <summary>404: there is nothing to act on.</summary>
    NotFound,

    /// <summary>409: not now (deadline, closed cycle, wrong state).</summary>
    Conflict,

    /// <summary>412: someone else changed it since the caller last read it.</summary>
    Stale,

    /// <summary>428: a change to something that exists, without saying which version it was read from.</summary>
    PreconditionRequired,
}

public sealed record Refusal(RefusalKind Kind, string Title, string Detail, IReadOnlyList<SubmissionError>? Errors = null)
{
    /// <summary>A stable code for the rule that refused (e.g. "cycle.closed"), for adapters that word it for people themselves.</summary>
    public string? Code { get; init; }
}

/// <summary>
/// A result, or the reason it was refused: the one result type of the application layer. Test <see cref="Succeeded"/>
/// (or <see cref="Failed"/>) and the compiler knows which of the two is there, so no adapter needs a <c>!</c>.
/// </summary>
public sealed record Outcome<T>(T? Value, Refusal? Refusal)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Refusal is null;

    [MemberNotNullWhen(true, nameof(Refusal))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Refusal is not null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal);
}

/// <summary>The rules of the submission workflow, independent of storage and HTTP.</summary>
public static class SubmissionRules
{
    /// <summary>May the municipality change its answers now?</summary>
    public static Refusal? CheckWritable(Cycle? cycle, SubmissionRecord? current, DateTimeOffset now)
    {
        if (cycle is null)
        {
            return new Refusal(RefusalKind.NotFound, "Unknown cycle", "There is no such cycle.") { Code = CycleRefusals.Unknown };
        }

        if (cycle.Status == CycleStatus.Closed)
        {
            return new Refusal(RefusalKind.Conflict, "Cycle closed", $"Cycle {cycle.Year} is closed; answers can no longer change.") { Code = CycleRefusals.Closed };
        }

        if (current is { Status: SubmissionStatus.Submitted or SubmissionStatus.Approved })
        {
            return new Refusal(RefusalKind.Conflict, "Already submitted", $"The answers were {current.Status.ToString().ToLowerInvariant()} and are read-only until an analyst reopens them.") { Code = SubmissionRefusals.ReadOnly };
        }

        if (now > cycle.Deadline && current?.Reopened != true)
        {
            return new Refusal(RefusalKind.Conflict, "Deadline passed", $"The deadline of cycle {cycle.Year} was {cycle.Deadline:yyyy-MM-dd HH:mm} UTC; ask an analyst to reopen your submission.") { Code = SubmissionRefusals.DeadlinePassed };
        }

        return null;
    }

    /// <summary>The If-Match check: the caller must have seen the current version.</summary>
    public static Refusal? CheckExpectedVersion(SubmissionRecord? current, int? expectedVersion, bool requireWhenExists)
    {
        if (current is null)
        {
            return expectedVersion is > 0
                ? new Refusal(RefusalKind.Stale, "Precondition failed", $"Version {expectedVersion} does not exist; there is no submission yet.") { Code = SubmissionRefusals.Stale }
                : null;
        }

        if (expectedVersion is null)
        {
            return requireWhenExists
                ? new Refusal(RefusalKind.PreconditionRequired, "Precondition required", $"A submission exists (version {current.Version}); send If-Match with the ETag you read, so no colleague's work is overwritten.") { Code = SubmissionRefusals.VersionRequired }
                : null;
        }

        return expectedVersion == current.Version
            ? null
            : new Refusal(RefusalKind.Stale, "Precondition failed", $"The submission changed since you read it: you have version {expectedVersion}, the current one is {current.Version}. Read it again; your changes were not saved.") { Code = SubmissionRefusals.Stale };
    }

    public static Refusal? CheckReview(SubmissionRecord? current, SubmissionAction action)
    {
        if (current is null)
        {
            return new Refusal(RefusalKind.NotFound, "No submission", "This municipality has no submission in this cycle.") { Code = SubmissionRefusals.None };
        }

        var allowed = action switch
        {
            SubmissionAction.Approved or SubmissionAction.Rejected => current.Status == SubmissionStatus.Submitted,
            SubmissionAction.Reopened => current.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved or SubmissionStatus.Rejected,
            _ => false,
        };
        return allowed
            ? null
            : new Refusal(RefusalKind.Conflict, "Not possible in this state", $"A {current.Status.ToString().ToLowerInvariant()} submission cannot be {action.ToString().ToLowerInvariant()}.") { Code = SubmissionRefusals.NotPossibleInThisState };
    }

    public static SubmissionStatus StatusAfter(SubmissionAction action) => action switch
    {
        SubmissionAction.DraftSaved => SubmissionStatus.Draft,
        SubmissionAction.Submitted => SubmissionStatus.Submitted,
        SubmissionAction.Approved => SubmissionStatus.Approved,
        SubmissionAction.Rejected => SubmissionStatus.Rejected,
        SubmissionAction.Reopened => SubmissionStatus.Draft,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
