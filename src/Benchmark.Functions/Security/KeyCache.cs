using System.Collections.Concurrent;
using Benchmark.Storage;

namespace Benchmark.Functions.Security;

/// <summary>
/// Remembers looked-up keys briefly, so a request costs no extra storage round trip for authentication.
/// A key revoked elsewhere stops working here within <see cref="Duration"/>.
/// </summary>
public sealed class KeyCache(KeyStore store, TimeProvider time, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (ApiKeyInfo? Key, DateTimeOffset ReadAt)> _entries = new(StringComparer.Ordinal);

    public TimeSpan Duration { get; } = TimeSpan.FromSeconds(configuration.GetValue("Auth:KeyCacheSeconds", 30));

    public Task<ApiKeyInfo?> FindAsync(string key, CancellationToken cancellationToken) =>
        KeyStore.LooksLikeKey(key) ? FindByHashAsync(KeyStore.Hash(key), cancellationToken) : Task.FromResult<ApiKeyInfo?>(null);

    public async Task<ApiKeyInfo?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(hash, out var entry) && time.GetUtcNow() - entry.ReadAt < Duration && entry.Key is not null)
        {
            return entry.Key;
        }

        var found = await store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            _entries[hash] = (found, time.GetUtcNow());
        }

        return found;
    }
}
