using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
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

        review.MapPost(SubmissionEndpoints.Route + "/approve", (int year, string municipality, HttpContext context, ReviewService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                ReviewAsync(year, municipality, SubmissionAction.Approved, context, service, catalog, cancellationToken))
            .Produces<SubmissionResponse>()
            .WithName("ApproveSubmission")
            .WithSummary("Approve a submitted submission");

        review.MapPost(SubmissionEndpoints.Route + "/reject", (int year, string municipality, HttpContext context, ReviewService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                ReviewAsync(year, municipality, SubmissionAction.Rejected, context, service, catalog, cancellationToken))
            .Produces<SubmissionResponse>()
            .WithName("RejectSubmission")
            .WithSummary("Reject a submitted submission with a comment; the municipality can then change and resubmit it");

        review.MapPost(SubmissionEndpoints.Route + "/reopen", (int year, string municipality, HttpContext context, ReviewService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                ReviewAsync(year, municipality, SubmissionAction.Reopened, context, service, catalog, cancellationToken))
            .Produces<SubmissionResponse>()
            .WithName("ReopenSubmission")
            .WithSummary("Reopen a submission so the municipality can change it, also after the deadline");

        review.MapGet("/audit/{area}", async Task<Results<Ok<List<AuditEntry>>, ProblemHttpResult>> (string area, IAuditLog audit, CancellationToken cancellationToken) =>
                AuditAreas.IsArea(area)
                    ? TypedResults.Ok((await audit.ListAsync(area, cancellationToken)).ToList())
                    : Problems.Result(404, "Unknown audit area", $"The audit areas are: {string.Join(", ", AuditAreas.Areas)}. Each submission has its own trail, refused attempts included, at …/submissions/{{code}}/audit."))
            .WithName("ListAudit")
            .WithSummary($"One audit log: {string.Join(", ", AuditAreas.Areas)}");
    }

    // Only a rejection needs a comment; the default marks it optional in the OpenAPI document.
    public sealed record ReviewRequest(string? Comment = null);

    public sealed record SubmissionSummary(string Municipality, string? Name, string? Province, int? SizeClass, SubmissionStatus Status, int Version, DateTimeOffset ChangedAt, decimal? Index, decimal Completeness);

    public sealed record SubmissionList(int Cycle, IReadOnlyDictionary<string, int> Counts, int NotStarted, IReadOnlyList<SubmissionSummary> Items);

    private static async Task<IResult> ReviewAsync(int year, string municipality, SubmissionAction action, HttpContext context, ReviewService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
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

        var command = new ReviewSubmission(year, municipality, action, request?.Comment, expected);
        return SubmissionEndpoints.Respond(await service.ReviewAsync(context.User.Actor(), command, cancellationToken), context, catalog);
    }

    private static async Task<Results<Ok<SubmissionList>, ProblemHttpResult>> ListAsync(
        int year, string? status, string? province, int? sizeClass, string? collaboration,
        HttpContext context, ReviewService service, CycleService cycles, CancellationToken cancellationToken)
    {
        // An unknown cycle is named before a wrong filter, as the list itself would.
        if ((await cycles.GetAsync(year, cancellationToken)).Refusal is { } unknown)
        {
            return Problems.From(unknown);
        }

        // The pages ignore an unknown filter value; the API says so.
        var filter = ReviewFilter.Parse(status, province, sizeClass?.ToString(System.Globalization.CultureInfo.InvariantCulture), collaboration);
        if (status is not null && filter.Status is null)
        {
            return Problems.Result(400, "Invalid filter", $"status must be one of: {string.Join(", ", Enum.GetNames<SubmissionStatus>().Select(n => n.ToLowerInvariant()))}.");
        }

        if (sizeClass is < 1 or > 8)
        {
            return Problems.Result(400, "Invalid filter", "sizeClass is a CBS size class from 1 to 8.");
        }

        var table = await service.ListAsync(context.User.Actor(), year, filter, cancellationToken: cancellationToken);
        if (table.Failed)
        {
            return Problems.From(table.Refusal);
        }

        var items = table.Value.Rows.Select(r => new SubmissionSummary(r.Municipality, r.Name, r.Province, r.SizeClass, r.Status, r.Version, r.ChangedAt, r.Index, r.Completeness)).ToList();
        var counts = table.Value.Counts.ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value);
        return TypedResults.Ok(new SubmissionList(year, counts, table.Value.NotStarted, items));
    }
}
