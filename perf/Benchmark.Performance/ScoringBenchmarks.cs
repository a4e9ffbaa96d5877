using BenchmarkDotNet.Attributes;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Testing;

namespace Benchmark.Performance;

/// <summary>
/// The in-process cost of scoring one submission and of benchmarking a cycle of 342 organisations (the number of Dutch
/// municipalities), on the real questionnaire and synthetic answers. Short runs, so the whole class finishes in minutes on 2 cores.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ScoringBenchmarks
{
    private const int Municipalities = 342;

    private QuestionnaireCatalog _catalog = null!;
    private SyntheticCycle _cycle = null!;
    private Submission _submission = null!;
    private BenchmarkInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires"));
        _cycle = SyntheticOrganisations.Generate(_catalog, Municipalities, seed: 8);
        _submission = _cycle.Submissions[0];
        var participants = _cycle.Submissions
            .Select(s => new Participant(_cycle.Register.Find(s.Municipality)!, s, ScoringEngine.Score(_catalog.ModelForCycle(2026), _cycle.Questionnaire, s), SubmissionStatus.Approved, Complete: true))
            .ToList();
        _input = new BenchmarkInput(_cycle.Cycle, _catalog.ModelForCycle(2026), _cycle.Register, participants, [], _cycle.Notes);
    }

    [Benchmark(Description = "Score one submission")]
    public ScoreCard ScoreOneSubmission() => ScoringEngine.Score(_catalog.ModelForCycle(2026), _cycle.Questionnaire, _submission);

    [Benchmark(Description = "Benchmark 342 organisations")]
    public CycleBenchmark BenchmarkACycle() => BenchmarkEngine.Compute(_input);
}
