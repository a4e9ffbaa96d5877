using System.Collections.Concurrent;
using System.Text;
using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Reports;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>
/// The benchmark the reports are rendered from, in memory: the demo (seed 1) computed without storage, as the CLI's
/// offline report computes it. Until <see cref="Compute"/> the cycle has no run.
/// </summary>
internal sealed class InMemoryReportInputs : IReportInputs
{
    public const int Cycle = 2026;

    private static readonly Lazy<(DemoDataSet Data, OfflineReports Offline)> Demo = new(() =>
    {
        var data = DemoGenerator.Generate(TestData.Real, 1, [2024, 2025, Cycle]);
        return (data, new OfflineReports(data, TestData.Real, Cycle));
    });

    private readonly ConcurrentDictionary<string, CouncilFigures> figures = new(StringComparer.Ordinal);
    private int runs;

    public ReportRun? Run { get; private set; }

    public static IReadOnlyList<string> Municipalities => Demo.Value.Offline.Municipalities;

    /// <summary>Flags of the demo's municipalities that no analyst dismissed.</summary>
    public List<PlausibilityFlag> OpenFlags { get; } = [];

    /// <summary>Municipalities whose stored result is gone, so rendering their report fails.</summary>
    public HashSet<string> Lost { get; } = new(StringComparer.Ordinal);

    /// <summary>A new computation of the cycle: a new run id, the same figures.</summary>
    public ReportRun Compute(DateTimeOffset at)
    {
        Run = new ReportRun($"run{Interlocked.Increment(ref runs)}", at);
        return Run;
    }

    public Task<ReportRun?> CurrentRunAsync(int cycle, CancellationToken cancellationToken) =>
        Task.FromResult(cycle == Cycle ? Run : null);

    public Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(cycle == Cycle && Run is not null ? Municipalities : []);

    public Task<NationalView?> NationalAsync(int cycle, CancellationToken cancellationToken) =>
        Task.FromResult(cycle == Cycle && Run is not null ? Demo.Value.Offline.National() : null);

    public Task<CouncilFigures?> CouncilAsync(int cycle, string municipality, CancellationToken cancellationToken)
    {
        if (cycle != Cycle || Run is null || Lost.Contains(municipality) || !Municipalities.Contains(municipality))
        {
            return Task.FromResult<CouncilFigures?>(null);
        }

        return Task.FromResult<CouncilFigures?>(figures.GetOrAdd(municipality, code =>
        {
            var input = Demo.Value.Offline.CouncilInput(code, DateOnly.FromDateTime(Run.ComputedAt.UtcDateTime));
            return new CouncilFigures(input.Position, input.Groups, input.Advice, input.IndexTrend, input.Card);
        }));
    }

    public Task<MunicipalityRegister?> RegisterAsync(int cycle, CancellationToken cancellationToken) =>
        Task.FromResult<MunicipalityRegister?>(Demo.Value.Data.RegisterFor(cycle));

    public Task<Submission?> SubmissionAsync(int cycle, string municipality, CancellationToken cancellationToken) =>
        Task.FromResult(Demo.Value.Data.Submissions.FirstOrDefault(s => s.Cycle == cycle && s.Municipality == municipality));

    public Task<IReadOnlyList<PlausibilityFlag>> OpenFlagsAsync(int cycle, string municipality, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PlausibilityFlag>>([.. OpenFlags.Where(f => f.Cycle == cycle && f.Municipality == municipality)]);
}

/// <summary>A renderer that draws nothing: it records which report it was given and answers with a few recognisable bytes.</summary>
internal sealed class RecordingReportRenderer : IReportRenderer
{
    /// <summary>Every report rendered, as "subject language".</summary>
    public ConcurrentQueue<string> Rendered { get; } = new();

    /// <summary>The council reports rendered, as their models.</summary>
    public ConcurrentQueue<CouncilReport> Councils { get; } = new();

    /// <summary>When set, every rendering fails with it.</summary>
    public Exception? Failure { get; set; }

    public RenderedReport Council(CouncilReport report)
    {
        Councils.Enqueue(report);
        return Render(report.Municipality.Code, report.Language);
    }

    public RenderedReport National(NationalReport report) => Render(ReportMessage.National, report.Language);

    private RenderedReport Render(string subject, Language language)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        var code = language == Language.English ? "en" : "nl";
        Rendered.Enqueue($"{subject} {code}");
        return new RenderedReport(Encoding.ASCII.GetBytes($"%PDF {subject} {code}"), $"<html lang=\"{code}\">{subject}</html>");
    }
}
