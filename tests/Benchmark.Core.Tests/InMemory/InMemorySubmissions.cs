using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The current submissions of each cycle in memory, for the application services' unit tests.</summary>
internal sealed class InMemorySubmissions : ICycleSubmissions
{
    public List<SubmissionRecord> Records { get; } = [];

    public Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SubmissionRecord>>([.. Records.Where(r => r.Cycle == cycle)]);
}
