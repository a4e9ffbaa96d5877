using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Endpoints;

/// <summary>Benchmark results: analysts see everything; a municipality and its council see their own position and advice.</summary>
public static class BenchmarkEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var own = v1.MapGroup(SubmissionEndpoints.Route).WithTags("Benchmark");
        own.MapGet("/position", async Task<Results<Ok<MunicipalityPositionResponse>, ProblemHttpResult>> (int year, string municipality, HttpContext context, SubmissionService submissions, BenchmarkService benchmark, CancellationToken cancellationToken) =>
                Answer(await OwnResultAsync(year, municipality, "read the position", context, submissions, benchmark, cancellationToken), year, result => new MunicipalityPositionResponse(
                    ApiFigures.Shown(result.Position),
                    result.Groups,
                    new MunicipalityTrends(ApiFigures.Shown(result.Trends.Index, isIndex: true), result.Trends.Blocks.ToDictionary(b => b.Key, b => ApiFigures.Shown(b.Value, isIndex: false), StringComparer.Ordinal)))))
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("GetPosition")
            .WithSummary("The municipality's values, percentile ranks and trends, with its peer groups' statistics (withheld for groups under 5)");

        own.MapGet("/learn-from", async Task<Results<Ok<LearnFromAdvice>, ProblemHttpResult>> (int year, string municipality, HttpContext context, SubmissionService submissions, BenchmarkService benchmark, CancellationToken cancellationToken) =>
                Answer(await OwnResultAsync(year, municipality, "read the learn-from advice", context, submissions, benchmark, cancellationToken), year, result => ApiFigures.Shown(result.Advice)))
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("GetLearnFrom")
            .WithSummary("The municipality's three largest gaps and the consenting leaders it can learn from");

        var analysts = v1.MapGroup("/cycles/{year:int}").WithTags("Benchmark").AllowRoles(Role.Analyst);
        analysts.MapPost("/benchmark", async Task<Results<Ok<BenchmarkSummary>, ProblemHttpResult>> (int year, bool? includeSubmitted, HttpContext context, BenchmarkService benchmark, CancellationToken cancellationToken) =>
                Answer(await benchmark.ComputeAsync(year, includeSubmitted ?? false, context.User.Actor().KeyId, cancellationToken), year, summary => summary))
            .WithName("ComputeBenchmark")
            .WithSummary("Benchmark the cycle now and store the results (approved submissions; ?includeSubmitted=true adds submitted ones)");

        analysts.MapGet("/benchmark/groups", async Task<Results<Ok<IReadOnlyList<GroupBenchmark>>, ProblemHttpResult>> (int year, BenchmarkService benchmark, CancellationToken cancellationToken) =>
                Answer(await benchmark.GroupsAsync(year, cancellationToken), year, groups => groups))
            .WithName("GetBenchmarkGroups")
            .WithSummary("Statistics of every peer group for the index, every domain and every block");

        analysts.MapGet("/benchmark/national", async Task<Results<Ok<NationalView>, ProblemHttpResult>> (int year, BenchmarkService benchmark, CancellationToken cancellationToken) =>
                Answer(await benchmark.NationalAsync(year, cancellationToken), year, national => national))
            .WithName("GetNationalView")
            .WithSummary("Adoption matrix, distributions and leaders per block, response and completeness");

        analysts.MapGet("/flags", async (int year, CurationService curation, CancellationToken cancellationToken) => TypedResults.Ok(await curation.ListFlagsAsync(year, cancellationToken)))
            .WithName("ListFlags")
            .WithSummary("Plausibility flags of the cycle, with their dismissal");

        analysts.MapPost("/flags/{id}/dismiss", DismissAsync)
            .WithName("DismissFlag")
            .WithSummary("Dismiss a flag with a comment (audited)");

        analysts.MapGet("/practice-notes", async (int year, CurationService curation, CancellationToken cancellationToken) => TypedResults.Ok(await curation.ListNotesAsync(year, cancellationToken)))
            .WithName("ListPracticeNotes")
            .WithSummary("Practice notes of the cycle and whether they are pending, approved or hidden");

        analysts.MapPut("/practice-notes/{municipality:gmcode}/{question}", CurateAsync)
            .WithName("CuratePracticeNote")
            .WithSummary("Approve (optionally with an edited text) or hide a practice note (audited)");

        analysts.MapPut("/groups/{id}", PutGroupAsync)
            .WithName("PutPeerGroup")
            .WithSummary("Define a custom peer group for the cycle");
    }

    public sealed record MunicipalityPositionResponse(MunicipalityPosition Position, IReadOnlyList<PublicGroup> Groups, MunicipalityTrends Trends);

    public sealed record DismissRequest(string? Comment);

    // Without a text the note keeps the one it has; the default marks it optional in the OpenAPI document.
    public sealed record CurateRequest(NoteStatus? Status, string? Text = null);

    public sealed record GroupRequest(string? Label, IReadOnlyList<string>? Members);

    private static Results<Ok<TResponse>, ProblemHttpResult> Answer<T, TResponse>(Outcome<T> outcome, int year, Func<T, TResponse> respond)
        where T : class =>
        outcome.Succeeded ? TypedResults.Ok(respond(outcome.Value)) : Problem(outcome.Refusal, year);

    /// <summary>The problem for a refusal; a cycle not benchmarked yet is told how to benchmark it, in the API's own terms.</summary>
    private static ProblemHttpResult Problem(Refusal refusal, int year) => Problems.From(refusal.Code == BenchmarkRefusals.NotComputed
        ? refusal with { Detail = $"Cycle {year} has not been benchmarked yet; an analyst runs it with POST /api/v1/cycles/{year}/benchmark." }
        : refusal);

    private static async Task<Outcome<MunicipalityResult>> OwnResultAsync(int year, string municipality, string attempt, HttpContext context, SubmissionService submissions, BenchmarkService benchmark, CancellationToken cancellationToken) =>
        await submissions.RefuseReadAsync(context.User.Actor(), year, municipality, attempt, cancellationToken) is { } refused
            ? refused
            : await benchmark.ResultAsync(year, municipality, cancellationToken);

    private static async Task<IResult> DismissAsync(int year, string id, HttpContext context, CurationService curation, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<DismissRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await curation.DismissFlagAsync(context.User.Actor().KeyId, new DismissFlag(year, id, request?.Comment), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : Problems.From(outcome.Refusal);
    }

    private static async Task<IResult> CurateAsync(int year, string municipality, string question, HttpContext context, CurationService curation, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<CurateRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await curation.CurateNoteAsync(context.User.Actor().KeyId, new CurateNote(year, municipality, question, request?.Status, request?.Text), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : Problems.From(outcome.Refusal);
    }

    private static async Task<IResult> PutGroupAsync(int year, string id, HttpContext context, CurationService curation, CancellationToken cancellationToken)
    {
        // An unknown cycle is named before the request is read, whatever the request holds.
        if (await curation.CheckGroupCycleAsync(year, cancellationToken) is { } unknown)
        {
            return Problems.From(unknown);
        }

        var (request, problem) = await RequestBody.ReadJsonAsync<GroupRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await curation.PutGroupAsync(context.User.Actor().KeyId, new PutGroup(year, id, request?.Label, request?.Members), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : Problems.From(outcome.Refusal);
    }
}
