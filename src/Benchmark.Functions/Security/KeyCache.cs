using System.Collections.Concurrent;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Functions.Security;

/// <summary>
/// Remembers looked-up keys briefly, so a request costs no extra storage round trip for authentication.
/// A key revoked elsewhere stops working here within <see cref="Duration"/>. Which keys authenticate is
/// <see cref="KeyService"/>'s rule; this only keeps its answers for a while.
/// </summary>
public sealed class KeyCache(KeyService keys, TimeProvider time, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (Outcome<ApiKeyInfo> Key, DateTimeOffset ReadAt)> _entries = new(StringComparer.Ordinal);

    public TimeSpan Duration { get; } = TimeSpan.FromSeconds(configuration.GetValue("Auth:KeyCacheSeconds", 30));

    /// <summary>The active key a caller presents; refused as unknown or revoked (<see cref="KeyRefusals"/>).</summary>
    public Task<Outcome<ApiKeyInfo>> FindAsync(string key, CancellationToken cancellationToken) =>
        ApiKeys.LooksLikeKey(key) ? FindByHashAsync(ApiKeys.Hash(key), cancellationToken) : keys.FindAsync(key, cancellationToken);

    /// <summary>The active key with this hash, as a web session remembers it; refused as unknown or revoked.</summary>
    public async Task<Outcome<ApiKeyInfo>> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(hash, out var entry) && time.GetUtcNow() - entry.ReadAt < Duration)
        {
            return entry.Key;
        }

        // An unknown key is not remembered: it may be created any moment, and wrong keys are what the rate limit is for.
        var found = await keys.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        if (found.Refusal?.Code != KeyRefusals.Unknown)
        {
            _entries[hash] = (found, time.GetUtcNow());
        }

        return found;
    }
}
