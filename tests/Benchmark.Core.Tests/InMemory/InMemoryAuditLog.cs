using Benchmark.Core.Application;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The audit trail in memory, for the application services' unit tests (Table Storage has its own integration tests).</summary>
internal sealed class InMemoryAuditLog(TimeProvider time) : IAuditLog
{
    private readonly List<(string Area, AuditEntry Entry)> entries = [];

    public InMemoryAuditLog()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Every entry as "area actor action subject", oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. entries.Select(e => $"{e.Area} {e.Entry.Actor} {e.Entry.Action} {e.Entry.Subject}")];

    public Task AppendAsync(string area, string actor, string action, string subject, string? detail = null, CancellationToken cancellationToken = default)
    {
        entries.Add((area, new AuditEntry(time.GetUtcNow(), actor, action, subject, detail)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string area, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. entries.Where(e => e.Area == area).Select(e => e.Entry)]);
}
