using Benchmark.Core.Application;
using Benchmark.Core.Scoring;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>The benchmark's use cases without storage: who counts, what is kept, what is audited (issue 16).</summary>
public sealed class BenchmarkServiceTests
{
    private const int Year = 2026;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<DemoDataSet> Demo = new(() => DemoGenerator.Generate(TestData.Real, 1, [Year]));

    private sealed class Memory
    {
        public InMemoryCycleRepository Cycles { get; } = new();

        public InMemoryRegisterRepository Registers { get; } = new();

        public InMemorySubmissions Submissions { get; } = new();

        public InMemoryBenchmarkResults Results { get; } = new();

        public InMemoryCurationRepository Curation { get; } = new();

        public InMemoryAuditLog AuditLog { get; } = new();
    }

    /// <summary>
    /// Forty demo submissions of one cycle, in turn a draft, submitted, approved and rejected: ten of each.
    /// </summary>
    private static (BenchmarkService Service, Memory Memory) Create(bool withRegister = true)
    {
        var memory = new Memory();
        var clock = new ManualClock(Now);
        // Complete ones: an incomplete submission counts under no status (its own test).
        var submissions = Demo.Value.Submissions.Where(s => s.Cycle == Year && SubmissionCompleteness.IsComplete(TestData.Real, s)).Take(40).ToList();
        memory.Cycles.Cycles[Year] = new Cycle(Year, submissions[0].QuestionnaireVersion, CycleStatus.Open, Now.AddDays(30), Now.AddMonths(-5), null);
        if (withRegister)
        {
            memory.Registers.Registers[Year] = Demo.Value.RegisterFor(Year);
        }

        SubmissionStatus[] statuses = [SubmissionStatus.Draft, SubmissionStatus.Submitted, SubmissionStatus.Approved, SubmissionStatus.Rejected];
        memory.Submissions.Records.AddRange(submissions.Select((s, i) => Records.Of(s, statuses[i % 4])));
        var curation = new CurationService(memory.Curation, memory.Cycles, memory.Registers, memory.AuditLog, TestData.Real, clock);
        return (new BenchmarkService(memory.Cycles, memory.Registers, memory.Submissions, memory.Results, curation, TestData.Real, memory.AuditLog, clock), memory);
    }

