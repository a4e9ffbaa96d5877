using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>The curation rules without storage: one place for the API, the analyst pages and the benchmark (issue 16).</summary>
public sealed class CurationServiceTests
{
    private const int Year = 2026;
    private const string Analyst = "analist";
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Memory
    {
        public InMemoryCycleRepository Cycles { get; } = new();

        public InMemoryRegisterRepository Registers { get; } = new();

        public InMemoryCurationRepository Curation { get; } = new();

        public InMemoryAuditLog AuditLog { get; } = new();

        public IReadOnlyList<string> Audit => AuditLog.Lines;
    }

    private static (CurationService Service, Memory Memory) Create(bool withRegister = true)
    {
        var memory = new Memory();
        memory.Cycles.Cycles[Year] = new Cycle(Year, TestData.Real.ForCycle(Year)!.Version, CycleStatus.Open, Now.AddMonths(2), Now.AddMonths(-3), null);
        if (withRegister)
        {
            memory.Registers.Registers[Year] = Register;
        }

        return (new CurationService(memory.Curation, memory.Cycles, memory.Registers, memory.AuditLog, TestData.Real, new ManualClock(Now)), memory);
    }

    /// <summary>Six municipalities in Utrecht (GM9001–GM9006) and six in Gelderland (GM9011–GM9016), all of one size.</summary>
    private static readonly MunicipalityRegister Register = new(Year, [
        .. Enumerable.Range(1, 6).Select(i => new Municipality($"GM90{i:D2}", $"Utrecht {i}", $"Utrecht {i}", "Utrecht", 30_000, [], [])),
        .. Enumerable.Range(11, 6).Select(i => new Municipality($"GM90{i:D2}", $"Gelderland {i}", $"Gelderland {i}", "Gelderland", 30_000, [], [])),
    ]);

    private static PlausibilityFlag Flag(string municipality = "GM9001", string message = "Alles op het hoogste niveau.") =>
        new(FlagRule.AllMaximum, municipality, Year, null, new LocalizedText(message, message));

    private static CuratedNote Note(string text = "Samen met de buurgemeenten ingekocht.") =>
        new(Year, "GM9001", "digid.niveau", "digid", text, "informatiemanager", NoteStatus.Pending, null, null, null);

    [Fact]
    public async Task DismissingAFlagThatDoesNotExistIsRefusedWithItsCodeAndNothingIsAudited()
    {
        var (service, memory) = Create();

        var dismissed = await service.DismissFlagAsync(Analyst, new DismissFlag(Year, "GM9001_AllMaximum_all_0000000000", "Nagebeld."));

        Assert.Equal(CurationRefusals.UnknownFlag, dismissed.Refusal?.Code);
        Assert.Equal(RefusalKind.NotFound, dismissed.Refusal?.Kind);
        Assert.Empty(memory.Audit);
    }

