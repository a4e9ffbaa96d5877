using Benchmark.Core.Application;
using Benchmark.Core.Text;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Storage;
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
            .WithName("GetSubmission")
            .WithSummary("The current answers and status, with the ETag to send back when saving");

        submission.MapPut("/draft", SaveDraftAsync)
            .AllowRoles(Role.Municipality)
            .WithName("SaveDraft")
            .WithSummary("Save answers as a draft (send If-Match with the ETag you read, except for the very first save)");

        submission.MapPost("/submit", SubmitAsync)
            .AllowRoles(Role.Municipality)
            .WithName("SubmitSubmission")
            .WithSummary("Submit the saved draft, or the answers in the body; submitting the same answers again changes nothing");

        submission.MapGet("/versions", VersionsAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("ListVersions")
            .WithSummary("Every version of the submission");

        submission.MapGet("/versions/{version:int}", VersionAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
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
        if (outcome.Refusal is not null)
        {
            return Problems.From(outcome.Refusal);
        }

        context.Response.Headers.ETag = ETags.For(outcome.Value!.Record.Version);
        return TypedResults.Ok(SubmissionResponse.From(outcome.Value.Record, catalog));
    }

    private static ProblemHttpResult BadIfMatch() =>
        Problems.Result(400, "Invalid If-Match", "If-Match must be an ETag from an earlier response, such as \"v3\".");

    private static async Task<IResult> GetAsync(int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
        Respond(await service.GetAsync(context.User.Actor(), year, municipality, cancellationToken), context, catalog);

    /// <summary>Another municipality's key is refused (and the attempt recorded) before anything of the request is looked at.</summary>
    private static async Task<ProblemHttpResult?> NotOwnerAsync(HttpContext context, SubmissionService service, int year, string municipality, CancellationToken cancellationToken)
    {
        var actor = context.User.Actor();
        if (actor.MayWrite(municipality))
        {
            return null;
        }

        await service.RecordDeniedAsync(actor, year, municipality, "write", cancellationToken);
        return Problems.Result(403, "Not your municipality", $"This key may not change the answers of {municipality}.");
    }

    private static Task<IResult> SaveDraftAsync(int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
        WriteAsync(year, municipality, context, service, catalog, bodyOptional: false, (actor, body, expected) => service.SaveDraftAsync(actor, year, municipality, body, expected, cancellationToken), cancellationToken);

    private static Task<IResult> SubmitAsync(int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
        WriteAsync(year, municipality, context, service, catalog, bodyOptional: true, (actor, body, expected) => service.SubmitAsync(actor, year, municipality, body.Length == 0 ? null : body, expected, cancellationToken), cancellationToken);

    /// <summary>What every change by a municipality does first: ownership, then If-Match, then the body.</summary>
    private static async Task<IResult> WriteAsync(
        int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, bool bodyOptional,
        Func<Actor, byte[], int?, Task<Outcome<StoredSubmission>>> write, CancellationToken cancellationToken)
    {
        if (await NotOwnerAsync(context, service, year, municipality, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        var (expected, valid) = ETags.ExpectedVersion(context.Request);
        if (!valid)
        {
            return BadIfMatch();
        }

        var (body, problem) = await RequestBody.ReadJsonAsync(context.Request, bodyOptional);
        return problem ?? Respond(await write(context.User.Actor(), body!, expected), context, catalog);
    }

    private static async Task<Results<Ok<List<AuditTrailEntry>>, ProblemHttpResult>> VersionsAsync(int year, string municipality, HttpContext context, SubmissionService service, SubmissionStore store, CancellationToken cancellationToken)
    {
        var current = await service.GetAsync(context.User.Actor(), year, municipality, cancellationToken);
        if (current.Refusal is not null)
        {
            return Problems.From(current.Refusal);
        }

        return TypedResults.Ok((await store.VersionsAsync(year, municipality, cancellationToken)).Select(AuditTrailEntry.From).ToList());
    }

    private static async Task<IResult> VersionAsync(int year, string municipality, int version, HttpContext context, SubmissionService service, SubmissionStore store, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var current = await service.GetAsync(context.User.Actor(), year, municipality, cancellationToken);
        if (current.Refusal is not null)
        {
            return Problems.From(current.Refusal);
        }

        var record = await store.VersionAsync(year, municipality, version, cancellationToken);
        return record is null
            ? Problems.Result(404, "No such version", $"{municipality} has versions 1 to {current.Value!.Record.Version} in cycle {year}.")
            : TypedResults.Ok(SubmissionResponse.From(record, catalog));
    }

    private static async Task<Results<Ok<ScoreCard>, ProblemHttpResult>> ScoresAsync(int year, string municipality, HttpContext context, SubmissionService service, CancellationToken cancellationToken)
    {
        var outcome = await service.ScoreAsync(context.User.Actor(), year, municipality, cancellationToken);
        // Figures leave the API at the documented precision (docs/scoring.md, "Presenting figures"), never as 28-digit decimals.
        return outcome.Refusal is null ? TypedResults.Ok(ApiFigures.Shown(outcome.Value!)) : Problems.From(outcome.Refusal);
    }

    /// <summary>Every version, and every refused attempt by another key, in time order; also before the municipality has saved anything.</summary>
    private static async Task<Results<Ok<List<AuditTrailEntry>>, ProblemHttpResult>> AuditAsync(int year, string municipality, HttpContext context, SubmissionService service, SubmissionStore store, CycleStore cycles, AuditStore audit, CancellationToken cancellationToken)
    {
        if (await service.RefuseReadAsync(context.User.Actor(), year, municipality, "read the audit trail", cancellationToken) is { } refused)
        {
            return Problems.From(refused);
        }

        var versions = await store.VersionsAsync(year, municipality, cancellationToken);
        var denied = await audit.ListAsync(AuditAreas.Access(year, municipality), cancellationToken);

        // Refusals are recorded before the cycle is looked up, so even a trail of an unknown cycle can hold entries; only an empty one is a mistaken year.
        if (versions.Count == 0 && denied.Count == 0 && await cycles.GetAsync(year, cancellationToken) is null)
        {
            return CycleEndpoints.UnknownCycle(year);
        }

        return TypedResults.Ok(versions.Select(AuditTrailEntry.From).Concat(denied.Select(AuditTrailEntry.From)).OrderBy(e => e.At).ThenBy(e => e.Version ?? 0).ToList());
    }
}
