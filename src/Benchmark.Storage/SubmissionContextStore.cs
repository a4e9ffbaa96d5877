using Benchmark.Core.Application;
using Benchmark.Core.Register;

namespace Benchmark.Storage;

/// <summary>
/// What the submission and review services read of other families' stores: the register, the open flags and key labels.
/// One narrow view over them, so those services do not depend on the whole of each store.
/// </summary>
public sealed class SubmissionContextStore(RegisterStore registers, CurationStore curation, KeyStore keys) : ISubmissionContext
{
    public Task<MunicipalityRegister?> RegisterAsync(int year, CancellationToken cancellationToken = default) => registers.GetAsync(year, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> OpenFlagsAsync(int year, CancellationToken cancellationToken = default) =>
        (await curation.FlagsAsync(year, cancellationToken).ConfigureAwait(false))
            .Where(f => !f.Dismissed)
            .GroupBy(f => f.Flag.Municipality, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public async Task<string?> KeyLabelAsync(string keyId, CancellationToken cancellationToken = default) =>
        (await keys.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.KeyId == keyId)?.Label;
}
