using System.Security.Claims;
using System.Threading.RateLimiting;
using Benchmark.Functions.Web;

namespace Benchmark.Functions.Security;

/// <summary>
/// Two doors, two limits: API keys (scripts, suppliers' software) and web sessions (people). A script that uses a
/// municipality's key up to its limit must not lock that municipality's staff out of the pages, so a session is counted
/// on its own, never against the key it was signed in with. Without a key or session the client address is counted,
/// again per door.
/// </summary>
public sealed record RateLimits(int ApiKeyPermitsPerMinute, int SessionPermitsPerMinute)
{
    public const string ApiKeySetting = "RateLimit:PermitsPerMinute";
    public const string SessionSetting = "RateLimit:SessionPermitsPerMinute";

    public static RateLimits From(IConfiguration configuration)
    {
        var api = configuration.GetValue(ApiKeySetting, 300);
        var sessions = configuration.GetValue(SessionSetting, 600);
        if (api < 1 || sessions < 1)
        {
            throw new InvalidOperationException($"{ApiKeySetting} and {SessionSetting} must be at least 1; they are {api} and {sessions}.");
        }

        return new RateLimits(api, sessions);
    }

    /// <summary>The partition a request is counted in; error pages are never counted, so a 429 can still be shown.</summary>
    public RateLimitPartition<string> PartitionFor(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/fout"))
        {
            return RateLimitPartition.GetNoLimiter("error-pages");
        }

        var (partition, permits) = PartitionKey(context);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    internal (string Partition, int Permits) PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: WebPages.SessionScheme } && user.FindFirstValue(WebPages.SessionIdClaim) is { } session)
        {
            return ("session:" + session, SessionPermitsPerMinute);
        }

        if (user.Identity?.IsAuthenticated == true)
        {
            return ("key:" + user.Actor().KeyId, ApiKeyPermitsPerMinute);
        }

        // Behind the Functions host the address the forwarded headers give, not the host's.
        var client = FailedAuthentications.ClientPartition(context.Connection.RemoteIpAddress);
        var isApi = context.Request.Path.StartsWithSegments("/api");
        return isApi ? ("api-ip:" + client, ApiKeyPermitsPerMinute) : ("page-ip:" + client, SessionPermitsPerMinute);
    }
}
