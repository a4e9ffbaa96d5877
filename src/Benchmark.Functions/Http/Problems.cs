using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Benchmark.Functions.Http;

/// <summary>RFC 9457 problem details for every error the API returns.</summary>
public static class Problems
{
    public static ProblemHttpResult Result(int status, string title, string detail, IReadOnlyList<SubmissionError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors.Select(e => new { pointer = e.Pointer, detail = e.Message }).ToList();
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>The problem for a refused command, with the rule's stable code (e.g. "cycle.closed") as <c>code</c> when it has one.</summary>
    public static ProblemHttpResult From(Refusal refusal)
    {
        var result = FromRefusal(refusal);
        if (refusal.Code is { } code)
        {
            result.ProblemDetails.Extensions["code"] = code;
        }

        return result;
    }

    private static ProblemHttpResult FromRefusal(Refusal refusal) => Result(
        refusal.Kind switch
        {
            RefusalKind.Invalid => StatusCodes.Status400BadRequest,
            RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
            RefusalKind.NotFound => StatusCodes.Status404NotFound,
            RefusalKind.Conflict => StatusCodes.Status409Conflict,
            RefusalKind.Stale => StatusCodes.Status412PreconditionFailed,
            RefusalKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
            _ => StatusCodes.Status500InternalServerError,
        },
        refusal.Title,
        refusal.Detail,
        refusal.Errors);

    /// <summary>Writes a problem outside an endpoint (authentication, rate limiting, errors).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" },
        }).AsTask();
    }
}
