using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Endpoints;

public static class CycleEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var cycles = v1.MapGroup("/cycles").WithTags("Cycles");

        cycles.MapGet("/", async (CycleService service, CancellationToken cancellationToken) =>
                TypedResults.Ok((await service.ListAsync(cancellationToken)).Select(CycleResponse.From).ToList()))
            .WithName("ListCycles")
            .WithSummary("All cycles with their status and deadline");

        cycles.MapGet("/{year:int}", async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> (int year, CycleService service, CancellationToken cancellationToken) =>
                (await service.GetAsync(year, cancellationToken)).Value is { } cycle ? TypedResults.Ok(CycleResponse.From(cycle)) : UnknownCycle(year))
            .WithName("GetCycle")
            .WithSummary("One cycle");

        cycles.MapGet("/{year:int}/questionnaire", async Task<Results<Ok<QuestionnaireResponse>, ProblemHttpResult>> (int year, CycleService service, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                (await service.GetAsync(year, cancellationToken)).Value is { } cycle
                    ? TypedResults.Ok(QuestionnaireResponse.From(catalog, catalog.Version(cycle.QuestionnaireVersion)!))
                    : UnknownCycle(year))
            .WithName("GetQuestionnaire")
            .WithSummary("The questionnaire of a cycle: blocks, level descriptions and questions, in Dutch and English");

        cycles.MapPut("/{year:int}", OpenAsync)
            .AllowRoles(Role.Analyst)
            .WithName("OpenCycle")
            .WithSummary("Open a cycle, or move the deadline of an open one (analysts); a closed cycle is final");

        cycles.MapPost("/{year:int}/close", CloseAsync)
            .AllowRoles(Role.Analyst)
            .WithName("CloseCycle")
            .WithSummary("Close a cycle: no answer changes any more (analysts)");
    }

    // The questionnaire may be left out (the service picks it); the default says so in the OpenAPI document too.
    public sealed record OpenCycleRequest(DateTimeOffset? Deadline, string? Questionnaire = null);

    /// <summary>Opens the cycle, or moves its deadline: the rules are <see cref="CycleService"/>'s, as on the analyst pages.</summary>
    private static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> OpenAsync(
        int year, HttpContext context, CycleService service, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<OpenCycleRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        if (request?.Deadline is not { } deadline)
        {
            return Problems.Result(400, "Deadline required", "Send {\"deadline\": \"2026-12-31T22:59:00Z\"}.", [new("/deadline", "required")]);
        }

        var outcome = await service.OpenOrSetDeadlineAsync(context.User.Actor().KeyId, new OpenCycle(year, deadline, request.Questionnaire), cancellationToken);
        return outcome.Failed ? Problems.From(outcome.Refusal) : TypedResults.Ok(CycleResponse.From(outcome.Value));
    }

    private static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> CloseAsync(
        int year, HttpContext context, CycleService service, CancellationToken cancellationToken)
    {
        var outcome = await service.CloseAsync(context.User.Actor().KeyId, new CloseCycle(year), cancellationToken);
        return outcome.Failed ? Problems.From(outcome.Refusal) : TypedResults.Ok(CycleResponse.From(outcome.Value));
    }

    internal static ProblemHttpResult UnknownCycle(int year) => Problems.Result(404, "Unknown cycle", $"There is no cycle {year}.");
}