    [Fact]
    public async Task AFlagIsDismissedOnlyWithAReasonInPlainTextAndTheDismissalIsAudited()
    {
        var (service, memory) = Create();
        await service.RaiseFlagsAsync(Year, [Flag()]);
        var id = StoredFlag.IdOf(Flag());

        var silent = await service.DismissFlagAsync(Analyst, new DismissFlag(Year, id, "  "));
        var garbled = await service.DismissFlagAsync(Analyst, new DismissFlag(Year, id, "Nagebeld \u202Ekeo"));
        var dismissed = await service.DismissFlagAsync(Analyst, new DismissFlag(Year, id, "  Nagebeld: klopt.  "));

        Assert.Equal(CurationRefusals.CommentRequired, silent.Refusal?.Code);
        Assert.Equal(CurationRefusals.InvalidComment, garbled.Refusal?.Code);
        Assert.Equal(["/comment"], garbled.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.True(dismissed.Succeeded);
        Assert.Equal((true, Analyst, "Nagebeld: klopt.", (DateTimeOffset?)Now), (dismissed.Value.Dismissed, dismissed.Value.DismissedBy, dismissed.Value.Comment, dismissed.Value.DismissedAt));
        Assert.Equal(dismissed.Value, memory.Curation.Flags[(Year, id)]);
        Assert.Equal([$"flags analist flag-dismissed {Year}/{id}"], memory.Audit);
    }

    [Fact]
    public async Task AFlagRaisedAgainKeepsItsDismissalWhileAFlagThatSaysSomethingElseIsNewAndAFlagNoLongerRaisedGoes()
    {
        var (service, memory) = Create();
        await service.RaiseFlagsAsync(Year, [Flag(), Flag("GM9002")]);
        await service.DismissFlagAsync(Analyst, new DismissFlag(Year, StoredFlag.IdOf(Flag()), "Nagebeld."));

        await service.RaiseFlagsAsync(Year, [Flag(), Flag(message: "Alles op het hoogste niveau, ook bij eHerkenning.")]);

        var flags = await service.ListFlagsAsync(Year);
        Assert.Equal(2, flags.Count);
        Assert.True(flags.Single(f => f.Id == StoredFlag.IdOf(Flag())).Dismissed);
        Assert.False(flags.Single(f => f.Id != StoredFlag.IdOf(Flag())).Dismissed);
        Assert.DoesNotContain(flags, f => f.Flag.Municipality == "GM9002");
    }

    [Fact]
    public async Task ANoteIsApprovedOrHiddenAndOnlyAChangedTextCountsAsAnEdit()
    {
        var (service, memory) = Create();
        await memory.Curation.SaveNoteAsync(Note());

        var unchanged = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Approved, " Samen met de buurgemeenten ingekocht. "));
        var edited = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Approved, "  Samen ingekocht.  "));
        var hidden = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Hidden));

        Assert.True(unchanged.Succeeded);
        Assert.Null(unchanged.Value.EditedText);
        Assert.True(edited.Succeeded);
        Assert.Equal(("Samen ingekocht.", NoteStatus.Approved), (edited.Value.Text, edited.Value.Status));
        Assert.True(hidden.Succeeded);
        Assert.Equal((NoteStatus.Hidden, "Samen ingekocht.", Analyst, (DateTimeOffset?)Now), (hidden.Value.Status, hidden.Value.EditedText, hidden.Value.CuratedBy, hidden.Value.CuratedAt));
        Assert.Equal(
            [("note-approved", (string?)null), ("note-approved", "text edited"), ("note-hidden", null)],
            (await memory.AuditLog.ListAsync(AuditAreas.Notes)).Select(e => (e.Action, e.Detail)));
    }

    [Fact]
    public async Task OnlyApprovingOrHidingIsACurationAnUnsafeTextIsRefusedAndAnUnknownNoteIsNotFound()
    {
        var (service, memory) = Create();
        await memory.Curation.SaveNoteAsync(Note());

        var pending = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Pending));
        var none = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", null));
        var unsafeText = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Approved, "Ingekocht\0."));
        var tooLong = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Approved, new string('x', SubmissionJson.MaxTextLength + 1)));
        var unknown = await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9002", "digid.niveau", NoteStatus.Approved));

        Assert.Equal([CurationRefusals.InvalidStatus, CurationRefusals.InvalidStatus, CurationRefusals.InvalidText, CurationRefusals.InvalidText, CurationRefusals.UnknownNote], new[] { pending, none, unsafeText, tooLong, unknown }.Select(o => o.Refusal?.Code));
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal?.Kind);
        Assert.Equal(Note(), memory.Curation.Notes[(Year, "GM9001", "digid.niveau")]);
        Assert.Empty(memory.Audit);
    }

    [Fact]
    public async Task NotesFollowTheSubmittedAndApprovedSubmissionsNewAndChangedOnesWaitForAnAnalystAndRemovedOnesGo()
    {
        var (service, memory) = Create();
        var questionnaire = TestData.Real.ForCycle(Year)!;
        var question = questionnaire.Blocks[0].LevelQuestion.Id;
        var other = questionnaire.Blocks[1].LevelQuestion.Id;
        SubmissionRecord Record(string municipality, SubmissionStatus status, params (string Question, string Text)[] notes) => Records.Of(
            notes.Aggregate(TestData.Empty(questionnaire, municipality), (s, n) => s.With(n.Question, new Answer(new LevelValue(3), false, null, "Toelichting.", new PracticeNote(n.Text, "informatiemanager")))),
            status);

        await service.SyncNotesAsync(Year, [Record("GM9001", SubmissionStatus.Submitted, (question, "Eerst"), (other, "Ander")), Record("GM9002", SubmissionStatus.Draft, (question, "Concept"))]);
        Assert.Equal(new[] { ("GM9001", question, NoteStatus.Pending), ("GM9001", other, NoteStatus.Pending) }.OrderBy(n => n.Item2, StringComparer.Ordinal), Notes());

        await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", question, NoteStatus.Approved, "Eerst, verbeterd"));
        await service.SyncNotesAsync(Year, [Record("GM9001", SubmissionStatus.Approved, (question, "Eerst"), (other, "Ander"))]);
        Assert.Equal(NoteStatus.Approved, memory.Curation.Notes[(Year, "GM9001", question)].Status);

        await service.SyncNotesAsync(Year, [Record("GM9001", SubmissionStatus.Approved, (question, "Anders nu"))]);
        Assert.Equal([("GM9001", question, NoteStatus.Pending)], Notes());
        Assert.Null(memory.Curation.Notes[(Year, "GM9001", question)].EditedText);
        Assert.Equal(["notes analist note-approved " + $"{Year}/GM9001/{question}"], memory.Audit);

        List<(string, string, NoteStatus)> Notes() => [.. memory.Curation.Notes.Values.OrderBy(n => n.QuestionId, StringComparer.Ordinal).Select(n => (n.Municipality, n.QuestionId, n.Status))];
    }

    [Fact]
    public async Task DemoNotesAreApprovedAtOnceAndThatApprovalIsAudited()
    {
        var (service, memory) = Create();
        var questionnaire = TestData.Real.ForCycle(Year)!;
        var question = questionnaire.Blocks[0].LevelQuestion.Id;
        var submission = TestData.Empty(questionnaire, "GM9001").With(question, new Answer(new LevelValue(4), false, null, "Toelichting.", new PracticeNote("Zo deden we het.", null)));

        await service.SyncNotesAsync(Year, [Records.Of(submission, SubmissionStatus.Approved)], approvedBy: "demo-loader");

        Assert.Equal(NoteStatus.Approved, Assert.Single(memory.Curation.Notes.Values).Status);
        Assert.Equal([$"notes demo-loader notes-approved {Year}"], memory.Audit);
        Assert.Single(await service.ApprovedNotesAsync(Year));
    }

    [Fact]
    public async Task AGroupNeedsAKnownCycleARegisterAndFiveToFourHundredKnownMembersUnlikeAnyOtherGroup()
    {
        var (service, memory) = Create();
        var (withoutRegister, _) = Create(withRegister: false);
        string[] mixed = ["GM9001", "GM9002", "GM9003", "GM9011", "GM9012", "GM9013"];

        var unknownCycle = await service.PutGroupAsync(Analyst, new PutGroup(2031, "pilot", "Pilot", mixed));
        var noRegister = await withoutRegister.PutGroupAsync(Analyst, new PutGroup(Year, "pilot", "Pilot", mixed));
        var wrong = await service.PutGroupAsync(Analyst, new PutGroup(Year, "Pilot!", " ", ["GM9001", "GM0001", "GM9002", "GM9003"]));
        var nearlyUtrecht = await service.PutGroupAsync(Analyst, new PutGroup(Year, "pilot", "Pilot", ["GM9001", "GM9002", "GM9003", "GM9004", "GM9005"]));

        Assert.Equal(CurationRefusals.UnknownCycle, unknownCycle.Refusal?.Code);
        Assert.Equal(CurationRefusals.UnknownCycle, (await service.CheckGroupCycleAsync(2031))?.Code);
        Assert.Equal(CurationRefusals.NoRegister, noRegister.Refusal?.Code);
        Assert.Equal(CurationRefusals.InvalidGroup, wrong.Refusal?.Code);
        Assert.Equal(["/id", "/label", "/members/1", "/members"], wrong.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.Equal(CurationRefusals.InvalidGroup, nearlyUtrecht.Refusal?.Code);
        Assert.Contains("fewer than 5 municipalities", Assert.Single(nearlyUtrecht.Refusal?.Errors ?? []).Message, StringComparison.Ordinal);
        Assert.Empty(memory.Curation.Groups);
        Assert.Empty(memory.Audit);
    }

    [Fact]
    public async Task AGroupIsSavedWithItsLabelTrimmedAndItsMembersOnceInOrder()
    {
        var (service, memory) = Create();

        var put = await service.PutGroupAsync(Analyst, new PutGroup(Year, "pilot", "  Pilot rijbewijzen ", ["GM9013", "GM9001", "GM9002", "GM9003", "GM9011", "GM9012", "GM9001"]));

        Assert.True(put.Succeeded);
        Assert.Equal("Pilot rijbewijzen", put.Value.Label);
        Assert.Equal(["GM9001", "GM9002", "GM9003", "GM9011", "GM9012", "GM9013"], put.Value.Members);
        Assert.Equal(put.Value, Assert.Single(await service.ListGroupsAsync(Year)));
        Assert.Equal([$"groups analist group-set {Year}/pilot"], memory.Audit);
    }

    [Fact]
    public async Task EveryChangeAnAnalystMakesIsAuditedInTheAreaOfWhatChanged()
    {
        var (service, memory) = Create();
        await service.RaiseFlagsAsync(Year, [Flag()]);
        await memory.Curation.SaveNoteAsync(Note());

        await service.DismissFlagAsync(Analyst, new DismissFlag(Year, StoredFlag.IdOf(Flag()), "Nagebeld."));
        await service.CurateNoteAsync(Analyst, new CurateNote(Year, "GM9001", "digid.niveau", NoteStatus.Hidden));
        await service.PutGroupAsync(Analyst, new PutGroup(Year, "pilot", "Pilot", ["GM9001", "GM9002", "GM9003", "GM9011", "GM9012", "GM9013"]));

        Assert.Equal(
            [$"{AuditAreas.Flags} analist flag-dismissed {Year}/{StoredFlag.IdOf(Flag())}", $"{AuditAreas.Notes} analist note-hidden {Year}/GM9001/digid.niveau", $"{AuditAreas.Groups} analist group-set {Year}/pilot"],
            memory.Audit);
    }
}
