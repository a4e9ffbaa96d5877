using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>What the benchmark reads of the submissions: a cycle's current submissions, whatever their status.</summary>
public interface ICycleSubmissions
{
    Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken = default);
}

/// <summary>
/// Where computed benchmarks are kept. A computation is saved whole under its run id before it becomes the cycle's
/// current one, so readers see one whole computation or the previous one, never a mix.
/// </summary>
public interface IBenchmarkResults
{
    Task SaveAsync(BenchmarkSummary summary, IReadOnlyList<GroupBenchmark> groups, NationalView national, IReadOnlyList<MunicipalityResult> results, CancellationToken cancellationToken = default);

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
        var input = await InputAsync(cycle, includeSubmitted, cancellationToken).ConfigureAwait(false);
        if (input.Failed)
        {
            return input.Refusal;
        }

        var benchmarkInput = input.Value;
        var submissionsByCycle = await CountedHistoryAsync(benchmarkInput, cancellationToken).ConfigureAwait(false);
        var fingerprint = Fingerprint(benchmarkInput, submissionsByCycle);
        if (reuseUnchanged && await results.SummaryAsync(cycle, cancellationToken).ConfigureAwait(false) is { } current && current.InputFingerprint == fingerprint)
        {
            return new ComputedBenchmark(current, Reused: true);
        }

        var benchmark = BenchmarkEngine.Compute(benchmarkInput);
        var national = NationalPicture.Build(benchmarkInput, benchmark);
        var history = Trends.Comparable(catalog, catalog.ForCycle(benchmarkInput.Cycle)!.Version, submissionsByCycle);
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
        await curation.RaiseFlagsAsync(cycle, flags, cancellationToken).ConfigureAwait(false);
        var summary = new BenchmarkSummary(cycle, time.GetUtcNow().UtcTicks.ToString("D19", CultureInfo.InvariantCulture), time.GetUtcNow(), actor, benchmark.Participants, includeSubmitted)
        {
            InputFingerprint = fingerprint,
        };
        await results.SaveAsync(summary, benchmark.Groups, national, perMunicipality, cancellationToken).ConfigureAwait(false);

        // Here rather than in the API, so a computation from the pages or the command line is recorded as well; not
        // cancelled with the request, because the results are stored by now.
        await audit.AppendAsync(
            AuditAreas.Computations,
            actor,
            "benchmark-computed",
            cycle.ToString(CultureInfo.InvariantCulture),
            $"run {summary.RunId}: {summary.Participants} participants ({(includeSubmitted ? "approved and submitted" : "approved")} submissions), {benchmark.Groups.Count} groups, {perMunicipality.Count} positions, {flags.Count} flags",
            CancellationToken.None).ConfigureAwait(false);
        return new ComputedBenchmark(summary, Reused: false);
    }

    /// <summary>Everything the engine needs, read from storage; practice notes are synchronised on the way.</summary>
    public async Task<Outcome<BenchmarkInput>> InputAsync(int cycle, bool includeSubmitted, CancellationToken cancellationToken = default)
    {
        if (await cycles.GetAsync(cycle, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownCycle(cycle);
        }

        var register = await registers.GetAsync(cycle, cancellationToken).ConfigureAwait(false);
        if (register is null)
        {
            return new Refusal(RefusalKind.Conflict, "No register", $"No municipality register covers {cycle}; import one first ('benchmark register import').") { Code = BenchmarkRefusals.NoRegister };
        }

        var records = await submissions.ListAsync(cycle, cancellationToken).ConfigureAwait(false);
        var participants = records
            .Select(r => (Record: r, Municipality: register.Find(r.Municipality)))
            .Where(r => r.Municipality is not null)
            .Select(r => Participant(r.Municipality!, r.Record))
            .ToList();

        await curation.SyncNotesAsync(cycle, records, cancellationToken: cancellationToken).ConfigureAwait(false);
        var approved = await curation.ApprovedNotesAsync(cycle, cancellationToken).ConfigureAwait(false);
        var custom = await curation.ListGroupsAsync(cycle, cancellationToken).ConfigureAwait(false);
        return new BenchmarkInput(cycle, catalog.ModelForCycle(cycle), register, participants, custom, approved, includeSubmitted);
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
    public async Task<IReadOnlyList<string>> CountedAsync(int cycle, bool includeSubmitted, CancellationToken cancellationToken = default) =>
        (await submissions.ListAsync(cycle, cancellationToken).ConfigureAwait(false))
            .Where(r => Counts(r, includeSubmitted))
            .Select(r => r.Municipality)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Where the municipality's submission of the cycle is in the workflow; null when it has none.</summary>
    public async Task<SubmissionStatus?> SubmissionStatusAsync(int cycle, string municipality, CancellationToken cancellationToken = default) =>
        (await submissions.ListAsync(cycle, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Municipality == municipality)?.Status;

    /// <summary>
    /// Every cycle up to this one, all scored on what their questionnaire versions and this cycle's both measure
    /// (<see cref="Trends.Comparable"/>), with the same rule for who counts, so the years compare like with like.
    /// </summary>
    /// <summary>What counted in this cycle and every earlier one: the trends' input, and part of the run's fingerprint.</summary>
    private async Task<List<CycleSubmissions>> CountedHistoryAsync(BenchmarkInput input, CancellationToken cancellationToken)
    {
        var history = new List<CycleSubmissions>();
        foreach (var cycle in (await cycles.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Year <= input.Cycle).OrderBy(c => c.Year))
        {
            var register = cycle.Year == input.Cycle ? input.Register : await registers.GetAsync(cycle.Year, cancellationToken).ConfigureAwait(false);
            if (register is null)
            {
                continue;
            }

            var counted = (await submissions.ListAsync(cycle.Year, cancellationToken).ConfigureAwait(false))
                .Where(r => Counts(r, input.IncludeSubmitted))
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
    private static string Fingerprint(BenchmarkInput input, IReadOnlyList<CycleSubmissions> history)
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
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(basis)));
    }

    /// <summary>The engine's rule (<see cref="BenchmarkEngine.Counts"/>) for a stored submission of any cycle.</summary>
    private bool Counts(SubmissionRecord record, bool includeSubmitted) =>
        BenchmarkEngine.Counts(record.Status, SubmissionCompleteness.IsComplete(catalog, record.Submission), includeSubmitted);

    private Participant Participant(Register.Municipality municipality, SubmissionRecord record)
    {
        var card = Score(record.Submission);
        return new Participant(municipality, record.Submission, card, record.Status, SubmissionCompleteness.IsComplete(catalog, record.Submission, card));
    }

    private ScoreCard Score(Submission submission) =>
        ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);

    /// <summary>Flags for every submitted or approved submission, compared with its size class and its own previous cycle.</summary>
    private async Task<List<PlausibilityFlag>> FlagsAsync(BenchmarkInput input, CancellationToken cancellationToken)
    {
        // Compare with what counted last year, not with a draft or a rejected submission.
        var previous = (await submissions.ListAsync(input.Cycle - 1, cancellationToken).ConfigureAwait(false))
            .Where(r => Counts(r, input.IncludeSubmitted))
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

    private static Refusal UnknownCycle(int cycle) =>
        new(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {cycle}.") { Code = BenchmarkRefusals.UnknownCycle };

    private static Refusal NotComputed(int cycle) =>
        new(RefusalKind.NotFound, "Not computed", $"Cycle {cycle} has not been benchmarked yet.") { Code = BenchmarkRefusals.NotComputed };
}
