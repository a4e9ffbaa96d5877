using System.Collections.Concurrent;
using System.Net;

namespace Benchmark.Functions.Security;

/// <summary>
/// A small budget of failed authentications per client address, apart from the general rate limit: a client that keeps
/// sending wrong keys is stopped for a while without touching anyone else's budget, and its successful requests never
/// count. Kept per instance, in memory: enough to make guessing pointless (keys carry 256 random bits) and to keep a
/// flood of wrong keys away from storage.
/// </summary>
public sealed class FailedAuthentications(WebSecuritySettings settings, TimeProvider time)
{
    /// <summary>More clients than this in one window and the oldest windows are dropped, so a flood of addresses cannot fill memory.</summary>
    private const int MaxTrackedClients = 100_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How long the client must wait before it may try again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_windows.TryGetValue(Key(client), out var window) && now < window.Ends && window.Failures >= settings.FailedAuthenticationsPerWindow)
        {
            return window.Ends - now;
        }

        return null;
    }

    /// <summary>Counts one failed authentication of the client.</summary>
    public void Record(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_windows.Count >= MaxTrackedClients)
        {
            foreach (var (key, window) in _windows)
            {
                if (window.Ends <= now)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }

        _windows.AddOrUpdate(
            Key(client),
            _ => new Window(now + settings.FailedAuthenticationWindow, 1),
            (_, window) => window.Ends <= now ? new Window(now + settings.FailedAuthenticationWindow, 1) : window with { Failures = window.Failures + 1 });
    }

    private static string Key(IPAddress? client) => ClientPartition(client);

    /// <summary>
    /// The client's address as a rate-limit partition. An IPv6 client usually holds a whole /64, so that is one
    /// client; otherwise it could take a fresh budget with every address.
    /// </summary>
    public static string ClientPartition(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = client.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return client.ToString();
    }

    private sealed record Window(DateTimeOffset Ends, int Failures);
}
