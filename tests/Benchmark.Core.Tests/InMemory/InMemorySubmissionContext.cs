using Benchmark.Core.Application;
using Benchmark.Core.Register;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The register, open flags and key labels the submission services read, in memory for their unit tests.</summary>
internal sealed class InMemorySubmissionContext : ISubmissionContext
{
    public Dictionary<int, MunicipalityRegister> Registers { get; } = [];

    public Dictionary<string, int> OpenFlags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> KeyLabels { get; } = new(StringComparer.Ordinal);

    public Task<MunicipalityRegister?> RegisterAsync(int year, CancellationToken cancellationToken = default) => Task.FromResult(Registers.GetValueOrDefault(year));

    public Task<IReadOnlyDictionary<string, int>> OpenFlagsAsync(int year, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(OpenFlags);

    public Task<string?> KeyLabelAsync(string keyId, CancellationToken cancellationToken = default) => Task.FromResult(KeyLabels.GetValueOrDefault(keyId));
}
