using Benchmark.Core.Application;
using Benchmark.Core.Text;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Submissions;
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
        own.MapGet("/position", async Task<Results<Ok<MunicipalityPositionResponse>, ProblemHttpResult>> (int year, string municipality, HttpContext context, SubmissionService submissions, BenchmarkStore results, CancellationToken cancellationToken) =>
                await OwnResultAsync(year, municipality, "read the position", context, submissions, results, cancellationToken) switch
                {
                    { Result: { } result } => TypedResults.Ok(new MunicipalityPositionResponse(
                        ApiFigures.Shown(result.Position),
                        result.Groups,
                        new MunicipalityTrends(ApiFigures.Shown(result.Trends.Index, isIndex: true), result.Trends.Blocks.ToDictionary(b => b.Key, b => ApiFigures.Shown(b.Value, isIndex: false), StringComparer.Ordinal)))),
                    var refused => refused.Problem!,
                })
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("GetPosition")
            .WithSummary("The municipality's values, percentile ranks and trends, with its peer groups' statistics (withheld for groups under 5)");

        own.MapGet("/learn-from", async Task<Results<Ok<LearnFromAdvice>, ProblemHttpResult>> (int year, string municipality, HttpContext context, SubmissionService submissions, BenchmarkStore results, CancellationToken cancellationToken) =>
                await OwnResultAsync(year, municipality, "read the learn-from advice", context, submissions, results, cancellationToken) switch
                {
                    { Result: { } result } => TypedResults.Ok(ApiFigures.Shown(result.Advice)),
                    var refused => refused.Problem!,
                })
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .WithName("GetLearnFrom")
            .WithSummary("The municipality's three largest gaps and the consenting leaders it can learn from");

        var analysts = v1.MapGroup("/cycles/{year:int}").WithTags("Benchmark").AllowRoles(Role.Analyst);
        analysts.MapPost("/benchmark", async Task<Results<Ok<BenchmarkSummary>, ProblemHttpResult>> (int year, bool? includeSubmitted, HttpContext context, BenchmarkService service, CancellationToken cancellationToken) =>
                await service.ComputeAsync(year, includeSubmitted ?? false, context.User.Actor().KeyId, cancellationToken) switch
                {
                    { Value: { } summary } => TypedResults.Ok(summary),
                    var refused => Problems.From(refused.Refusal!),
                })
            .WithName("ComputeBenchmark")
            .WithSummary("Benchmark the cycle now and store the results (approved submissions; ?includeSubmitted=true adds submitted ones)");

        analysts.MapGet("/benchmark/groups", async Task<Results<Ok<IReadOnlyList<GroupBenchmark>>, ProblemHttpResult>> (int year, BenchmarkStore results, CancellationToken cancellationToken) =>
                await results.GroupsAsync(year, cancellationToken) is { } groups ? TypedResults.Ok(groups) : NotComputed(year))
            .WithName("GetBenchmarkGroups")
            .WithSummary("Statistics of every peer group for the index, every domain and every block");

        analysts.MapGet("/benchmark/national", async Task<Results<Ok<NationalView>, ProblemHttpResult>> (int year, BenchmarkStore results, CancellationToken cancellationToken) =>
                await results.NationalAsync(year, cancellationToken) is { } national ? TypedResults.Ok(national) : NotComputed(year))
            .WithName("GetNationalView")
            .WithSummary("Adoption matrix, distributions and leaders per block, response and completeness");

        analysts.MapGet("/flags", async (int year, CurationStore curation, CancellationToken cancellationToken) => TypedResults.Ok(await curation.FlagsAsync(year, cancellationToken)))
            .WithName("ListFlags")
            .WithSummary("Plausibility flags of the cycle, with their dismissal");

        analysts.MapPost("/flags/{id}/dismiss", DismissAsync)
            .WithName("DismissFlag")
            .WithSummary("Dismiss a flag with a comment (audited)");

        analysts.MapGet("/practice-notes", async (int year, CurationStore curation, CancellationToken cancellationToken) => TypedResults.Ok(await curation.NotesAsync(year, cancellationToken)))
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

    public sealed record CurateRequest(NoteStatus? Status, string? Text);

    public sealed record GroupRequest(string? Label, IReadOnlyList<string>? Members);

    private static ProblemHttpResult NotComputed(int year) =>
        Problems.Result(404, "Not computed", $"Cycle {year} has not been benchmarked yet; an analyst runs it with POST /api/v1/cycles/{year}/benchmark.");

    private static async Task<(MunicipalityResult? Result, ProblemHttpResult? Problem)> OwnResultAsync(int year, string municipality, string attempt, HttpContext context, SubmissionService submissions, BenchmarkStore results, CancellationToken cancellationToken)
    {
        if (await submissions.RefuseReadAsync(context.User.Actor(), year, municipality, attempt, cancellationToken) is { } refused)
        {
            return (null, Problems.From(refused));
        }

        if (await results.SummaryAsync(year, cancellationToken) is null)
        {
            return (null, NotComputed(year));
        }

        var result = await results.ResultAsync(year, municipality, cancellationToken);
        return result is null
            ? (null, Problems.Result(404, "No result", $"{municipality} has no approved submission in the benchmark of cycle {year}."))
            : (result, null);
    }

    private static async Task<IResult> DismissAsync(int year, string id, HttpContext context, CurationStore curation, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<DismissRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(request?.Comment))
        {
            return Problems.Result(400, "Comment required", $"Say why the flag is dismissed (at most {SubmissionJson.MaxTextLength} characters).", [new("/comment", "required")]);
        }

        if (SubmissionJson.CheckText(request.Comment, "/comment") is { } commentError)
        {
            return Problems.Result(400, "Invalid comment", $"The comment {commentError.Message}; nothing was changed.", [commentError]);
        }

        var dismissed = await curation.DismissFlagAsync(year, id, request.Comment.Trim(), context.User.Actor().KeyId, cancellationToken);
        return dismissed is null ? Problems.Result(404, "No such flag", $"Cycle {year} has no flag '{id}'.") : TypedResults.Ok(dismissed);
    }

    private static async Task<IResult> CurateAsync(int year, string municipality, string question, HttpContext context, CurationStore curation, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<CurateRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        if (request?.Status is not (NoteStatus.Approved or NoteStatus.Hidden))
        {
            return Problems.Result(400, "Status required", "Send {\"status\": \"approved\"} (optionally with \"text\") or {\"status\": \"hidden\"}.", [new("/status", "approved or hidden")]);
        }

        if (SubmissionJson.CheckText(request.Text, "/text") is { } textError)
        {
            return Problems.Result(400, "Invalid text", $"The text {textError.Message}; nothing was changed.", [textError]);
        }

        var note = await curation.CurateAsync(year, municipality, question, request.Status.Value, request.Text, context.User.Actor().KeyId, cancellationToken);
        return note is null ? Problems.Result(404, "No such note", $"{municipality} has no practice note with question '{question}' in cycle {year}.") : TypedResults.Ok(note);
    }

    /// <summary>Groups from 5 to this many members; larger ones are better expressed as the existing groups.</summary>
    public const int MaxCustomGroupSize = 400;

    /// <summary>A custom group that differs from another group by 1 to 4 municipalities would let their statistics be subtracted.</summary>
    public const int MinimumDifference = 5;

    private static async Task<IResult> PutGroupAsync(int year, string id, HttpContext context, CurationStore curation, CycleStore cycles, RegisterStore registers, CancellationToken cancellationToken)
    {
        if (await cycles.GetAsync(year, cancellationToken) is null)
        {
            return Problems.Result(404, "Unknown cycle", $"There is no cycle {year}.");
        }

        var (request, problem) = await RequestBody.ReadJsonAsync<GroupRequest>(context.Request, optional: false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<SubmissionError>();
        if (PeerGroups.Slug(id) != id || id.Length > 60)
        {
            errors.Add(new("/id", "use lowercase letters, digits and hyphens"));
        }

        if (string.IsNullOrWhiteSpace(request?.Label))
        {
            errors.Add(new("/label", "required"));
        }
        else if (SubmissionJson.CheckText(request.Label, "/label") is { } labelError)
        {
            errors.Add(labelError);
        }

        var members = request?.Members ?? [];
        var register = await registers.GetAsync(year, cancellationToken);
        if (register is null)
        {
            return Problems.Result(409, "No register", $"No municipality register covers {year}; import one first.");
        }

        errors.AddRange(members.Select((m, i) => (m, i)).Where(x => register.Find(x.m) is null).Select(x => new SubmissionError($"/members/{x.i}", $"'{(x.m.Length > 20 ? x.m[..20] : x.m)}' is not a municipality in the register of {register.Year}")).Take(50));
        var distinct = members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (distinct.Count is < GroupStatistics.MinimumGroupSize or > MaxCustomGroupSize)
        {
            errors.Add(new("/members", $"a group has {GroupStatistics.MinimumGroupSize} to {MaxCustomGroupSize} municipalities, not {distinct.Count}"));
        }

        if (errors.Count == 0)
        {
            var others = PeerGroups.For(register, (await curation.GroupsAsync(year, cancellationToken)).Where(g => g.Id != id).ToList());
            var close = others.FirstOrDefault(g => g.Members.Except(distinct).Count() + distinct.Except(g.Members).Count() is > 0 and < MinimumDifference);
            if (close is not null)
            {
                errors.Add(new("/members", $"differs from group '{close.Label}' by fewer than {MinimumDifference} municipalities; comparing the two would reveal their scores"));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Result(400, "Invalid group", $"{errors.Count} problem(s); nothing was saved.", errors);
        }

        var group = new CustomGroup(id, request!.Label!.Trim(), distinct);
        await curation.PutGroupAsync(year, group, context.User.Actor().KeyId, cancellationToken);
        return TypedResults.Ok(group);
    }
}
