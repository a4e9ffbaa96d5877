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

    public async Task<ApiKeyInfo?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = KeyStore.Hash(key);
        if (_entries.TryGetValue(hash, out var entry) && time.GetUtcNow() - entry.ReadAt < Duration && entry.Key is not null)
        {
            return entry.Key;
        }

        var found = await store.FindAsync(key, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            _entries[hash] = (found, time.GetUtcNow());
        }

        return found;
    }
}
