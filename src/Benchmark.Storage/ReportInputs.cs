using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;

namespace Benchmark.Storage;

/// <summary>What the report service renders from, read from the stores that keep it.</summary>
public sealed class ReportInputs(BenchmarkStore results, RegisterStore registers, SubmissionStore submissions, CurationStore curation) : IReportInputs
{
    public async Task<ReportRun?> CurrentRunAsync(int cycle, CancellationToken cancellationToken) =>
        await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is { } summary
            ? new ReportRun(summary.RunId, summary.ComputedAt)
            : null;

    public Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken) =>
        results.MunicipalitiesAsync(cycle, cancellationToken);

    public Task<NationalView?> NationalAsync(int cycle, CancellationToken cancellationToken) =>
        results.NationalAsync(cycle, cancellationToken);

    public async Task<CouncilFigures?> CouncilAsync(int cycle, string municipality, CancellationToken cancellationToken) =>
        await results.ResultAsync(cycle, municipality, cancellationToken).ConfigureAwait(false) is { } result
            ? new CouncilFigures(result.Position, result.Groups, result.Advice, result.Trends.Index, result.Card)
            : null;

    public Task<MunicipalityRegister?> RegisterAsync(int cycle, CancellationToken cancellationToken) =>
        registers.GetAsync(cycle, cancellationToken);

    public async Task<Submission?> SubmissionAsync(int cycle, string municipality, CancellationToken cancellationToken) =>
        (await submissions.GetAsync(cycle, municipality, cancellationToken).ConfigureAwait(false))?.Record.Submission;

    public async Task<IReadOnlyList<PlausibilityFlag>> OpenFlagsAsync(int cycle, string municipality, CancellationToken cancellationToken) =>
        (await curation.FlagsAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(f => !f.Dismissed && f.Flag.Municipality == municipality)
            .Select(f => f.Flag)
            .ToList();
}
