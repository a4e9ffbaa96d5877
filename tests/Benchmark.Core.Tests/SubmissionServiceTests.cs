using Benchmark.Core.Application;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;
using RegisterMunicipality = Benchmark.Core.Register.Municipality;

namespace Benchmark.Core.Tests;

/// <summary>
/// A municipality's answers without storage or HTTP (issue 16): saving, submitting, reading and who may, with the
/// stable code of every refusal. The API and the pages are tested with Azurite in Benchmark.Functions.Tests.
/// </summary>
public sealed class SubmissionServiceTests
{
    internal const string Own = "GM0363";
    internal const string Other = "GM0518";
    internal static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset Deadline = new(2026, 12, 31, 22, 59, 0, TimeSpan.Zero);

    private static readonly Actor OwnKey = new("key-gemeente", Role.Municipality, Own);
    private static readonly Actor ColleagueKey = new("key-collega", Role.Municipality, Own);
    private static readonly Actor OtherKey = new("key-ander", Role.Municipality, Other);
    private static readonly Actor CouncilKey = new("key-raad", Role.Council, Own);

    [Fact]
    public async Task AFirstDraftNeedsNoVersionAndBecomesVersionOne()
    {
        var world = new World();

        var saved = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 2));

        Assert.True(saved.Succeeded);
        Assert.Equal((1, SubmissionStatus.Draft, "key-gemeente"), (saved.Value.Record.Version, saved.Value.Record.Status, saved.Value.Record.ChangedBy));
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task ASaveOverAVersionTheCallerDidNotReadIsRefusedAndChangesNothing()
    {
        var world = new World();
        await world.SaveAsync(level: 2);
        await world.SaveAsync(level: 3, expectedVersion: 1);

        var stale = await world.Submissions.SaveDraftAsync(ColleagueKey, Draft(world, level: 4, expectedVersion: 1));
        var blind = await world.Submissions.SaveDraftAsync(ColleagueKey, Draft(world, level: 4));

        Assert.Equal((RefusalKind.Stale, SubmissionRefusals.Stale), Describe(stale));
        Assert.Equal((RefusalKind.PreconditionRequired, SubmissionRefusals.VersionRequired), Describe(blind));
        Assert.Equal(2, world.Repository.Versions.Count);
    }

    [Fact]
    public async Task ASaveOvertakenByAColleagueAtTheSameMomentIsRefusedAsStale()
    {
        var world = new World();
        await world.SaveAsync(level: 2);
        var colleagueSaving = true;
        world.Repository.BeforeWrite = async () =>
        {
            if (colleagueSaving)
            {
                colleagueSaving = false;
                await world.SaveAsync(level: 5, expectedVersion: 1);
            }
        };

        var overtaken = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 1));

        Assert.Equal((RefusalKind.Stale, SubmissionRefusals.Stale), Describe(overtaken));
        Assert.Equal([1, 2], world.Repository.Versions.Select(v => v.Version));
        Assert.Equal(new LevelValue(5), (await world.Repository.GetAsync(2026, Own))?.Record.Submission.AnswerTo(world.LevelQuestion.Id)?.Value);
    }

    [Fact]
    public async Task ASaveAfterTheDeadlineIsRefusedUnlessAnAnalystReopenedTheSubmission()
    {
        var world = new World();
        await world.SaveAsync(level: 2, explanation: "Vastgesteld beleid.");
        world.Clock.Now = Deadline.AddMinutes(1);

        var late = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 1));
        world.Clock.Now = Deadline.AddMinutes(-1);
        await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));
        world.Clock.Now = Deadline.AddDays(3);
        await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Reopened, null, 2));
        var reopened = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 3));

        Assert.Equal((RefusalKind.Conflict, SubmissionRefusals.DeadlinePassed), Describe(late));
        Assert.True(reopened.Succeeded);
        Assert.Equal((4, SubmissionStatus.Draft, true), (reopened.Value.Record.Version, reopened.Value.Record.Status, reopened.Value.Record.Reopened));
    }

    [Fact]
    public async Task ASubmitAfterTheDeadlineIsRefused()
    {
        var world = new World();
        await world.SaveAsync(level: 2, explanation: "Vastgesteld beleid.");
        world.Clock.Now = Deadline.AddSeconds(1);

        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));

        Assert.Equal((RefusalKind.Conflict, SubmissionRefusals.DeadlinePassed), Describe(submitted));
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task NothingChangesInAClosedCycle()
    {
        var world = new World();
        await world.SaveAsync(level: 2, explanation: "Vastgesteld beleid.");
        await world.Cycles.CloseAsync("analist", new CloseCycle(2026));

        var saved = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 1));
        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));

        Assert.Equal((RefusalKind.Conflict, CycleRefusals.Closed), Describe(saved));
        Assert.Equal((RefusalKind.Conflict, CycleRefusals.Closed), Describe(submitted));
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task AnUnknownCycleIsRefusedAsUnknown()
    {
        var world = new World();

        var saved = await world.Submissions.SaveDraftAsync(OwnKey, new SaveDraft(2030, Own, TestData.Empty(world.Questionnaire, Own) with { Cycle = 2030 }, null));
        var read = await world.Submissions.GetAsync(OwnKey, 2030, Own);

        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), Describe(saved));
        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), Describe(read));
    }

    [Fact]
    public async Task AnswersForAnotherMunicipalityOrQuestionnaireAreRefusedWithThePointerOfEveryProblem()
    {
        var world = new World();
        var theirs = TestData.Empty(world.Questionnaire, Other) with { Cycle = 2026 };
        var older = TestData.Empty(world.Catalog.Version("2024")!, Own) with { Cycle = 2026 };

        var forOther = await world.Submissions.SaveDraftAsync(OwnKey, new SaveDraft(2026, Own, theirs, null));
        var oldQuestionnaire = await world.Submissions.SaveDraftAsync(OwnKey, new SaveDraft(2026, Own, older, null));

        Assert.Equal((RefusalKind.Invalid, SubmissionRefusals.InvalidAnswers), Describe(forOther));
        Assert.Equal(["/municipality"], forOther.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.Equal(["/questionnaire"], oldQuestionnaire.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.StartsWith("cycle 2026 uses questionnaire 2026;", oldQuestionnaire.Refusal?.Errors?[0].Message, StringComparison.Ordinal);
        Assert.Empty(world.Repository.Versions);
    }

    [Fact]
    public async Task TheSameAnswersAsJsonAndTypedAreHeldToOneStandard()
    {
        var world = new World();
        var cycle = Ok(await world.Cycles.GetAsync(2026));
        var answers = Draft(world, level: 2).Answers;
        var json = System.Text.Encoding.UTF8.GetBytes(SubmissionJson.Write(answers, world.Questionnaire));

        var read = SubmissionAnswers.Read(json, cycle, Own, world.Catalog, ValidationMode.Final);
        var typed = SubmissionAnswers.Check(answers, cycle, Own, world.Catalog, ValidationMode.Final);

        Assert.Equal((RefusalKind.Invalid, SubmissionRefusals.InvalidAnswers), Describe(read));
        Assert.Equal(Errors(read), Errors(typed));
        Assert.Equal(read.Refusal?.Detail, typed.Refusal?.Detail);
        Assert.True(SubmissionAnswers.Check(answers, cycle, Own, world.Catalog, ValidationMode.Draft).Succeeded);
    }

    [Fact]
    public async Task SubmittingTheSavedDraftMakesItReadOnlyUntilAnAnalystReopensIt()
    {
        var world = new World();
        await world.SaveAsync(level: 2, explanation: "Vastgesteld beleid.");

        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));
        var changed = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 2));

        Assert.True(submitted.Succeeded);
        Assert.Equal((2, SubmissionStatus.Submitted, SubmissionAction.Submitted), (submitted.Value.Record.Version, submitted.Value.Record.Status, submitted.Value.Record.LastAction));
        Assert.Equal((RefusalKind.Conflict, SubmissionRefusals.ReadOnly), Describe(changed));
    }

    [Fact]
    public async Task SubmittingTheSameAnswersTwiceChangesNothing()
    {
        var world = new World();
        var answers = Draft(world, level: 2, explanation: "Vastgesteld beleid.").Answers;

        var first = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, answers, null));
        var again = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, answers, 1));
        var draftAgain = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, null));

        Assert.True(first.Succeeded && again.Succeeded && draftAgain.Succeeded);
        Assert.Equal([1, 1, 1], new[] { first, again, draftAgain }.Select(o => o.Value?.Record.Version));
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task ADraftWithoutItsRequiredExplanationIsSavedButNotSubmitted()
    {
        var world = new World();
        await world.SaveAsync(level: 2);
        var question = world.LevelQuestion;

        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));
        var round = Ok(await world.Submissions.RoundAsync(OwnKey, 2026, Own));

        Assert.Equal((RefusalKind.Invalid, SubmissionRefusals.NotReady), Describe(submitted));
        Assert.StartsWith("The saved answers cannot be submitted yet: ", submitted.Refusal?.Detail, StringComparison.Ordinal);
        Assert.Equal([SubmissionJson.Pointer("answers", question.Id, "explanation")], submitted.Refusal?.Errors?.Select(e => e.Pointer));
        var submittable = world.Submissions.CheckSubmittable(round.Cycle, Own, round.Submission ?? throw new InvalidOperationException("nothing saved"));
        Assert.Equal((submitted.Refusal?.Detail, SubmissionRefusals.NotReady), (submittable?.Detail, submittable?.Code));
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task SubmittingWithNothingSavedIsRefused()
    {
        var world = new World();

        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, null));

        Assert.Equal((RefusalKind.NotFound, SubmissionRefusals.NothingToSubmit), Describe(submitted));
    }

    [Fact]
    public async Task AnotherMunicipalitysKeyIsRefusedAndEveryAttemptIsKeptInTheSubmissionsTrail()
    {
        var world = new World();
        await world.SaveAsync(level: 2);

        var read = await world.Submissions.GetAsync(OtherKey, 2026, Own);
        var saved = await world.Submissions.SaveDraftAsync(OtherKey, Draft(world, level: 5, expectedVersion: 1));
        var trail = Ok(await world.Submissions.TrailAsync(OwnKey, 2026, Own));

        Assert.Equal((RefusalKind.Forbidden, SubmissionRefusals.NotYourMunicipality), Describe(read));
        Assert.Equal((RefusalKind.Forbidden, SubmissionRefusals.NotYourMunicipality), Describe(saved));
        Assert.Equal(["access-2026-GM0363 key-ander accessDenied 2026/GM0363", "access-2026-GM0363 key-ander accessDenied 2026/GM0363"], world.Audit.Lines);
        Assert.Equal(["read by a municipality key of GM0518", "write by a municipality key of GM0518"], trail.Refused.Select(e => e.Detail));
        Assert.Single(trail.Versions);
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task ACouncilReadsItsMunicipalitysAnswersButItsAttemptToChangeThemIsRefusedAndKept()
    {
        var world = new World();
        await world.SaveAsync(level: 2);

        var read = await world.Submissions.GetAsync(CouncilKey, 2026, Own);
        var saved = await world.Submissions.SaveDraftAsync(CouncilKey, Draft(world, level: 5, expectedVersion: 1));

        Assert.True(read.Succeeded);
        Assert.Equal((RefusalKind.Forbidden, SubmissionRefusals.MunicipalitiesOnly), Describe(saved));
        Assert.Equal(["access-2026-GM0363 key-raad accessDenied 2026/GM0363"], world.Audit.Lines);
    }

    [Fact]
    public async Task TheRoundSaysByItsCodeWhyTheAnswersCannotChange()
    {
        var world = new World();
        var before = Ok(await world.Submissions.RoundAsync(OwnKey, 2026, Own));
        var council = Ok(await world.Submissions.RoundAsync(CouncilKey, 2026, Own));
        await world.SaveAsync(level: 2, explanation: "Vastgesteld beleid.");
        await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));
        var submitted = Ok(await world.Submissions.RoundAsync(OwnKey, 2026, Own));
        world.Clock.Now = Deadline.AddDays(1);
        var late = Ok(await world.Submissions.RoundAsync(OtherKey, 2026, Other));
        await world.Cycles.CloseAsync("analist", new CloseCycle(2026));
        var closed = Ok(await world.Submissions.RoundAsync(OtherKey, 2026, Other));

        Assert.Equal((null, null, "2026"), (before.Locked, before.Stored, before.Questionnaire.Version));
        Assert.Equal(SubmissionRefusals.MunicipalitiesOnly, council.Locked?.Code);
        Assert.Equal((SubmissionRefusals.ReadOnly, 2), (submitted.Locked?.Code, submitted.Stored?.Record.Version));
        Assert.Equal(SubmissionRefusals.DeadlinePassed, late.Locked?.Code);
        Assert.Equal(CycleRefusals.Closed, closed.Locked?.Code);
    }

    [Fact]
    public async Task TheMunicipalitysCyclesShowWhereItsAnswersStandUnderItsRegisterName()
    {
        var world = new World();
        await world.Cycles.OpenAsync("analist", new OpenCycle(2027, Deadline.AddYears(1)));
        world.Context.Registers[2027] = new Register.MunicipalityRegister(2027, [new RegisterMunicipality(Own, "Amsterdam", "", "Noord-Holland", 900_000, [], [])]);
        await world.SaveAsync(level: 2);

        var cycles = Ok(await world.Submissions.CyclesAsync(OwnKey, Own));

        Assert.Equal("Amsterdam", cycles.Name);
        Assert.Equal(new (int, SubmissionStatus?)[] { (2026, SubmissionStatus.Draft), (2027, null) }, cycles.Cycles.Select(c => (c.Cycle.Year, c.Status)));
    }

    [Fact]
    public async Task EarlierVersionsAreReadAsTheyWereAndAnUnknownOneIsRefused()
    {
        var world = new World();
        await world.SaveAsync(level: 2);
        await world.SaveAsync(level: 3, expectedVersion: 1);

        var versions = Ok(await world.Submissions.VersionsAsync(OwnKey, 2026, Own));
        var first = await world.Submissions.VersionAsync(OwnKey, 2026, Own, 1);
        var missing = await world.Submissions.VersionAsync(OwnKey, 2026, Own, 7);

        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(new LevelValue(2), first.Value?.Submission.AnswerTo(world.LevelQuestion.Id)?.Value);
        Assert.Equal((RefusalKind.NotFound, SubmissionRefusals.UnknownVersion), Describe(missing));
        Assert.Equal((RefusalKind.NotFound, SubmissionRefusals.None), Describe(await world.Submissions.GetAsync(World.Analyst, 2026, Other)));
    }

    [Fact]
    public async Task AnEmptyTrailOfAnUnknownCycleIsRefusedButARefusedAttemptThereIsKept()
    {
        var world = new World();

        var unknown = await world.Submissions.TrailAsync(OwnKey, 2031, Own);
        await world.Submissions.GetAsync(OtherKey, 2031, Own);
        var kept = await world.Submissions.TrailAsync(OwnKey, 2031, Own);

        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), Describe(unknown));
        Assert.Single(Ok(kept).Refused);
    }

    [Fact]
    public async Task AColleaguesVersionIsNamedByTheLabelOfTheirKey()
    {
        var world = new World();
        world.Context.KeyLabels["key-collega"] = "Team informatiebeheer";
        var saved = Ok(await world.Submissions.SaveDraftAsync(ColleagueKey, Draft(world, level: 2)));
        var unlabelled = Ok(await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 1)));
        var names = new ActorNames(world.Context);

        Assert.Equal(new LocalizedText("Team informatiebeheer", "Team informatiebeheer"), await names.NameAsync(saved.Record.ChangedBy));
        Assert.Equal(new LocalizedText("key-gemeente", "key-gemeente"), await names.NameAsync(unlabelled.Record.ChangedBy));
    }

    [Fact]
    public async Task TheCommandLineAndTheDemoDataAreNamedForWhatTheyAreNotByTheirIds()
    {
        var world = new World();
        var names = await new ActorNames(world.Context).NameAllAsync([KnownActors.CommandLine, KnownActors.DemoLoader, null]);

        Assert.Equal(new LocalizedText("beheer via de opdrachtregel", "administration on the command line"), names.NameOf(KnownActors.CommandLine));
        Assert.Equal(new LocalizedText("demogegevens", "demo data"), names.NameOf(KnownActors.DemoLoader));
        Assert.Equal(new LocalizedText("key-unknown", "key-unknown"), names.NameOf("key-unknown"));
    }

    [Fact]
    public async Task AnIncompleteDraftIsNotSubmittedAndEveryMissingAnswerIsNamedByItsPointer()
    {
        var world = new World();
        var questionnaire = world.Questionnaire;
        var required = questionnaire.Questions.Where(q => q.Required && q.Id != world.LevelQuestion.Id).Take(2).ToList();
        var draft = Draft(world, level: 2, explanation: "Vastgesteld beleid.");
        var holes = required.Aggregate(draft.Answers, (s, q) => s with { Answers = s.Answers.Where(a => a.Key != q.Id).ToDictionary(a => a.Key, a => a.Value) });
        var saved = Ok(await world.Submissions.SaveDraftAsync(OwnKey, draft with { Answers = holes }));

        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, saved.Record.Version));
        var sent = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, holes, saved.Record.Version));

        foreach (var refused in new[] { submitted, sent })
        {
            Assert.Equal((RefusalKind.Invalid, SubmissionRefusals.Incomplete), Describe(refused));
            Assert.Equal(required.Select(q => "/answers/" + q.Id).Order(StringComparer.Ordinal), refused.Refusal!.Errors!.Select(e => e.Pointer).Order(StringComparer.Ordinal));
        }

        Assert.Equal(SubmissionStatus.Draft, (await world.Repository.GetAsync(2026, Own))!.Record.Status);
    }

    [Fact]
    public async Task AnIncompleteSubmissionIsNotApproved()
    {
        var world = new World();
        var questionnaire = world.Questionnaire;
        var missing = questionnaire.Questions.First(q => q.Required && q.Id != world.LevelQuestion.Id);
        var draft = Draft(world, level: 2, explanation: "Vastgesteld beleid.");
        var incomplete = draft.Answers with { Answers = draft.Answers.Answers.Where(a => a.Key != missing.Id).ToDictionary(a => a.Key, a => a.Value) };
        // Stored as submitted directly, as a submission from before the completeness check would be.
        await world.Repository.WriteNextAsync(null, incomplete, SubmissionAction.Submitted, new Actor("key-gemeente", Role.Municipality, Own), null, false, world.Clock.Now, default);

        var approved = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 1));

        Assert.Equal((RefusalKind.Conflict, SubmissionRefusals.Incomplete), Describe(approved));
        Assert.Equal(["/answers/" + missing.Id], approved.Refusal!.Errors!.Select(e => e.Pointer));
        Assert.Equal(SubmissionStatus.Submitted, (await world.Repository.GetAsync(2026, Own))!.Record.Status);
    }

    internal static (RefusalKind? Kind, string? Code) Describe<T>(Outcome<T> outcome)
        where T : class => (outcome.Refusal?.Kind, outcome.Refusal?.Code);

    internal static T Ok<T>(Outcome<T> outcome)
        where T : class
    {
        Assert.True(outcome.Succeeded, outcome.Refusal?.Detail);
        return outcome.Value;
    }

    private static IReadOnlyList<string> Errors<T>(Outcome<T> outcome)
        where T : class => [.. outcome.Refusal?.Errors?.Select(e => e.ToString()) ?? []];

    /// <summary>A draft for the municipality with one level question answered.</summary>
    /// <summary>
    /// A complete draft (every required question answered, as submitting asks) whose one level question is set to
    /// <paramref name="level"/> with <paramref name="explanation"/>: without one, only that explanation is missing.
    /// </summary>
    internal static SaveDraft Draft(World world, int level, int? expectedVersion = null, string? explanation = null, string municipality = Own) =>
        new(2026, municipality, (Complete.Value with { Municipality = municipality, Cycle = 2026 })
            .With(world.LevelQuestion.Id, Answer.Of(new LevelValue(level), explanation)), expectedVersion);

    /// <summary>A generated submission that is complete and valid to submit as it is.</summary>
    private static readonly Lazy<Submission> Complete = new(() =>
    {
        var questionnaire = TestData.Real.Version("2026")!;
        var model = TestData.Real.ModelOf(questionnaire);
        return Demo.DemoGenerator.Generate(TestData.Real, 5, [2026]).Submissions
            .First(s => SubmissionCompleteness.Missing(model, questionnaire, s).Count == 0
                        && SubmissionJson.ReadUtf8(System.Text.Encoding.UTF8.GetBytes(SubmissionJson.Write(s, questionnaire)), _ => questionnaire, ValidationMode.Final, 2026, s.Municipality).Errors.Count == 0);
    });

    internal sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The services over in-memory storage, with cycle 2026 open until <see cref="Deadline"/>.</summary>
    internal sealed class World
    {
        public static readonly Actor Analyst = new("key-analist", Role.Analyst, null);

        public World()
        {
            Audit = new InMemoryAuditLog(Clock);
            Cycles = new CycleService(CycleRepository, Audit, Catalog, Clock);
            Submissions = new SubmissionService(Repository, CycleRepository, Audit, Context, Catalog, Clock);
            Reviews = new ReviewService(Repository, CycleRepository, Context, Catalog, Clock);
            CycleRepository.Cycles[2026] = new Cycle(2026, "2026", CycleStatus.Open, Deadline, Now.AddMonths(-1), null);
        }

        public Clock Clock { get; } = new(Now);

        public Loading.QuestionnaireCatalog Catalog { get; } = TestData.Real;

        public Questionnaire Questionnaire => Catalog.Version("2026")!;

        /// <summary>A level question, whose explanation a submission needs.</summary>
        public Question LevelQuestion => Questionnaire.Questions.First(q => q.Type == QuestionType.Level && q.ExplanationRequired);

        public InMemoryCycleRepository CycleRepository { get; } = new();

        public InMemorySubmissionRepository Repository { get; } = new();

        public InMemorySubmissionContext Context { get; } = new();

        public InMemoryAuditLog Audit { get; }

        public CycleService Cycles { get; }

        public SubmissionService Submissions { get; }

        public ReviewService Reviews { get; }

        public async Task<StoredSubmission> SaveAsync(int level, int? expectedVersion = null, string? explanation = null, string municipality = Own)
        {
            var saved = await Submissions.SaveDraftAsync(new Actor("key-gemeente", Role.Municipality, municipality), Draft(this, level, expectedVersion, explanation, municipality));
            Assert.True(saved.Succeeded, saved.Refusal?.Detail);
            return saved.Value;
        }
    }
}
