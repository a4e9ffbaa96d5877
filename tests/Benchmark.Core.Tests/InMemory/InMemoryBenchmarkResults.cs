using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>Computed benchmarks in memory, the current one per cycle, for the application services' unit tests.</summary>
internal sealed class InMemoryBenchmarkResults : IBenchmarkResults
{
    private readonly Dictionary<int, (BenchmarkSummary Summary, IReadOnlyList<GroupBenchmark> Groups, NationalView National, IReadOnlyList<MunicipalityResult> Results)> _current = [];

    public Task SaveAsync(BenchmarkSummary summary, IReadOnlyList<GroupBenchmark> groups, NationalView national, IEnumerable<MunicipalityResult> results, CancellationToken cancellationToken = default)
    {
        _current[summary.Cycle] = (summary, groups, national, results.ToList());
        return Task.CompletedTask;
    }

    public Task<BenchmarkSummary?> SummaryAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current.TryGetValue(cycle, out var run) ? run.Summary : null);

    public Task<IReadOnlyList<GroupBenchmark>?> GroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current.TryGetValue(cycle, out var run) ? run.Groups : null);

    public Task<NationalView?> NationalAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current.TryGetValue(cycle, out var run) ? run.National : null);

    public Task<MunicipalityResult?> ResultAsync(int cycle, string municipality, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current.TryGetValue(cycle, out var run) ? run.Results.FirstOrDefault(r => r.Position.Municipality == municipality) : null);

    public Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_current.TryGetValue(cycle, out var run) ? [.. run.Results.Select(r => r.Position.Municipality).Order(StringComparer.Ordinal)] : []);
}
