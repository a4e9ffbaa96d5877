using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>
/// The submissions in memory, for the services' unit tests: the current version per municipality and cycle, every
/// version, and the same compare-and-write on a token that Table Storage does with its ETag.
/// </summary>
internal sealed class InMemorySubmissionRepository : ISubmissionRepository
{
    private readonly Dictionary<(int Cycle, string Municipality), StoredSubmission> current = [];
    private readonly List<SubmissionRecord> versions = [];
    private int tokens;

    /// <summary>Runs just before a write compares its token: a colleague saving at the same moment.</summary>
    public Func<Task>? BeforeWrite { get; set; }

    /// <summary>Every version written, oldest first.</summary>
    public IReadOnlyList<SubmissionRecord> Versions => versions;

    public Task<StoredSubmission?> GetAsync(int cycle, string municipality, CancellationToken cancellationToken = default) =>
        Task.FromResult(current.GetValueOrDefault((cycle, municipality)));

    public Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SubmissionRecord>>([.. current.Where(c => c.Key.Cycle == cycle).Select(c => c.Value.Record)]);

    public Task<IReadOnlyList<VersionInfo>> VersionsAsync(int cycle, string municipality, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<VersionInfo>>([.. Of(cycle, municipality).Select(v => new VersionInfo(v.Version, v.Version > 1 ? v.Version - 1 : null, v.Status, v.LastAction, v.ChangedAt, v.ChangedBy, v.Comment))]);

    public Task<SubmissionRecord?> VersionAsync(int cycle, string municipality, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(Of(cycle, municipality).FirstOrDefault(v => v.Version == version));

    public async Task<SubmissionWrite> TryWriteAsync(StoredSubmission? current, SubmissionRecord version, CancellationToken cancellationToken = default)
    {
        if (BeforeWrite is { } colleague)
        {
            await colleague();
        }

        var key = (version.Cycle, version.Municipality);
        if (this.current.GetValueOrDefault(key)?.ETag != current?.ETag)
        {
            return new SubmissionWrite.Overtaken();
        }

        var stored = new StoredSubmission(version, "t" + (++tokens).ToString(CultureInfo.InvariantCulture));
        this.current[key] = stored;
        versions.Add(version);
        return new SubmissionWrite.Written(stored);
    }

    private IEnumerable<SubmissionRecord> Of(int cycle, string municipality) =>
        versions.Where(v => v.Cycle == cycle && v.Municipality == municipality).OrderBy(v => v.Version);
}
