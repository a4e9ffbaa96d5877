using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Reports;

/// <summary>
/// Report inputs straight from files (registers and submissions, as 'benchmark demo generate' writes them), without
/// storage: every submission in the files counts as approved and every practice note as curated. For trying out a
/// report on a laptop; the stored benchmark remains the source of the reports councils receive.
/// </summary>
public sealed class OfflineReports
{
    private readonly DemoDataSet _data;
    private readonly QuestionnaireCatalog _catalog;
    private readonly int _cycle;
    private readonly BenchmarkInput _input;
    private readonly CycleBenchmark _benchmark;
    private readonly IReadOnlyList<CycleResults> _history;
    private readonly LearnFrom.Advisor _advisor;
    private CyclePlausibility? _plausibility;

    public OfflineReports(DemoDataSet data, QuestionnaireCatalog catalog, int cycle)
    {
        _data = data;
        _catalog = catalog;
        _cycle = cycle;
        var submissions = data.Submissions.Where(s => s.Cycle == cycle).ToList();
        if (submissions.Count == 0)
        {
            throw new ArgumentException($"The data holds no submissions for cycle {cycle}; cycles present: {string.Join(", ", data.Submissions.Select(s => s.Cycle).Distinct().Order())}.", nameof(cycle));
        }

        var register = data.RegisterFor(cycle);
        var participants = submissions
            .Where(s => register.Find(s.Municipality) is not null)
            .Select(s =>
            {
                var card = Score(s);
                return new Participant(register.Find(s.Municipality)!, s, card, SubmissionStatus.Approved, SubmissionCompleteness.IsComplete(catalog, s, card));
            })
            .ToList();
        var notes = submissions.SelectMany(s => s.Answers
                .Where(a => a.Value.PracticeNote is not null)
                .Select(a => new ApprovedNote(s.Municipality, catalog.Version(s.QuestionnaireVersion)!.QuestionsById[a.Key].BlockId, a.Value.PracticeNote!.Text, a.Value.PracticeNote.ContactRole)))
            .ToList();
        _input = new BenchmarkInput(cycle, catalog.ModelForCycle(cycle), register, participants, [], notes);
        _benchmark = BenchmarkEngine.Compute(_input);
        _advisor = new LearnFrom.Advisor(_input, _benchmark);
        var version = catalog.ForCycle(cycle)?.Version ?? submissions[0].QuestionnaireVersion;
        _history = Trends.Comparable(
            catalog,
            version,
            data.Submissions.Select(s => s.Cycle).Distinct().Where(y => y <= cycle).Order()
                .Select(y => new CycleSubmissions(y, data.RegisterFor(y), data.Submissions.Where(s => s.Cycle == y && BenchmarkEngine.Counts(SubmissionStatus.Approved, SubmissionCompleteness.IsComplete(catalog, s), includeSubmitted: false)).ToList()))
                .ToList());
    }

    public IReadOnlyList<string> Municipalities => _benchmark.Positions.Select(p => p.Municipality).ToList();

    public CouncilReportInput CouncilInput(string municipality, DateOnly dataDate, string? peerGroupId = null)
    {
        var position = _benchmark.PositionOf(municipality)
                       ?? throw new ArgumentException($"{municipality} has no submission in cycle {_cycle} in the data.", nameof(municipality));
        var participant = _input.Participants.First(p => p.Municipality.Code == municipality);
        var previous = _data.Submissions.FirstOrDefault(s => s.Cycle == _cycle - 1 && s.Municipality == municipality);
        _plausibility ??= new CyclePlausibility(_catalog, _input.Participants);
        var flags = _plausibility.Check(participant, previous);
        return new CouncilReportInput(
            _input.Model,
            participant.Municipality,
            participant.Card,
            position,
            _benchmark.Groups.Where(g => position.Groups.Contains(g.Group.Id)).Select(PublicGroup.From).ToList(),
            _advisor.For(municipality),
            Trends.ForIndex(municipality, _history, _input.Register),
            flags,
            _cycle,
            dataDate,
            peerGroupId);
    }

    public NationalView National() => NationalPicture.Build(_input, _benchmark);

    private ScoreCard Score(Submission submission) =>
        ScoringEngine.Score(_catalog.ModelOfVersion(submission.QuestionnaireVersion), _catalog.Version(submission.QuestionnaireVersion)!, submission);
}
