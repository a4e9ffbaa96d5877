using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Endpoints;

public static class CycleEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var cycles = v1.MapGroup("/cycles").WithTags("Cycles");

        cycles.MapGet("/", async (CycleStore store, CancellationToken cancellationToken) =>
                TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(CycleResponse.From).ToList()))
            .WithName("ListCycles")
            .WithSummary("All cycles with their status and deadline");

        cycles.MapGet("/{year:int}", async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> (int year, CycleStore store, CancellationToken cancellationToken) =>
                await store.GetAsync(year, cancellationToken) is { } cycle ? TypedResults.Ok(CycleResponse.From(cycle)) : UnknownCycle(year))
            .WithName("GetCycle")
            .WithSummary("One cycle");

        cycles.MapGet("/{year:int}/questionnaire", async Task<Results<Ok<QuestionnaireResponse>, ProblemHttpResult>> (int year, CycleStore store, QuestionnaireCatalog catalog, CancellationToken cancellationToken) =>
                await store.GetAsync(year, cancellationToken) is { } cycle
                    ? TypedResults.Ok(QuestionnaireResponse.From(catalog, catalog.Version(cycle.QuestionnaireVersion)!))
                    : UnknownCycle(year))
            .WithName("GetQuestionnaire")
            .WithSummary("The questionnaire of a cycle: blocks, level descriptions and questions, in Dutch and English");

        cycles.MapPut("/{year:int}", OpenAsync)
            .AllowRoles(Role.Analyst)
            .WithName("OpenCycle")
            .WithSummary("Open a cycle, or move its deadline (analysts)");

        cycles.MapPost("/{year:int}/close", CloseAsync)
            .AllowRoles(Role.Analyst)
            .WithName("CloseCycle")
            .WithSummary("Close a cycle: no answer changes any more (analysts)");
    }

    public sealed record OpenCycleRequest(DateTimeOffset? Deadline, string? Questionnaire);

    private static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> OpenAsync(
        int year, HttpContext context, CycleStore store, AuditStore audit, QuestionnaireCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<OpenCycleRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        if (year is < 2000 or > 2100)
        {
            return Problems.Result(400, "Invalid year", $"{year} is not a plausible cycle year.");
        }

        if (request?.Deadline is not { } deadline)
        {
            return Problems.Result(400, "Deadline required", "Send {\"deadline\": \"2026-12-31T23:59:59Z\"}.", [new("/deadline", "required")]);
        }

        var version = request.Questionnaire ?? catalog.ForCycle(year)?.Version;
        if (version is null || catalog.Version(version) is null)
        {
            return Problems.Result(400, "Unknown questionnaire", $"No questionnaire version '{version}' exists for cycle {year}.", [new("/questionnaire", "unknown version")]);
        }

        var existing = await store.GetAsync(year, cancellationToken);
        if (existing is not null && existing.QuestionnaireVersion != version)
        {
            return Problems.Result(409, "Questionnaire fixed", $"Cycle {year} already uses questionnaire {existing.QuestionnaireVersion}; answers would no longer fit another version.");
        }

        var cycle = new Cycle(year, version, CycleStatus.Open, deadline.ToUniversalTime(), existing?.OpenedAt ?? time.GetUtcNow(), null);
        await store.SaveAsync(cycle, cancellationToken);
        // A PUT always leaves the cycle open, so on a closed cycle it reopens it: the log must say so, not just "deadline set".
        var (action, detail) = existing switch
        {
            null => ("cycle-opened", $"deadline {cycle.Deadline:O}"),
            { Status: CycleStatus.Closed } => ("cycle-reopened", $"deadline {cycle.Deadline:O}; closed since {existing.ClosedAt:O}"),
            _ => ("cycle-deadline-set", $"deadline {cycle.Deadline:O}"),
        };
        await audit.AppendAsync(AuditStore.CyclesArea, context.User.Actor().KeyId, action, year.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, cancellationToken);
        return TypedResults.Ok(CycleResponse.From(cycle));
    }

    private static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> CloseAsync(
        int year, HttpContext context, CycleStore store, AuditStore audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(year, cancellationToken);
        if (existing is null)
        {
            return UnknownCycle(year);
        }

        if (existing.Status == CycleStatus.Closed)
        {
            return TypedResults.Ok(CycleResponse.From(existing));
        }

        var closed = existing with { Status = CycleStatus.Closed, ClosedAt = time.GetUtcNow() };
        await store.SaveAsync(closed, cancellationToken);
        await audit.AppendAsync(AuditStore.CyclesArea, context.User.Actor().KeyId, "cycle-closed", year.ToString(System.Globalization.CultureInfo.InvariantCulture), null, cancellationToken);
        return TypedResults.Ok(CycleResponse.From(closed));
    }

    internal static ProblemHttpResult UnknownCycle(int year) => Problems.Result(404, "Unknown cycle", $"There is no cycle {year}.");
}
