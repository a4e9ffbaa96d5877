using Benchmark.Core.Application;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The API keys in memory, by hash, for the application services' unit tests.</summary>
internal sealed class InMemoryKeyRepository : IKeyRepository
{
    public Dictionary<string, ApiKeyInfo> Keys { get; } = new(StringComparer.Ordinal);

    public Task AddAsync(string hash, ApiKeyInfo key, CancellationToken cancellationToken = default)
    {
        Keys[hash] = key;
        return Task.CompletedTask;
    }

    public Task<ApiKeyInfo?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) => Task.FromResult(Keys.GetValueOrDefault(hash));

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>([.. Keys.Values.OrderBy(k => k.CreatedAt)]);

    public Task SetRevokedAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        foreach (var (hash, key) in Keys.Where(k => k.Value.KeyId == keyId).ToList())
        {
            Keys[hash] = key with { RevokedAt = revokedAt };
        }

        return Task.CompletedTask;
    }
}
