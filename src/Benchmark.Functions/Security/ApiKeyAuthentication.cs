using System.Security.Claims;
using System.Text.Encodings.Web;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Benchmark.Functions.Security;

/// <summary>Bearer authentication with the service's own API keys (Authorization: Bearer bmk_…).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyCache keys,
    FailedAuthentications failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? _blockedFor;

    public const string SchemeName = "Bearer";
    public const string MunicipalityClaim = "municipality";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use 'Authorization: Bearer <key>'.");
        }

        var client = Context.Connection.RemoteIpAddress;
        if (failures.RetryAfter(client) is { } wait)
        {
            // A client that keeps sending wrong keys waits; its keys are not even looked up meanwhile.
            _blockedFor = wait;
            return AuthenticateResult.Fail("Too many failed authentications from this address.");
        }

        var key = header[(SchemeName.Length + 1)..].Trim();
        var found = await keys.FindAsync(key, Context.RequestAborted).ConfigureAwait(false);
        if (found.Failed)
        {
            failures.Record(client);
            return AuthenticateResult.Fail(found.Refusal.Code == KeyRefusals.Revoked ? "This key was revoked." : "Unknown key.");
        }

        var info = found.Value;

        List<Claim> claims = [new(ClaimTypes.NameIdentifier, info.KeyId), new(ClaimTypes.Role, info.Role.ToString())];
        if (info.Municipality is not null)
        {
            claims.Add(new Claim(MunicipalityClaim, info.Municipality));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure?.Message;
        if (_blockedFor is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Write(Context, StatusCodes.Status429TooManyRequests, "Too many failed authentications", $"Wrong keys were sent from this address too often; try again in {seconds} seconds.").ConfigureAwait(false);
            return;
        }

        Response.Headers.WWWAuthenticate = SchemeName;
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Not authenticated", failure ?? "Send an API key: 'Authorization: Bearer <key>'.").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Forbidden", "This key may not do this.");
}

public static class ActorExtensions
{
    /// <summary>The authenticated caller; endpoints run only after authentication, so there always is one.</summary>
    public static Actor Actor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not authenticated."),
        Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!),
        user.FindFirstValue(ApiKeyAuthenticationHandler.MunicipalityClaim));

    /// <summary>
    /// Lets only these roles through; others get 403. An authorization policy, so it is decided before the
    /// request body is read. Ownership of a municipality is checked by the service.
    /// </summary>
    public static TBuilder AllowRoles<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(roles.Select(r => r.ToString())));
}
