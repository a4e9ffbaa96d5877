using Benchmark.Core.Application;
using Benchmark.Core.Register;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The registers in memory, for the application services' unit tests.</summary>
internal sealed class InMemoryRegisterRepository : IRegisterRepository
{
    public Dictionary<int, MunicipalityRegister> Registers { get; } = [];

    public Task ImportAsync(MunicipalityRegister imported, CancellationToken cancellationToken = default)
    {
        Registers[imported.Year] = imported;
        return Task.CompletedTask;
    }

    public Task<MunicipalityRegister?> GetAsync(int year, CancellationToken cancellationToken = default) =>
        Task.FromResult(Registers.Where(r => r.Key <= year).OrderByDescending(r => r.Key).Select(r => r.Value).FirstOrDefault());
}
