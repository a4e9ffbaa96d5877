using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Benchmark.Functions.Security;

/// <summary>
/// Records every request that a role policy refuses to a signed-in caller, API call or page alike, and then answers
/// exactly as before: the API's 403 problem document, the pages' "geen toegang". Every endpoint and page passes
/// through here, so a new one cannot escape the record.
/// </summary>
/// <remarks>
/// Requests without a valid key or session (401, or the sign-in page) are not recorded: nobody can be named, and
/// anyone could fill the log with them. A refusal that names a submission (a route with a year and a municipality) is
/// also put in that submission's trail, where the municipality and the analysts read refused attempts on it.
/// </remarks>
public sealed partial class RefusalAudit(IAuditLog audit, SubmissionService submissions, ILogger<RefusalAudit> logger) : IAuthorizationMiddlewareResultHandler
{
    public const string RefusedAction = "refused";

    /// <summary>Paths are chosen by the caller; the audit needs only enough of one to see what was aimed at.</summary>
    private const int MaxPathLength = 200;

    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await RecordAsync(context, policy);
        }

        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task RecordAsync(HttpContext context, AuthorizationPolicy policy)
    {
        var actor = context.User.Actor();
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        if (path.Length > MaxPathLength)
        {
            path = path[..MaxPathLength] + "…";
        }

        var endpointName = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var allowed = string.Join(" or ", policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct(StringComparer.Ordinal).Select(r => r.ToLowerInvariant()));
        var what = endpointName is null ? "page" : "API call " + endpointName;
        var credential = context.User.Identity?.AuthenticationType == WebPages.SessionScheme ? "session" : "key";
        var caller = $"a {actor.Role.ToString().ToLowerInvariant()} {credential}{(actor.Municipality is null ? "" : " of " + actor.Municipality)}";

        try
        {
            await audit.AppendAsync(AuditAreas.Refusals, actor.KeyId, RefusedAction, $"{method} {path}", $"{what} refused to {caller}; only for {allowed}", context.RequestAborted);
            if (SubmissionOf(context) is var (year, municipality))
            {
                await submissions.RecordDeniedAsync(actor, year, municipality, $"{method} {endpointName ?? path} (only for {allowed})", context.RequestAborted);
            }
        }
        catch (StorageUnavailableException e)
        {
            // The refusal stands either way; an audit that cannot be written must not turn a 403 into a 503.
            LogNotRecorded(logger, method, path, actor.KeyId, e);
        }
    }

    /// <summary>The submission a route names, when it names one; the route constraints (int, GM code) have checked both values.</summary>
    private static (int Year, string Municipality)? SubmissionOf(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("year", out var year) && int.TryParse(year as string, NumberStyles.None, CultureInfo.InvariantCulture, out var cycle)
        && context.Request.RouteValues.TryGetValue("municipality", out var code) && code is string municipality
            ? (cycle, municipality)
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} by key {KeyId} could not be audited: storage unavailable")]
    private static partial void LogNotRecorded(ILogger logger, string method, string path, string keyId, Exception exception);
}
