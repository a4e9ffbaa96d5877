using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>What the benchmark reads of the submissions: a cycle's current submissions, whatever their status.</summary>
public interface ICycleSubmissions
{
    Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same submissions as <see cref="ListAsync"/>, as they are read: a store fetches the next page while the caller
    /// works on the submissions of this one, so reading and scoring a cycle overlap.
    /// </summary>
    async IAsyncEnumerable<SubmissionRecord> ReadAsync(int cycle, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in await ListAsync(cycle, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }
}

/// <summary>
/// Where computed benchmarks are kept. A computation is saved whole under its run id before it becomes the cycle's
/// current one, so readers see one whole computation or the previous one, never a mix.
/// </summary>
public interface IBenchmarkResults
{
    /// <param name="results">Made as they are enumerated, once: a store writes them as they come rather than holding them all.</param>
    Task SaveAsync(BenchmarkSummary summary, IReadOnlyList<GroupBenchmark> groups, NationalView national, IEnumerable<MunicipalityResult> results, CancellationToken cancellationToken = default);

    /// <summary>The cycle's current computation; null when it was never benchmarked.</summary>
    Task<BenchmarkSummary?> SummaryAsync(int cycle, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GroupBenchmark>?> GroupsAsync(int cycle, CancellationToken cancellationToken = default);

    Task<NationalView?> NationalAsync(int cycle, CancellationToken cancellationToken = default);

    Task<MunicipalityResult?> ResultAsync(int cycle, string municipality, CancellationToken cancellationToken = default);

    /// <summary>The municipalities with a result in the current computation, by code.</summary>
    Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken = default);
}

/// <summary>The stable codes of the benchmark's refusals, for adapters that speak to people in their own words.</summary>
public static class BenchmarkRefusals
{
    public const string UnknownCycle = "benchmark.cycle-unknown";
    public const string NoRegister = "benchmark.no-register";
    public const string NotComputed = "benchmark.not-computed";
    public const string NoResult = "benchmark.no-result";
}

/// <summary>A cycle with its current computation and national view, both absent while it was never benchmarked.</summary>
public sealed record BenchmarkOverview(Cycle Cycle, BenchmarkSummary? Summary, NationalView? National);

/// <summary>
/// Runs the benchmark of a cycle over what is stored and keeps the results, and reads them back for the API, the pages
/// and the CLI. Who counts is decided here and in <see cref="BenchmarkEngine.Counted"/>: approved submissions, plus
/// submitted ones only when asked for. A computation raises the plausibility flags and brings the practice notes in
/// line on the way (<see cref="CurationService"/>), and is audited with its run id.
/// </summary>
public sealed class BenchmarkService(
    ICycleRepository cycles,
    IRegisterRepository registers,
    ICycleSubmissions submissions,
    IBenchmarkResults results,
    CurationService curation,
    QuestionnaireCatalog catalog,
    IAuditLog audit,
    TimeProvider time)
{
    public async Task<Outcome<BenchmarkSummary>> ComputeAsync(int cycle, bool includeSubmitted, string actor, CancellationToken cancellationToken = default)
    {
        var computed = await ComputeAsync(cycle, includeSubmitted, actor, reuseUnchanged: false, cancellationToken).ConfigureAwait(false);
        return computed.Failed ? computed.Refusal : computed.Value.Summary;
    }

    /// <summary>
    /// Computes the cycle only when something it is computed from changed since its current run; otherwise that run
    /// stays, with its run id, so reports made from it stay valid. For a restart of the demo, or a scheduled job.
    /// </summary>
    public Task<Outcome<ComputedBenchmark>> ComputeIfChangedAsync(int cycle, bool includeSubmitted, string actor, bool reuseUnchanged = true, CancellationToken cancellationToken = default) =>
        ComputeAsync(cycle, includeSubmitted, actor, reuseUnchanged, cancellationToken);

    private async Task<Outcome<ComputedBenchmark>> ComputeAsync(int cycle, bool includeSubmitted, string actor, bool reuseUnchanged, CancellationToken cancellationToken)
    {
        var clock = new ComputeClock();
        var read = new CycleReads(submissions, catalog);
        var input = await InputAsync(cycle, includeSubmitted, read, clock, cancellationToken).ConfigureAwait(false);
        if (input.Failed)
        {
            return input.Refusal;
        }

        var scored = input.Value;
        List<CycleSubmissions> submissionsByCycle;
        string fingerprint;
        using (clock.Stage(ComputeStage.Prepare))
        {
            submissionsByCycle = await CountedHistoryAsync(scored, read, cancellationToken).ConfigureAwait(false);
            fingerprint = Fingerprint(scored, submissionsByCycle);
            if (reuseUnchanged && await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is { } current && current.InputFingerprint == fingerprint)
            {
                return new ComputedBenchmark(current, Reused: true) { Timings = clock.Timings() };
            }
        }

        CycleBenchmark benchmark;
        NationalView national;
        using (clock.Stage(ComputeStage.Benchmark))
        {
            benchmark = BenchmarkEngine.Compute(scored);
            national = NationalPicture.Build(scored, benchmark);
        }

        IReadOnlyList<CycleResults> history;
        using (clock.Stage(ComputeStage.Trends))
        {
            history = Trends.Comparable(catalog, catalog.ForCycle(scored.Cycle)!.Version, submissionsByCycle);
        }

        List<PlausibilityFlag> flags;
        using (clock.Stage(ComputeStage.Flags))
        {
            flags = await FlagsAsync(scored, read, cancellationToken).ConfigureAwait(false);
            await curation.RaiseFlagsAsync(cycle, flags, cancellationToken).ConfigureAwait(false);
        }

        var summary = new BenchmarkSummary(cycle, time.GetUtcNow().UtcTicks.ToString("D19", CultureInfo.InvariantCulture), time.GetUtcNow(), actor, benchmark.Participants, includeSubmitted)
        {
            InputFingerprint = fingerprint,
        };
        using (clock.Stage(ComputeStage.Write))
        {
            // The results are made as the store writes them (their making is timed apart, inside the writing), so a
            // large cycle never holds every municipality's result at once.
            await results.SaveAsync(summary, benchmark.Groups, national, clock.Timed(ComputeStage.Results, Results(scored, benchmark, history)), cancellationToken).ConfigureAwait(false);
        }

        // Here rather than in the API, so a computation from the pages or the command line is recorded as well; not
        // cancelled with the request, because the results are stored by now.
        await audit.AppendAsync(
            AuditAreas.Computations,
            actor,
            "benchmark-computed",
            cycle.ToString(CultureInfo.InvariantCulture),
            $"run {summary.RunId}: {summary.Participants} participants ({(includeSubmitted ? "approved and submitted" : "approved")} submissions), {benchmark.Groups.Count} groups, {benchmark.Positions.Count} positions, {flags.Count} flags",
            CancellationToken.None).ConfigureAwait(false);
        return new ComputedBenchmark(summary, Reused: false) { Timings = clock.Timings() };
    }

    /// <summary>
    /// Every position's result, made one at a time as the store asks for the next. Each municipality's card is scored
    /// again from its submission here and dropped with its result, so the computation never holds every card (issue 19).
    /// </summary>
    private IEnumerable<MunicipalityResult> Results(ScoredCycle input, CycleBenchmark benchmark, IReadOnlyList<CycleResults> history)
    {
        // As the cards were looked up before: the stored card is the first participant's of the municipality, the advice
        // the first counted one's. The store keeps one current submission per municipality, so the two are the same.
        var first = new Dictionary<string, ParticipantSummary>(StringComparer.Ordinal);
        foreach (var participant in input.Participants)
        {
            first.TryAdd(participant.Municipality.Code, participant);
        }

        var counted = new Dictionary<string, ParticipantSummary>(StringComparer.Ordinal);
        foreach (var participant in input.Counted())
        {
            counted.TryAdd(participant.Municipality.Code, participant);
        }

        var publicGroups = benchmark.Groups.Select(g => (g.Group.Id, Public: PublicGroup.From(g))).ToList();
        var advisor = new LearnFrom.Advisor(input, benchmark);
        foreach (var position in benchmark.Positions)
        {
            var stored = first[position.Municipality];
            var self = counted[position.Municipality];
            var card = Score(stored.Submission);
            var member = position.Groups.ToHashSet(StringComparer.Ordinal);
            yield return new MunicipalityResult(
                position,
                publicGroups.Where(g => member.Contains(g.Id)).Select(g => g.Public).ToList(),
                advisor.For(position.Municipality, ReferenceEquals(self, stored) ? card : Score(self.Submission)),
                new MunicipalityTrends(
                    Trends.ForIndex(position.Municipality, history, input.Register),
                    input.Model.Blocks.ToDictionary(b => b.Id, b => Trends.ForBlock(position.Municipality, b.Id, history, input.Register), StringComparer.Ordinal)),
                card);
        }
    }

    /// <summary>
    /// Everything the engine needs, read from storage, each submission scored as it is read and kept as its summary
    /// (<see cref="ParticipantSummary"/>), its card dropped; practice notes are synchronised on the way.
    /// </summary>
    private async Task<Outcome<ScoredCycle>> InputAsync(int cycle, bool includeSubmitted, CycleReads read, ComputeClock clock, CancellationToken cancellationToken)
    {
        MunicipalityRegister? register;
        MeasureLayout layout;
        using (clock.Stage(ComputeStage.Prepare))
        {
            if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is null)
            {
                return UnknownCycle(cycle);
            }

            register = await registers.GetAsync(cycle, cancellationToken).ConfigureAwait(false);
            if (register is null)
            {
                return new Refusal(RefusalKind.Conflict, "No register", $"No municipality register covers {cycle}; import one first ('benchmark register import').") { Code = BenchmarkRefusals.NoRegister };
            }

            layout = MeasureLayout.For(catalog.ModelForCycle(cycle));
        }

        // Scored as they are read: the store fetches the next page meanwhile.
        var records = new List<SubmissionRecord>();
        var participants = new List<ParticipantSummary>();
        await using (var reader = submissions.ReadAsync(cycle, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                bool more;
                using (clock.Stage(ComputeStage.Read))
                {
                    more = await reader.MoveNextAsync().ConfigureAwait(false);
                }

                if (!more)
                {
                    break;
                }

                var record = reader.Current;
                records.Add(record);
                using (clock.Stage(ComputeStage.Score))
                {
                    if (register.Find(record.Municipality) is { } municipality)
                    {
                        var card = Score(record.Submission);
                        var complete = SubmissionCompleteness.IsComplete(catalog, record.Submission, card);
                        read.KnowComplete(record.Submission, complete);
                        participants.Add(ParticipantSummary.Of(municipality, record.Submission, record.Status, complete, card, layout));
                    }
                }
            }
        }

        read.Know(cycle, records);
        using (clock.Stage(ComputeStage.Prepare))
        {
            await curation.SyncNotesAsync(cycle, records, cancellationToken: cancellationToken).ConfigureAwait(false);
            var approved = await curation.ApprovedNotesAsync(cycle, cancellationToken).ConfigureAwait(false);
            var custom = await curation.ListGroupsAsync(cycle, cancellationToken).ConfigureAwait(false);
            return new ScoredCycle(cycle, layout.Model, register, participants, custom, approved, includeSubmitted);
        }
    }

