using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The cycles in memory, for the application services' unit tests.</summary>
internal sealed class InMemoryCycleRepository : ICycleRepository
{
    public Dictionary<int, Cycle> Cycles { get; } = [];

    public Task<Cycle?> GetAsync(int year, CancellationToken cancellationToken = default) => Task.FromResult(Cycles.GetValueOrDefault(year));

    public Task<IReadOnlyList<Cycle>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Cycle>>([.. Cycles.Values.OrderBy(c => c.Year)]);

    public Task SaveAsync(Cycle cycle, CancellationToken cancellationToken = default)
    {
        Cycles[cycle.Year] = cycle;
        return Task.CompletedTask;
    }
}
