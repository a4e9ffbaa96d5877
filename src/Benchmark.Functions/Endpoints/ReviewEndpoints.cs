using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Endpoints;

/// <summary>What analysts do: list a cycle's submissions, approve, reject, reopen; read the audit log.</summary>
public static class ReviewEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var review = v1.MapGroup("/").WithTags("Review").AllowRoles(Role.Analyst);

        review.MapGet("/cycles/{year:int}/submissions", ListAsync)
            .WithName("ListSubmissions")
            .WithSummary("A cycle's submissions with status, index and completeness; filter by status, province, sizeClass (1–8) and collaboration");

        review.MapPost(SubmissionEndpoints.Route + "/approve", (int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                ReviewAsync(year, municipality, SubmissionAction.Approved, context, service, catalog, cancellationToken))
            .WithName("ApproveSubmission")
            .WithSummary("Approve a submitted submission");

        review.MapPost(SubmissionEndpoints.Route + "/reject", (int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                ReviewAsync(year, municipality, SubmissionAction.Rejected, context, service, catalog, cancellationToken))
            .WithName("RejectSubmission")
            .WithSummary("Reject a submitted submission with a comment; the municipality can then change and resubmit it");

        review.MapPost(SubmissionEndpoints.Route + "/reopen", (int year, string municipality, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                ReviewAsync(year, municipality, SubmissionAction.Reopened, context, service, catalog, cancellationToken))
            .WithName("ReopenSubmission")
            .WithSummary("Reopen a submission so the municipality can change it, also after the deadline");

        review.MapGet("/audit/{area}", async Task<Results<Ok<List<AuditEntry>>, ProblemHttpResult>> (string area, AuditStore audit, CancellationToken cancellationToken) =>
                area is AuditStore.KeysArea or AuditStore.CyclesArea
                    ? TypedResults.Ok((await audit.ListAsync(area, cancellationToken)).ToList())
                    : Problems.Result(404, "Unknown audit area", "Use 'keys' or 'cycles'; each submission has its own trail at …/submissions/{code}/audit."))
            .WithName("ListAudit")
            .WithSummary("The audit log of API keys or cycles");
    }

    public sealed record ReviewRequest(string? Comment);

    public sealed record SubmissionSummary(string Municipality, string? Name, string? Province, int? SizeClass, SubmissionStatus Status, int Version, DateTimeOffset ChangedAt, decimal? Index, decimal Completeness);

    public sealed record SubmissionList(int Cycle, IReadOnlyDictionary<string, int> Counts, int NotStarted, IReadOnlyList<SubmissionSummary> Items);

    private static async Task<IResult> ReviewAsync(int year, string municipality, SubmissionAction action, HttpContext context, SubmissionService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var (expected, valid) = ETags.ExpectedVersion(context.Request);
        if (!valid)
        {
            return Problems.Result(400, "Invalid If-Match", "If-Match must be an ETag from an earlier response, such as \"v3\".");
        }

        var (request, problem) = await RequestBody.ReadJsonAsync<ReviewRequest>(context.Request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        return SubmissionEndpoints.Respond(await service.ReviewAsync(context.User.Actor(), year, municipality, action, request?.Comment, expected, cancellationToken), context, catalog);
    }

    private static async Task<Results<Ok<SubmissionList>, ProblemHttpResult>> ListAsync(
        int year, string? status, string? province, int? sizeClass, string? collaboration,
        CycleStore cycles, SubmissionStore store, RegisterStore registers, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        if (await cycles.GetAsync(year, cancellationToken) is null)
        {
            return CycleEndpoints.UnknownCycle(year);
        }

        SubmissionStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Result(400, "Invalid filter", $"status must be one of: {string.Join(", ", Enum.GetNames<SubmissionStatus>().Select(n => n.ToLowerInvariant()))}.");
            }

            wanted = parsed;
        }

        if (sizeClass is < 1 or > 8)
        {
            return Problems.Result(400, "Invalid filter", "sizeClass is a CBS size class from 1 to 8.");
        }

        var register = await registers.GetAsync(year, cancellationToken);
        var records = await store.ListAsync(year, cancellationToken);
        var items = records.Select(r =>
            {
                var municipality = register?.Find(r.Municipality);
                var card = ScoringEngine.Score(catalog.Model, catalog.Version(r.Submission.QuestionnaireVersion)!, r.Submission);
                return (Record: r, Municipality: municipality, Summary: new SubmissionSummary(r.Municipality, municipality?.Name, municipality?.Province, municipality?.SizeClass.Number, r.Status, r.Version, r.ChangedAt, card.Index, card.Completeness));
            })
            .Where(i => wanted is null || i.Record.Status == wanted)
            .Where(i => province is null || string.Equals(i.Municipality?.Province, Provinces.Normalize(province) ?? province, StringComparison.Ordinal))
            .Where(i => sizeClass is null || i.Municipality?.SizeClass.Number == sizeClass)
            .Where(i => collaboration is null || i.Municipality?.Collaborations.Contains(collaboration, StringComparer.Ordinal) == true)
            .Select(i => i.Summary)
            .OrderBy(s => s.Municipality, StringComparer.Ordinal)
            .ToList();
        var counts = Enum.GetValues<SubmissionStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => records.Count(r => r.Status == s));
        var notStarted = register is null ? 0 : register.Municipalities.Count(m => records.All(r => r.Municipality != m.Code));
        return TypedResults.Ok(new SubmissionList(year, counts, notStarted, items));
    }
}
