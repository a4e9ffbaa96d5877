using Benchmark.Core.Register;

namespace Benchmark.Core.Application;

/// <summary>Where the yearly municipality registers are kept; implemented over Table Storage, and in memory for the unit tests.</summary>
public interface IRegisterRepository
{
    /// <summary>Makes <paramref name="imported"/> the register of its year, replacing an earlier one as a whole.</summary>
    Task ImportAsync(MunicipalityRegister imported, CancellationToken cancellationToken = default);

    /// <summary>The register of a year: the latest imported for that year or, failing that, for the latest year before it.</summary>
    Task<MunicipalityRegister?> GetAsync(int year, CancellationToken cancellationToken = default);
}

/// <summary>
/// The register the service benchmarks against, for the CLI's import and for the pages that name municipalities. The
/// import's rules (all rows valid or none) are the importer's; storing a register that passed them has no rule of its own.
/// </summary>
public sealed class RegisterService(IRegisterRepository registers)
{
    public Task ImportAsync(MunicipalityRegister imported, CancellationToken cancellationToken = default) =>
        registers.ImportAsync(imported, cancellationToken);

    public Task<MunicipalityRegister?> GetAsync(int year, CancellationToken cancellationToken = default) =>
        registers.GetAsync(year, cancellationToken);
}
