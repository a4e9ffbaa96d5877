using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Endpoints;

/// <summary>A municipality's own submission: read, save draft, submit, history, scores.</summary>
public static class SubmissionEndpoints
{
    public const string Route = "/cycles/{year:int}/submissions/{municipality:gmcode}";

    public static void Map(RouteGroupBuilder v1)
    {
        var submission = v1.MapGroup(Route).WithTags("Submissions");

        submission.MapGet("/", GetAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .Produces<SubmissionResponse>()
            .WithName("GetSubmission")
            .WithSummary("The current answers and status, with the ETag to send back when saving");

        submission.MapPut("/draft", SaveDraftAsync)
            .AllowRoles(Role.Municipality)
            .Produces<SubmissionResponse>()
            .WithName("SaveDraft")
            .WithSummary("Replace the whole draft with the answers sent: answers not in the body are removed (send If-Match with the ETag you read, except for the very first save; without it 428)");

        submission.MapPatch("/draft", PatchDraftAsync)
            .AllowRoles(Role.Municipality)
            .Produces<SubmissionResponse>()
            .WithName("PatchDraft")
            .WithSummary("Change part of the draft with a JSON Merge Patch (RFC 7396, application/merge-patch+json): answers not named stay, null removes one (If-Match as for PUT)");

        submission.MapPost("/submit", SubmitAsync)
            .AllowRoles(Role.Municipality)
            .Produces<SubmissionResponse>()
            .WithName("SubmitSubmission")
            .WithSummary("Submit the saved draft, or the answers in the body (If-Match with the ETag you read once a submission exists; without it 428); submitting the same answers again changes nothing");

        submission.MapGet("/versions", VersionsAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("ListVersions")
            .WithSummary("Every version of the submission");

        submission.MapGet("/versions/{version:int}", VersionAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .Produces<SubmissionResponse>()
            .WithName("GetVersion")
            .WithSummary("One earlier version, as it was");

        submission.MapGet("/scores", ScoresAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("GetScores")
            .WithSummary("Scores of the current answers: index, domains, blocks, levels, completeness, targets");

        submission.MapGet("/audit", AuditAsync)
            .AllowRoles(Role.Municipality, Role.Analyst)
            .WithName("GetAuditTrail")
            .WithSummary("Who changed what and when: one entry per version, and every refused attempt by another key, also before anything was saved");
    }

    internal static IResult Respond(Outcome<StoredSubmission> outcome, HttpContext context, QuestionnaireCatalog catalog)
    {
        if (outcome.Failed)
        {
            return Problems.From(outcome.Refusal);
        }

        context.Response.Headers.ETag = ETags.For(outcome.Value.Record.Version);
        return TypedResults.Ok(SubmissionResponse.From(outcome.Value.Record, catalog));
    }

    private static ProblemHttpResult BadIfMatch() =>
        Problems.Result(400, "Invalid If-Match", "If-Match must be an ETag from an earlier response, such as \"v3\".");

    private static async Task<IResult> GetAsync(int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
        Respond(await service.GetAsync(context.User.Actor(), year, municipality, cancellationToken), context, catalog);

    private static async Task<IResult> SaveDraftAsync(int year, string municipality, HttpContext context, SubmissionService service, CycleService cycles, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var request = await ReadChangeAsync(year, municipality, context, service, cycles, catalog, ValidationMode.Draft, cancellationToken);
        if (request.Problem is not null)
        {
            return request.Problem;
        }

        var command = new SaveDraft(year, municipality, request.Answers ?? throw new InvalidOperationException("A draft without a body passed the body check."), request.ExpectedVersion);
        return Respond(await service.SaveDraftAsync(context.User.Actor(), command, cancellationToken), context, catalog);
    }

    private static async Task<IResult> PatchDraftAsync(int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        if (await service.RefuseWriteAsync(context.User.Actor(), year, municipality, "write", cancellationToken) is { } forbidden)
        {
            return Problems.From(forbidden);
        }

        var (expected, valid) = ETags.ExpectedVersion(context.Request);
        if (!valid)
        {
            return BadIfMatch();
        }

        var (body, problem) = await RequestBody.ReadJsonAsync(context.Request, optional: false);
        if (problem is not null || body is null)
        {
            return problem ?? Problems.Result(StatusCodes.Status400BadRequest, "Body required", "Send a JSON Merge Patch of the answers.");
        }

        System.Text.Json.Nodes.JsonNode? patch;
        try
        {
            patch = System.Text.Json.Nodes.JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Malformed JSON", "The request body is not valid JSON.", [new("", e.Message)]);
        }

        if (patch is null)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid merge patch", "A merge patch of a submission is a JSON object, not null.");
        }

        return Respond(await service.PatchDraftAsync(context.User.Actor(), new PatchDraft(year, municipality, patch, expected), cancellationToken), context, catalog);
    }

    private static async Task<IResult> SubmitAsync(int year, string municipality, HttpContext context, SubmissionService service, CycleService cycles, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var request = await ReadChangeAsync(year, municipality, context, service, cycles, catalog, ValidationMode.Final, cancellationToken);
        if (request.Problem is not null)
        {
            return request.Problem;
        }

        return Respond(await service.SubmitAsync(context.User.Actor(), new SubmitAnswers(year, municipality, request.Answers, request.ExpectedVersion), cancellationToken), context, catalog);
    }

    /// <summary>The answers a change sends (none: a submit of the saved draft) and the version it was read from, or why the request itself is refused.</summary>
    private sealed record ChangeRequest(Submission? Answers, int? ExpectedVersion, ProblemHttpResult? Problem);

    /// <summary>
    /// What every change by a municipality does first: ownership, then If-Match, then the body, read as answers to the
    /// cycle's questionnaire. Another municipality's key is refused (and the attempt recorded) before anything of the
    /// request is looked at. Only a submit may come without a body: it submits the saved draft.
    /// </summary>
    private static async Task<ChangeRequest> ReadChangeAsync(
        int year, string municipality, HttpContext context, SubmissionService service, CycleService cycles, QuestionnaireCatalog catalog, ValidationMode mode, CancellationToken cancellationToken)
    {
        if (await service.RefuseWriteAsync(context.User.Actor(), year, municipality, "write", cancellationToken) is { } forbidden)
        {
            return new(null, null, Problems.From(forbidden));
        }

        var (expected, valid) = ETags.ExpectedVersion(context.Request);
        if (!valid)
        {
            return new(null, null, BadIfMatch());
        }

        var submitsTheDraft = mode == ValidationMode.Final;
        var (body, problem) = await RequestBody.ReadJsonAsync(context.Request, optional: submitsTheDraft);
        if (problem is not null || body is null)
        {
            return new(null, expected, problem);
        }

        // No body, or the JSON null a generated client sends for the optional body left out: submit the saved draft
        // (as approve, reject and reopen read null as no comment).
        if (submitsTheDraft && (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).SequenceEqual("null"u8)))
        {
            return new(null, expected, null);
        }

        var cycle = await cycles.GetAsync(year, cancellationToken);
        if (cycle.Failed)
        {
            return new(null, expected, Problems.From(cycle.Refusal));
        }

        var answers = SubmissionAnswers.Read(body, cycle.Value, municipality, catalog, mode);
        return answers.Failed ? new(null, expected, Problems.From(answers.Refusal)) : new(answers.Value, expected, null);
    }

    private static async Task<Results<Ok<List<AuditTrailEntry>>, ProblemHttpResult>> VersionsAsync(int year, string municipality, HttpContext context, SubmissionService service, CancellationToken cancellationToken)
    {
        var versions = await service.VersionsAsync(context.User.Actor(), year, municipality, cancellationToken);
        return versions.Failed ? Problems.From(versions.Refusal) : TypedResults.Ok(versions.Value.Select(AuditTrailEntry.From).ToList());
    }

    private static async Task<IResult> VersionAsync(int year, string municipality, int version, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var record = await service.VersionAsync(context.User.Actor(), year, municipality, version, cancellationToken);
        return record.Failed ? Problems.From(record.Refusal) : TypedResults.Ok(SubmissionResponse.From(record.Value, catalog));
    }

    private static async Task<Results<Ok<ScoreCard>, ProblemHttpResult>> ScoresAsync(int year, string municipality, HttpContext context, SubmissionService service, CancellationToken cancellationToken)
    {
        var outcome = await service.ScoreAsync(context.User.Actor(), year, municipality, cancellationToken);
        // Figures leave the API at the documented precision (docs/scoring.md, "Presenting figures"), never as 28-digit decimals.
        return outcome.Failed ? Problems.From(outcome.Refusal) : TypedResults.Ok(ApiFigures.Shown(outcome.Value));
    }

    /// <summary>Every version, and every refused attempt by another key, in time order; also before the municipality has saved anything.</summary>
    private static async Task<Results<Ok<List<AuditTrailEntry>>, ProblemHttpResult>> AuditAsync(int year, string municipality, HttpContext context, SubmissionService service, CancellationToken cancellationToken)
    {
        var trail = await service.TrailAsync(context.User.Actor(), year, municipality, cancellationToken);
        if (trail.Failed)
        {
            return Problems.From(trail.Refusal);
        }

        return TypedResults.Ok(trail.Value.Versions.Select(AuditTrailEntry.From).Concat(trail.Value.Refused.Select(AuditTrailEntry.From)).OrderBy(e => e.At).ThenBy(e => e.Version ?? 0).ToList());
    }
}
