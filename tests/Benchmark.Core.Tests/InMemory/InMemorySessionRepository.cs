using Benchmark.Core.Application;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>Web sessions in memory, by their id, for the application services' unit tests.</summary>
internal sealed class InMemorySessionRepository(TimeProvider time) : ISessionRepository
{
    public Dictionary<string, WebSessionRecord> Sessions { get; } = new(StringComparer.Ordinal);

    public Task<string> StartAsync(string keyHash, string keyId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var sessionId = Guid.NewGuid().ToString("N");
        Sessions[sessionId] = new WebSessionRecord(keyHash, keyId, time.GetUtcNow(), time.GetUtcNow() + lifetime);
        return Task.FromResult(sessionId);
    }

    public Task<WebSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult(Sessions.GetValueOrDefault(sessionId));

    public Task EndAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Sessions.Remove(sessionId);
        return Task.CompletedTask;
    }
}
