using Benchmark.Core.Application;
using System.Text.Json;
using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Storage;

namespace Benchmark.Functions.Endpoints;

/// <summary>A submission as the API returns it: workflow state plus the answers in the same format a draft is saved in.</summary>
public sealed record SubmissionResponse(
    string Municipality,
    int Cycle,
    int Version,
    SubmissionStatus Status,
    SubmissionAction LastAction,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string? Comment,
    bool Reopened,
    JsonElement Submission)
{
    public static SubmissionResponse From(SubmissionRecord record, QuestionnaireCatalog catalog)
    {
        // The canonical form as kept, parsed from its UTF-8 without a detour through a string.
        using var document = JsonDocument.Parse(SubmissionJson.WriteUtf8(record.Submission, catalog.Version(record.Submission.QuestionnaireVersion)!));
        return new SubmissionResponse(record.Municipality, record.Cycle, record.Version, record.Status, record.LastAction, record.ChangedAt, record.ChangedBy, record.Comment, record.Reopened, document.RootElement.Clone());
    }
}

public sealed record CycleResponse(int Year, string Questionnaire, CycleStatus Status, DateTimeOffset Deadline, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt)
{
    public static CycleResponse From(Cycle cycle) => new(cycle.Year, cycle.QuestionnaireVersion, cycle.Status, cycle.Deadline, cycle.OpenedAt, cycle.ClosedAt);
}

/// <summary>One step in a submission's history: a version (who changed what) or a refused attempt by another key.</summary>
public sealed record AuditTrailEntry(int? Version, int? PreviousVersion, string Action, SubmissionStatus? Status, DateTimeOffset At, string By, string? Comment)
{
    public static AuditTrailEntry From(VersionInfo info) =>
        new(info.Version, info.PreviousVersion, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(info.Action.ToString()), info.Status, info.At, info.By, info.Comment);

    public static AuditTrailEntry From(AuditEntry entry) => new(null, null, entry.Action, null, entry.At, entry.Actor, entry.Detail);
}
