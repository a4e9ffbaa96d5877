using System.Globalization;
using System.Net;

namespace Benchmark.Functions.Security;

/// <summary>
/// How the app protects sessions and clients (section <c>Web</c>). The defaults are the production ones; only
/// <see cref="LocalDevelopment"/> (set by scripts/run.sh and the tests, refused under the Functions host) relaxes them.
/// </summary>
public sealed class WebSecuritySettings
{
    public const string Section = "Web";

    /// <summary>
    /// Plain HTTP on this machine: cookies follow the request's scheme, no HSTS, and no forwarded headers are read
    /// (every visitor is 127.0.0.1). Anywhere else cookies are always <c>Secure</c> and every answer carries HSTS.
    /// </summary>
    public bool LocalDevelopment { get; set; }

    /// <summary>
    /// The addresses whose X-Forwarded-For and X-Forwarded-Proto are believed (comma-separated). Under the Functions
    /// host that is the host itself, on loopback; a request from anywhere else keeps its own address.
    /// </summary>
    public string TrustedProxies { get; set; } = "127.0.0.1,::1";

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after signing in, however busy it is.</summary>
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed authentications (a wrong key at sign-in or as a bearer key) one client may make per <see cref="FailedAuthenticationWindow"/>.</summary>
    public int FailedAuthenticationsPerWindow { get; set; } = 20;

    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);

    public IReadOnlyList<IPAddress> TrustedProxyAddresses() =>
        TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => IPAddress.TryParse(a, out var address) ? address : throw new InvalidOperationException($"{Section}:{nameof(TrustedProxies)} holds '{a}', which is not an IP address."))
            .ToList();

    public void Validate(bool underFunctionsHost)
    {
        if (underFunctionsHost && LocalDevelopment)
        {
            throw new InvalidOperationException($"{Section}:{nameof(LocalDevelopment)} is true under the Functions host; it is for plain HTTP on a developer's machine only.");
        }

        if (SessionMaxLifetime < SessionIdleTimeout)
        {
            throw new InvalidOperationException($"{Section}:{nameof(SessionMaxLifetime)} ({SessionMaxLifetime.ToString("c", CultureInfo.InvariantCulture)}) is shorter than {nameof(SessionIdleTimeout)}; make it at least as long.");
        }

        if (FailedAuthenticationsPerWindow < 1 || FailedAuthenticationWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:{nameof(FailedAuthenticationsPerWindow)} and {nameof(FailedAuthenticationWindow)} must be positive.");
        }

        _ = TrustedProxyAddresses();
    }
}
