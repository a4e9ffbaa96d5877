using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>A signed-in web session as the server knows it: whose key it stands in for, and until when at the latest.</summary>
public sealed record WebSessionRecord(string KeyHash, string KeyId, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Where the web sessions are kept. The cookie carries a random session id; the repository keeps only its hash, and
/// ending a session deletes it, which ends it wherever a copy of the cookie is.
/// </summary>
public interface ISessionRepository
{
    /// <summary>Starts a session for the key and returns its id, the secret the cookie carries; the id itself is never stored.</summary>
    Task<string> StartAsync(string keyHash, string keyId, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>The session by its id, expired or not; null when there is none, or it was ended.</summary>
    Task<WebSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends the session. Ending one that is gone already is not an error.</summary>
    Task EndAsync(string sessionId, CancellationToken cancellationToken = default);
}

/// <summary>Sign in on the web pages with <paramref name="Key"/>, from the client named <paramref name="From"/> (for the audit trail), for at most <paramref name="Lifetime"/>.</summary>
public sealed record SignIn(string Key, string From, TimeSpan Lifetime);

/// <summary>A started session: the key it stands in for, and the id the cookie carries.</summary>
public sealed record SignedIn(ApiKeyInfo Key, string SessionId);

/// <summary>The stable codes of the sign-in refusals, for the page that words them.</summary>
public static class SignInRefusals
{
    public const string UnknownKey = "sign-in.key-unknown";
    public const string RevokedKey = "sign-in.key-revoked";
}

/// <summary>
/// Signing in and out on the web pages: only an active key starts a session, and every failed attempt is audited,
/// naming the key's public id when it is one of ours and never the key itself. A session ends when its user signs out
/// or at its maximum lifetime, however busy it is.
/// </summary>
public sealed class SignInService(IKeyRepository keys, ISessionRepository sessions, IAuditLog audit, TimeProvider time)
{
    /// <remarks>
    /// Looks the key up in storage rather than in any cache: a session outlives a cached lookup by far, so a key revoked
    /// a moment ago must not start one.
    /// </remarks>
    public async Task<Outcome<SignedIn>> SignInAsync(SignIn command, CancellationToken cancellationToken = default)
    {
        var key = ApiKeys.LooksLikeKey(command.Key) ? await keys.FindByHashAsync(ApiKeys.Hash(command.Key), cancellationToken).ConfigureAwait(false) : null;
        if (key is not { IsActive: true })
        {
            var reason = key is null ? "unknown key" : "revoked key";
            await audit.AppendAsync(AuditAreas.SignIn, key?.KeyId ?? "anonymous", "sign-in-failed", key?.KeyId ?? "(unknown key)", $"{reason} from {command.From}", cancellationToken).ConfigureAwait(false);
            return key is null
                ? new Refusal(RefusalKind.NotFound, "Unknown key", "This is not one of our keys.") { Code = SignInRefusals.UnknownKey }
                : new Refusal(RefusalKind.Forbidden, "Key revoked", $"Key {key.KeyId} was revoked.") { Code = SignInRefusals.RevokedKey };
        }

        var sessionId = await sessions.StartAsync(ApiKeys.Hash(command.Key), key.KeyId, command.Lifetime, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.SignIn, key.KeyId, "signed-in", key.KeyId, $"from {command.From}", cancellationToken).ConfigureAwait(false);
        return new SignedIn(key, sessionId);
    }

    /// <summary>The session, or null when there is none by this id, it was ended, or it has expired.</summary>
    public async Task<WebSessionRecord?> FindSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await sessions.FindAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } session && time.GetUtcNow() < session.ExpiresAt ? session : null;

    /// <summary>Ends the session for every copy of its cookie.</summary>
    public Task SignOutAsync(string sessionId, CancellationToken cancellationToken = default) => sessions.EndAsync(sessionId, cancellationToken);
}