    /// <summary>The cycle's current computation; null when it was never benchmarked.</summary>
    public Task<BenchmarkSummary?> SummaryAsync(int cycle, CancellationToken cancellationToken = default) => results.SummaryAsync(cycle, cancellationToken);

    /// <summary>The latest cycle with benchmark results; null when none has any.</summary>
    public async Task<int?> LatestComputedCycleAsync(CancellationToken cancellationToken = default)
    {
        foreach (var cycle in (await cycles.ListAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Year).OrderDescending())
        {
            if (await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is not null)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>
    /// A municipality's result in the cycle's current computation. Who may read it is the submission rules' question
    /// (the adapters ask <c>SubmissionService</c> first); this only says whether there is one.
    /// </summary>
    public async Task<Outcome<MunicipalityResult>> ResultAsync(int cycle, string municipality, CancellationToken cancellationToken = default)
    {
        if (await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotComputed(cycle);
        }

        return await results.ResultAsync(cycle, municipality, cancellationToken).ConfigureAwait(false) is { } result
            ? result
            : new Refusal(RefusalKind.NotFound, "No result", $"{municipality} has no approved submission in the benchmark of cycle {cycle}.") { Code = BenchmarkRefusals.NoResult };
    }

    /// <summary>Statistics of every peer group for the index, every domain and every block.</summary>
    public async Task<Outcome<IReadOnlyList<GroupBenchmark>>> GroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        await results.GroupsAsync(cycle, cancellationToken).ConfigureAwait(false) is { } groups ? new Outcome<IReadOnlyList<GroupBenchmark>>(groups, null) : NotComputed(cycle);

    public async Task<Outcome<NationalView>> NationalAsync(int cycle, CancellationToken cancellationToken = default) =>
        await results.NationalAsync(cycle, cancellationToken).ConfigureAwait(false) is { } national ? national : NotComputed(cycle);

    /// <summary>The cycle with its current computation, if any, for a page that shows either; refused for an unknown cycle.</summary>
    public async Task<Outcome<BenchmarkOverview>> OverviewAsync(int cycle, CancellationToken cancellationToken = default)
    {
        if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return UnknownCycle(cycle);
        }

        var summary = await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false);
        return new BenchmarkOverview(found, summary, summary is null ? null : await results.NationalAsync(cycle, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The municipalities with a result in the cycle's current computation, by code.</summary>
    public Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken = default) => results.MunicipalitiesAsync(cycle, cancellationToken);

    /// <summary>The municipalities a computation of the cycle counts, by code: complete approved ones, plus submitted when <paramref name="includeSubmitted"/>.</summary>
    public async Task<IReadOnlyList<string>> CountedAsync(int cycle, bool includeSubmitted, CancellationToken cancellationToken = default)
    {
        var read = new CycleReads(submissions, catalog);
        return (await read.ListAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(r => read.Counts(r, includeSubmitted))
            .Select(r => r.Municipality)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Where the municipality's submission of the cycle is in the workflow; null when it has none.</summary>
    public async Task<SubmissionStatus?> SubmissionStatusAsync(int cycle, string municipality, CancellationToken cancellationToken = default) =>
        (await submissions.ListAsync(cycle, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Municipality == municipality)?.Status;

    /// <summary>
    /// What counted in this cycle and every earlier one, with the same rule for who counts, so the years compare like
    /// with like: the trends' input (<see cref="Trends.Comparable"/>), and part of the run's fingerprint.
    /// </summary>
    private async Task<List<CycleSubmissions>> CountedHistoryAsync(ScoredCycle input, CycleReads read, CancellationToken cancellationToken)
    {
        var history = new List<CycleSubmissions>();
        foreach (var cycle in (await cycles.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Year <= input.Cycle).OrderBy(c => c.Year))
        {
            var register = cycle.Year == input.Cycle ? input.Register : await registers.GetAsync(cycle.Year, cancellationToken).ConfigureAwait(false);
            if (register is null)
            {
                continue;
            }

            var counted = (await read.ListAsync(cycle.Year, cancellationToken).ConfigureAwait(false))
                .Where(r => read.Counts(r, input.IncludeSubmitted))
                .Select(r => r.Submission)
                .ToList();
            history.Add(new CycleSubmissions(cycle.Year, register, counted));
        }

        return history;
    }

    /// <summary>
    /// The version of what a run stores from the same inputs: raise it when the code changes the stored results (scores,
    /// statistics, flags and their wording), so a run kept by <see cref="ComputeIfChangedAsync"/> is made once more with
    /// the new code. 2: plausibility flags in Dutch and English, naming questions by their text. 3: incomplete
    /// submissions no longer count.
    /// </summary>
    public const int ResultsVersion = 3;

    /// <summary>
    /// A hash of the run's inputs (and <see cref="ResultsVersion"/>). The plausibility flags compare with the previous cycle's counted submissions, which
    /// the history holds too; the current cycle's participants are taken with their status, as flags look at submitted
    /// ones even when only approved ones count.
    /// </summary>
    private static string Fingerprint(ScoredCycle input, IReadOnlyList<CycleSubmissions> history)
    {
        var basis = new
        {
            ResultsVersion,
            input.Cycle,
            Model = input.Model.Id + "@" + input.Model.Version,
            input.IncludeSubmitted,
            input.Register,
            Participants = input.Participants.OrderBy(p => p.Municipality.Code, StringComparer.Ordinal).Select(p => new { p.Municipality.Code, p.Status, p.Submission }),
            input.CustomGroups,
            input.Notes,
            History = history.Select(h => new { h.Cycle, h.Register, Submissions = h.Submissions.OrderBy(s => s.Municipality, StringComparer.Ordinal) }),
        };

        // Hashed as it is written: the same bytes as writing the whole basis out first, which for ten thousand
        // submissions (and their history) is hundreds of megabytes.
        using var sha256 = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha256, CryptoStreamMode.Write))
        {
            JsonSerializer.Serialize(hashing, basis);
        }

        return Convert.ToHexStringLower(sha256.Hash!);
    }

    private ScoreCard Score(Submission submission) =>
        ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);

    /// <summary>Flags for every submitted or approved submission, compared with its size class and its own previous cycle (<see cref="CyclePlausibility"/>).</summary>
    private async Task<List<PlausibilityFlag>> FlagsAsync(ScoredCycle input, CycleReads read, CancellationToken cancellationToken)
    {
        // Compare with what counted last year, not with a draft or a rejected submission.
        var previous = new Dictionary<string, Submission>(StringComparer.Ordinal);
        foreach (var record in (await read.ListAsync(input.Cycle - 1, cancellationToken).ConfigureAwait(false)).Where(r => read.Counts(r, input.IncludeSubmitted)))
        {
            previous.TryAdd(record.Municipality, record.Submission);
        }

        // Each checked submission's card is scored again for its check and dropped after it (issue 19).
        var plausibility = new CyclePlausibility(catalog, input.Participants);
        return input.Participants
            .Where(p => CyclePlausibility.IsChecked(p.Status))
            .SelectMany(p => plausibility.Check(p.Municipality, p.Submission, Score(p.Submission), previous.GetValueOrDefault(p.Municipality.Code)))
            .ToList();
    }

    /// <summary>
    /// What one computation read of the stored submissions: each cycle read once, and each submission's completeness
    /// worked out once, however many parts of the computation (participants, trends, flags) look at them.
    /// </summary>
    private sealed class CycleReads(ICycleSubmissions submissions, QuestionnaireCatalog catalog)
    {
        private readonly Dictionary<int, IReadOnlyList<SubmissionRecord>> _byCycle = [];
        private readonly Dictionary<Submission, bool> _complete = new(ReferenceEqualityComparer.Instance);

        public void Know(int cycle, IReadOnlyList<SubmissionRecord> records) => _byCycle[cycle] = records;

        public void KnowComplete(Submission submission, bool complete) => _complete[submission] = complete;

        public async Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken)
        {
            if (!_byCycle.TryGetValue(cycle, out var records))
            {
                records = await submissions.ListAsync(cycle, cancellationToken).ConfigureAwait(false);
                _byCycle[cycle] = records;
            }

            return records;
        }

        /// <summary>The engine's rule (<see cref="BenchmarkEngine.Counts"/>) for a stored submission of any cycle.</summary>
        public bool Counts(SubmissionRecord record, bool includeSubmitted)
        {
            if (!_complete.TryGetValue(record.Submission, out var complete))
            {
                complete = SubmissionCompleteness.IsComplete(catalog, record.Submission);
                _complete[record.Submission] = complete;
            }

            return BenchmarkEngine.Counts(record.Status, complete, includeSubmitted);
        }
    }

    private static Refusal UnknownCycle(int cycle) =>
        new(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {cycle}.") { Code = BenchmarkRefusals.UnknownCycle };

    private static Refusal NotComputed(int cycle) =>
        new(RefusalKind.NotFound, "Not computed", $"Cycle {cycle} has not been benchmarked yet.") { Code = BenchmarkRefusals.NotComputed };
}
