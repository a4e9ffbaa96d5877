using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// Save <paramref name="Answers"/> as the municipality's draft for cycle <paramref name="Year"/>. A first save needs no
/// <paramref name="ExpectedVersion"/>; every later one names the version it was read from, so no colleague's work is
/// overwritten.
/// </summary>
public sealed record SaveDraft(int Year, string Municipality, Submission Answers, int? ExpectedVersion);

/// <summary>
/// Change part of the draft: <paramref name="Patch"/> is a JSON Merge Patch (RFC 7396) of the submission document as it
/// is read and written (members replace, <c>null</c> removes, other answers stay). Guarded by
/// <paramref name="ExpectedVersion"/> as a save is.
/// </summary>
public sealed record PatchDraft(int Year, string Municipality, System.Text.Json.Nodes.JsonNode Patch, int? ExpectedVersion);

/// <summary>
/// Submit <paramref name="Answers"/>, or the saved draft when they are null. Over an existing submission it needs
/// <paramref name="ExpectedVersion"/>, as a save does: a submit decides on answers someone read.
/// </summary>
public sealed record SubmitAnswers(int Year, string Municipality, Submission? Answers, int? ExpectedVersion);

/// <summary>
/// An analyst approves, rejects (with <paramref name="Comment"/>) or reopens a submission; <paramref name="ExpectedVersion"/>
/// is the version the decision was taken on.
/// </summary>
public sealed record ReviewSubmission(int Year, string Municipality, SubmissionAction Action, string? Comment, int? ExpectedVersion);