    private static List<string> WithStatus(Memory memory, params SubmissionStatus[] statuses) =>
        [.. memory.Submissions.Records.Where(r => statuses.Contains(r.Status)).Select(r => r.Municipality).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task TheBenchmarkCountsApprovedSubmissionsOnlyAndIsAuditedWithItsRunId()
    {
        var (service, memory) = Create();

        var computed = await service.ComputeAsync(Year, includeSubmitted: false, "analist");

        Assert.True(computed.Succeeded, computed.Refusal?.Detail);
        Assert.Equal((10, false, "analist", Now), (computed.Value.Participants, computed.Value.IncludeSubmitted, computed.Value.ComputedBy, computed.Value.ComputedAt));
        Assert.Equal(WithStatus(memory, SubmissionStatus.Approved), await service.MunicipalitiesAsync(Year));
        Assert.Equal(WithStatus(memory, SubmissionStatus.Approved), await service.CountedAsync(Year, includeSubmitted: false));
        var entry = Assert.Single(await memory.AuditLog.ListAsync(AuditAreas.Computations));
        Assert.Equal(("analist", "benchmark-computed", "2026"), (entry.Actor, entry.Action, entry.Subject));
        Assert.StartsWith($"run {computed.Value.RunId}: 10 participants (approved submissions)", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittedSubmissionsCountOnlyWhenAskedForAndADraftOrRejectedOneNever()
    {
        var (service, memory) = Create();

        var computed = await service.ComputeAsync(Year, includeSubmitted: true, "analist");

        Assert.True(computed.Succeeded, computed.Refusal?.Detail);
        Assert.Equal(20, computed.Value.Participants);
        Assert.Equal(WithStatus(memory, SubmissionStatus.Submitted, SubmissionStatus.Approved), await service.MunicipalitiesAsync(Year));
        var draft = WithStatus(memory, SubmissionStatus.Draft)[0];
        Assert.Equal(BenchmarkRefusals.NoResult, (await service.ResultAsync(Year, draft)).Refusal?.Code);
        Assert.Equal(SubmissionStatus.Draft, await service.SubmissionStatusAsync(Year, draft));
    }

    [Fact]
    public async Task AnIncompleteSubmissionApprovedBeforeCompletenessWasCheckedCountsInNoStatisticUntilItIsCompleted()
    {
        var (service, memory) = Create();
        var complete = memory.Submissions.Records.First(r => r.Status == SubmissionStatus.Approved && SubmissionCompleteness.IsComplete(TestData.Real, r.Submission));
        var questionnaire = TestData.Real.Version(complete.Submission.QuestionnaireVersion)!;
        var required = questionnaire.Questions.First(q => q.Required && complete.Submission.Answers.ContainsKey(q.Id));
        // Approved with a required answer missing: what a submission handed in before the check could look like.
        var incomplete = complete.Submission with { Answers = complete.Submission.Answers.Where(a => a.Key != required.Id).ToDictionary() };
        memory.Submissions.Records.Remove(complete);
        memory.Submissions.Records.Add(Records.Of(incomplete, SubmissionStatus.Approved));

        var computed = await service.ComputeAsync(Year, includeSubmitted: true, "analist");

        Assert.True(computed.Succeeded, computed.Refusal?.Detail);
        var counted = WithStatus(memory, SubmissionStatus.Submitted, SubmissionStatus.Approved).Where(c => c != complete.Municipality).ToList();
        Assert.Equal(counted.Count, computed.Value.Participants);
        Assert.Equal(counted, await service.MunicipalitiesAsync(Year));
        Assert.Equal(counted, await service.CountedAsync(Year, includeSubmitted: true));
        Assert.Equal(BenchmarkRefusals.NoResult, (await service.ResultAsync(Year, complete.Municipality)).Refusal?.Code);
        var all = (await service.GroupsAsync(Year)).Value!.Single(g => g.Group.Id == "all");
        Assert.Equal(counted.Count, all.Of(Measure.Index).N);

        // With the answer given again it counts, in every statistic.
        memory.Submissions.Records.RemoveAll(r => r.Municipality == complete.Municipality);
        memory.Submissions.Records.Add(complete);
        var again = await service.ComputeAsync(Year, includeSubmitted: true, "analist");
        Assert.Equal(counted.Count + 1, again.Value!.Participants);
        Assert.True((await service.ResultAsync(Year, complete.Municipality)).Succeeded);
        Assert.Equal(counted.Count + 1, (await service.GroupsAsync(Year)).Value!.Single(g => g.Group.Id == "all").Of(Measure.Index).N);
    }

    [Fact]
    public async Task AComputationRaisesFlagsAndBringsInThePracticeNotesOfSubmittedAndApprovedSubmissionsOnly()
    {
        var (service, memory) = Create();

        await service.ComputeAsync(Year, includeSubmitted: false, "analist");

        var reviewed = WithStatus(memory, SubmissionStatus.Submitted, SubmissionStatus.Approved);
        Assert.NotEmpty(memory.Curation.Notes);
        Assert.All(memory.Curation.Notes.Values, n => Assert.Contains(n.Municipality, reviewed));
        Assert.All(memory.Curation.Notes.Values, n => Assert.Equal(NoteStatus.Pending, n.Status));
        Assert.All(memory.Curation.Flags.Values, f => Assert.Contains(f.Flag.Municipality, reviewed));
    }

    [Fact]
    public async Task ACycleThatDoesNotExistOrThatNoRegisterCoversIsNotBenchmarked()
    {
        var (service, memory) = Create();
        var (withoutRegister, _) = Create(withRegister: false);

        var unknown = await service.ComputeAsync(2031, includeSubmitted: false, "analist");
        var unregistered = await withoutRegister.ComputeAsync(Year, includeSubmitted: false, "analist");

        Assert.Equal((BenchmarkRefusals.UnknownCycle, RefusalKind.NotFound), (unknown.Refusal?.Code, unknown.Refusal?.Kind));
        Assert.Equal((BenchmarkRefusals.NoRegister, RefusalKind.Conflict), (unregistered.Refusal?.Code, unregistered.Refusal?.Kind));
        Assert.Empty(await memory.AuditLog.ListAsync(AuditAreas.Computations));
        Assert.Null(await service.SummaryAsync(Year));
    }

    [Fact]
    public async Task ResultsAreReadOnlyOnceTheCycleIsBenchmarkedAndTheLatestBenchmarkedCycleIsFound()
    {
        var (service, memory) = Create();
        var approved = WithStatus(memory, SubmissionStatus.Approved)[0];

        Assert.Null(await service.LatestComputedCycleAsync());
        Assert.Equal(BenchmarkRefusals.NotComputed, (await service.ResultAsync(Year, approved)).Refusal?.Code);
        Assert.Equal(BenchmarkRefusals.NotComputed, (await service.GroupsAsync(Year)).Refusal?.Code);
        Assert.Equal(BenchmarkRefusals.NotComputed, (await service.NationalAsync(Year)).Refusal?.Code);
        var before = await service.OverviewAsync(Year);
        Assert.True(before.Succeeded);
        Assert.Null(before.Value.Summary);

        await service.ComputeAsync(Year, includeSubmitted: false, "analist");

        Assert.Equal(Year, await service.LatestComputedCycleAsync());
        var result = await service.ResultAsync(Year, approved);
        Assert.True(result.Succeeded);
        Assert.Equal(approved, result.Value.Position.Municipality);
        Assert.True((await service.GroupsAsync(Year)).Succeeded);
        var after = await service.OverviewAsync(Year);
        Assert.True(after.Succeeded);
        Assert.NotNull(after.Value.National);
        Assert.Equal(BenchmarkRefusals.UnknownCycle, (await service.OverviewAsync(2031)).Refusal?.Code);
    }
}
