using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

/// <summary>Runs the benchmark of a cycle over what is stored and stores the results, flags and notes.</summary>
public sealed class BenchmarkService(
    SubmissionStore submissions,
    CycleStore cycles,
    RegisterStore registers,
    CurationStore curation,
    BenchmarkStore results,
    QuestionnaireCatalog catalog,
    AuditStore audit,
    TimeProvider time)
{
    public async Task<Outcome<BenchmarkSummary>> ComputeAsync(int cycle, bool includeSubmitted, string actor, CancellationToken cancellationToken = default)
    {
        var input = await InputAsync(cycle, includeSubmitted, cancellationToken).ConfigureAwait(false);
        if (input.Refusal is not null)
        {
            return input.Refusal;
        }

        var benchmarkInput = input.Value!;
        var benchmark = BenchmarkEngine.Compute(benchmarkInput);
        var national = NationalPicture.Build(benchmarkInput, benchmark);
        var history = await HistoryAsync(benchmarkInput, cancellationToken).ConfigureAwait(false);
        var cards = benchmarkInput.Participants.GroupBy(x => x.Municipality.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Card, StringComparer.Ordinal);
        var perMunicipality = benchmark.Positions.Select(p => new MunicipalityResult(
                p,
                benchmark.Groups.Where(g => p.Groups.Contains(g.Group.Id)).Select(PublicGroup.From).ToList(),
                LearnFrom.For(benchmarkInput, benchmark, p.Municipality),
                new MunicipalityTrends(
                    Trends.ForIndex(p.Municipality, history, benchmarkInput.Register),
                    benchmarkInput.Model.Blocks.ToDictionary(b => b.Id, b => Trends.ForBlock(p.Municipality, b.Id, history, benchmarkInput.Register), StringComparer.Ordinal)),
                cards[p.Municipality]))
            .ToList();

        var flags = await FlagsAsync(benchmarkInput, cancellationToken).ConfigureAwait(false);
        await curation.ReplaceFlagsAsync(cycle, flags, cancellationToken).ConfigureAwait(false);
        var summary = new BenchmarkSummary(cycle, time.GetUtcNow().UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture), time.GetUtcNow(), actor, benchmark.Participants, includeSubmitted);
        await results.SaveAsync(summary, benchmark.Groups, national, perMunicipality, cancellationToken).ConfigureAwait(false);

        // Here rather than in the API, so a computation from the pages or the command line is recorded as well; not
        // cancelled with the request, because the results are stored by now.
        await audit.AppendAsync(
            AuditAreas.Computations,
            actor,
            "benchmark-computed",
            cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"run {summary.RunId}: {summary.Participants} participants ({(includeSubmitted ? "approved and submitted" : "approved")} submissions), {benchmark.Groups.Count} groups, {perMunicipality.Count} positions, {flags.Count} flags",
            CancellationToken.None).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Everything the engine needs, read from storage; practice notes are synchronised on the way.</summary>
    public async Task<Outcome<BenchmarkInput>> InputAsync(int cycle, bool includeSubmitted, CancellationToken cancellationToken = default)
    {
        if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is null)
        {
            return new Refusal(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {cycle}.");
        }

        var register = await registers.GetAsync(cycle, cancellationToken).ConfigureAwait(false);
        if (register is null)
        {
            return new Refusal(RefusalKind.Conflict, "No register", $"No municipality register covers {cycle}; import one first ('benchmark register import').");
        }

        var records = await submissions.ListAsync(cycle, cancellationToken).ConfigureAwait(false);
        var participants = records
            .Where(r => register.Find(r.Municipality) is not null)
            .Select(r => new Participant(register.Find(r.Municipality)!, r.Submission, Score(r.Submission), r.Status))
            .ToList();

        var reviewed = records.Where(r => r.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved).ToList();
        await curation.SyncNotesAsync(cycle, reviewed.Select(r => r.Municipality).ToList(), NoteSources(reviewed), cancellationToken: cancellationToken).ConfigureAwait(false);
        var approved = (await curation.NotesAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(n => n.Status == NoteStatus.Approved)
            .Select(n => new ApprovedNote(n.Municipality, n.BlockId, n.Text, n.ContactRole))
            .ToList();
        var custom = await curation.GroupsAsync(cycle, cancellationToken).ConfigureAwait(false);
        return new BenchmarkInput(cycle, catalog.ModelForCycle(cycle), register, participants, custom, approved, includeSubmitted);
    }

    /// <summary>
    /// Every cycle up to this one, all scored on what their questionnaire versions and this cycle's both measure
    /// (<see cref="Trends.Comparable"/>), with the same rule for who counts, so the years compare like with like.
    /// </summary>
    private async Task<IReadOnlyList<CycleResults>> HistoryAsync(BenchmarkInput input, CancellationToken cancellationToken)
    {
        var version = catalog.ForCycle(input.Cycle)!.Version;
        var history = new List<CycleSubmissions>();
        foreach (var cycle in (await cycles.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Year <= input.Cycle))
        {
            var register = cycle.Year == input.Cycle ? input.Register : await registers.GetAsync(cycle.Year, cancellationToken).ConfigureAwait(false);
            if (register is null)
            {
                continue;
            }

            var counted = (await submissions.ListAsync(cycle.Year, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Status == SubmissionStatus.Approved || (input.IncludeSubmitted && r.Status == SubmissionStatus.Submitted))
                .Select(r => r.Submission)
                .ToList();
            history.Add(new CycleSubmissions(cycle.Year, register, counted));
        }

        return Trends.Comparable(catalog, version, history);
    }

    /// <summary>Every practice note written with an answer, with the question and block it belongs to.</summary>
    public static List<NoteSource> NoteSources(IEnumerable<SubmissionRecord> records, QuestionnaireCatalog catalog) =>
        records.SelectMany(r => r.Submission.Answers
                .Where(a => a.Value.PracticeNote is not null)
                .Select(a => new NoteSource(r.Municipality, a.Key, catalog.Version(r.Submission.QuestionnaireVersion)!.QuestionsById[a.Key].BlockId, a.Value.PracticeNote!.Text, a.Value.PracticeNote.ContactRole)))
            .ToList();

    private List<NoteSource> NoteSources(IEnumerable<SubmissionRecord> records) => NoteSources(records, catalog);

    private ScoreCard Score(Submission submission) =>
        ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);

    /// <summary>Flags for every submitted or approved submission, compared with its size class and its own previous cycle.</summary>
    private async Task<List<PlausibilityFlag>> FlagsAsync(BenchmarkInput input, CancellationToken cancellationToken)
    {
        // Compare with what counted last year, not with a draft or a rejected submission.
        var previous = (await submissions.ListAsync(input.Cycle - 1, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status == SubmissionStatus.Approved || (input.IncludeSubmitted && r.Status == SubmissionStatus.Submitted))
            .ToList();
        var flags = new List<PlausibilityFlag>();
        foreach (var participant in input.Participants.Where(p => p.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved))
        {
            var questionnaire = catalog.Version(participant.Submission.QuestionnaireVersion)!;
            var before = previous.FirstOrDefault(r => r.Municipality == participant.Municipality.Code) is { } record
                ? ComparisonBasis.Compare(catalog, record.Submission, participant.Submission)
                : null;
            var peerGroup = input.Participants
                .Where(p => p.Municipality.SizeClass == participant.Municipality.SizeClass && p.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved)
                .ToList();
            var peers = peerGroup.Where(p => p.Card.Index is not null).Select(p => p.Card.Index!.Value).ToList();
            flags.AddRange(PlausibilityRules.Check(catalog.ModelOf(questionnaire), questionnaire, participant.Submission, participant.Card, before, peers, peerGroup.Select(p => p.Submission).ToList()));
        }

        return flags;
    }
}
