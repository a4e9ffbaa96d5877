using Benchmark.Core.Application;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using static Benchmark.Core.Tests.SubmissionServiceTests;

namespace Benchmark.Core.Tests;

/// <summary>What analysts do with submissions, without storage or HTTP (issue 16): each decision, when the state allows it, and the list.</summary>
public sealed class ReviewServiceTests
{
    private static readonly Actor OwnKey = new("key-gemeente", Role.Municipality, Own);

    [Fact]
    public async Task AnAnalystApprovesASubmittedSubmission()
    {
        var world = await SubmittedAsync();

        var approved = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 2));

        Assert.True(approved.Succeeded);
        Assert.Equal((3, SubmissionStatus.Approved, "key-analist"), (approved.Value.Record.Version, approved.Value.Record.Status, approved.Value.Record.ChangedBy));
    }

    [Fact]
    public async Task ARejectionWithItsCommentSendsTheAnswersBackToTheMunicipality()
    {
        var world = await SubmittedAsync();

        var rejected = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Rejected, "Graag de toelichting aanvullen.", 2));
        var changed = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 3, expectedVersion: 3, explanation: "Aangevuld."));

        Assert.True(rejected.Succeeded);
        Assert.Equal((SubmissionStatus.Rejected, "Graag de toelichting aanvullen."), (rejected.Value.Record.Status, rejected.Value.Record.Comment));
        Assert.True(changed.Succeeded);
        Assert.Equal(SubmissionStatus.Draft, changed.Value.Record.Status);
    }

    [Fact]
    public async Task ARejectionWithoutACommentIsRefusedAtTheCommentField()
    {
        var world = await SubmittedAsync();

        var rejected = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Rejected, "  ", 2));
        var unsafeComment = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Rejected, "Zie \u202Ehier", 2));

        Assert.Equal((RefusalKind.Invalid, SubmissionRefusals.CommentRequired), Describe(rejected));
        Assert.Equal(["/comment"], rejected.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.Equal((RefusalKind.Invalid, SubmissionRefusals.InvalidComment), Describe(unsafeComment));
        Assert.Equal(2, world.Repository.Versions.Count);
    }

    [Fact]
    public async Task AReopenedSubmissionIsADraftAgainThatMayChangeAfterTheDeadline()
    {
        var world = await SubmittedAsync();
        await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 2));
        world.Clock.Now = Deadline.AddDays(10);

        var reopened = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Reopened, null, 3));
        var changed = await world.Submissions.SaveDraftAsync(OwnKey, Draft(world, level: 4, expectedVersion: 4, explanation: "Verbeterd."));

        Assert.True(reopened.Succeeded);
        Assert.Equal((SubmissionStatus.Draft, true), (reopened.Value.Record.Status, reopened.Value.Record.Reopened));
        Assert.True(changed.Succeeded, changed.Refusal?.Detail);
    }

    [Theory]
    [InlineData(SubmissionAction.Approved)]
    [InlineData(SubmissionAction.Rejected)]
    [InlineData(SubmissionAction.Reopened)]
    public async Task ADraftCannotBeReviewed(SubmissionAction action)
    {
        var world = new World();
        await world.SaveAsync(level: 2);

        var reviewed = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, action, "Opmerking.", 1));

        Assert.Equal((RefusalKind.Conflict, SubmissionRefusals.NotPossibleInThisState), Describe(reviewed));
        Assert.Single(world.Repository.Versions);
    }

    [Fact]
    public async Task ADecisionOnAVersionThatChangedSinceIsRefusedAsStaleBeforeItsState()
    {
        var world = await SubmittedAsync();
        await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 2));

        // Version 2 was submitted; it is approved now, so a reject on version 2 meets both a newer version and a state that refuses it.
        var late = await world.Reviews.ReviewAsync(new Actor("key-collega", Role.Analyst, null), new ReviewSubmission(2026, Own, SubmissionAction.Rejected, "Te laat gezien.", 2));

        Assert.Equal((RefusalKind.Stale, SubmissionRefusals.Stale), Describe(late));
        Assert.Equal(3, world.Repository.Versions.Count);
    }

    [Fact]
    public async Task TakingTheSameDecisionTwiceChangesNothing()
    {
        var world = await SubmittedAsync();

        var first = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 2));
        var again = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 2));

        Assert.Equal((3, 3), (first.Value?.Record.Version, again.Value?.Record.Version));
        Assert.Equal(3, world.Repository.Versions.Count);
    }

    [Fact]
    public async Task ASecondReopenWithANewCommentKeepsThatCommentAsAVersionOfItsOwn()
    {
        var world = await SubmittedAsync();

        var first = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Reopened, "Vul de toelichting bij DigiD aan.", 2));
        var second = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Reopened, "En controleer ook het niveau van MijnOverheid.", 3));
        var repeated = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Reopened, "En controleer ook het niveau van MijnOverheid.", 4));

        Assert.Equal((3, 4, 4), (first.Value?.Record.Version, second.Value?.Record.Version, repeated.Value?.Record.Version));
        Assert.Equal("En controleer ook het niveau van MijnOverheid.", second.Value?.Record.Comment);
        Assert.Equal(SubmissionStatus.Draft, second.Value?.Record.Status);
        Assert.True(second.Value?.Record.Reopened);
        Assert.Equal(4, world.Repository.Versions.Count);
    }

    [Fact]
    public async Task OnlyAnalystsReviewAndListSubmissions()
    {
        var world = await SubmittedAsync();

        var approved = await world.Reviews.ReviewAsync(OwnKey, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, 2));
        var listed = await world.Reviews.ListAsync(new Actor("key-raad", Role.Council, Own), 2026, ReviewFilter.None);

        Assert.Equal((RefusalKind.Forbidden, SubmissionRefusals.AnalystsOnly), Describe(approved));
        Assert.Equal((RefusalKind.Forbidden, SubmissionRefusals.AnalystsOnly), Describe(listed));
        Assert.Equal(2, world.Repository.Versions.Count);
    }

    [Fact]
    public async Task NothingToReviewIsRefusedForTheCycleOrTheSubmission()
    {
        var world = new World();

        var noCycle = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2031, Own, SubmissionAction.Approved, null, null));
        var noSubmission = await world.Reviews.ReviewAsync(World.Analyst, new ReviewSubmission(2026, Own, SubmissionAction.Approved, null, null));

        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), Describe(noCycle));
        Assert.Equal((RefusalKind.NotFound, SubmissionRefusals.None), Describe(noSubmission));
    }

    [Fact]
    public async Task TheListCountsTheWholeCycleAndShowsTheFilteredRowsWithTheirOpenFlags()
    {
        var world = await SubmittedAsync();
        await world.SaveAsync(level: 3, municipality: "GM0014");
        world.Context.OpenFlags[Own] = 2;
        world.Context.Registers[2026] = new MunicipalityRegister(2026,
        [
            new Municipality(Own, "Amsterdam", "", "Noord-Holland", 900_000, ["MRA"], []),
            new Municipality("GM0014", "Groningen", "", "Groningen", 240_000, [], []),
            new Municipality("GM0034", "Almere", "", "Flevoland", 220_000, ["MRA"], []),
        ]);

        var all = Ok(await world.Reviews.ListAsync(World.Analyst, 2026, ReviewFilter.None));
        var submitted = Ok(await world.Reviews.ListAsync(World.Analyst, 2026, ReviewFilter.Parse("submitted", null, null, null)));
        var inMra = Ok(await world.Reviews.ListAsync(World.Analyst, 2026, ReviewFilter.Parse(null, null, null, "MRA")));
        var cycles = Ok(await world.Reviews.CyclesAsync(World.Analyst));

        Assert.Equal(["GM0014", Own], all.Rows.Select(r => r.Municipality));
        Assert.Equal((1, 1, 1, 2), (all.Counts[SubmissionStatus.Draft], all.Counts[SubmissionStatus.Submitted], all.NotStarted, all.Total));
        Assert.Equal([(Own, "Amsterdam", 2)], submitted.Rows.Select(r => (r.Municipality, r.Name, r.OpenFlags)));
        Assert.Equal([Own], inMra.Rows.Select(r => r.Municipality));
        Assert.Equal(["Flevoland", "Groningen", "Noord-Holland"], all.ProvinceOptions);
        Assert.Equal((2026, 1), (cycles.Single().Cycle.Year, cycles.Single().Counts[SubmissionStatus.Submitted]));
        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), Describe(await world.Reviews.ListAsync(World.Analyst, 2031, ReviewFilter.None)));
    }

    /// <summary>The municipality's answers, explained, submitted as version 2.</summary>
    private static async Task<World> SubmittedAsync()
    {
        var world = new World();
        await world.SaveAsync(level: 2, explanation: "Vastgesteld beleid.");
        var submitted = await world.Submissions.SubmitAsync(OwnKey, new SubmitAnswers(2026, Own, null, 1));
        Assert.True(submitted.Succeeded, submitted.Refusal?.Detail);
        return world;
    }
}
