using System.Text;
using Benchmark.Core.Application;
using Benchmark.Core.Model;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>The report rules without storage or drawing: one place for the API, the pages, the queue function and the CLI (issue 16).</summary>
public sealed class ReportServiceTests
{
    private const int Cycle = InMemoryReportInputs.Cycle;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Reports
    {
        public Reports()
        {
            Files = new InMemoryReportFiles(Clock);
            Audit = new InMemoryAuditLog(Clock);
            Service = new ReportService(Batches, Messages, Files, Inputs, Renderer, Audit, TestData.Real, Clock);
        }

        public Clock Clock { get; } = new(Now);

        public InMemoryReportBatches Batches { get; } = new();

        public InMemoryReportMessages Messages { get; } = new();

        public InMemoryReportFiles Files { get; }

        public InMemoryReportInputs Inputs { get; } = new();

        public RecordingReportRenderer Renderer { get; } = new();

        public InMemoryAuditLog Audit { get; }

        public ReportService Service { get; }

        /// <summary>The cycle computed and a batch of it started; its messages taken off the queue.</summary>
        public async Task<(ReportBatch Batch, List<ReportMessage> Messages)> StartedAsync(params string[] languages)
        {
            if (Inputs.Run is null)
            {
                Inputs.Compute(Clock.Now);
            }

            var started = await Service.StartAsync(Cycle, languages.Length == 0 ? ["nl"] : languages, "analist");
            Assert.True(started.Succeeded, started.Refusal?.Detail);
            return (started.Value, Messages.TakeAll());
        }
    }

    private static string Municipality => InMemoryReportInputs.Municipalities[0];

    private static string Other => InMemoryReportInputs.Municipalities[1];

    private static Actor Analyst => new("analist", Role.Analyst, null);

    private static Actor MunicipalityOf(string code) => new("gemeente", Role.Municipality, code);

    private static Actor CouncilOf(string code) => new("raad", Role.Council, code);

    [Fact]
    public async Task ABatchIsOnlyStartedOverAComputedRun()
    {
        var reports = new Reports();

        var refused = await reports.Service.StartAsync(Cycle, ["nl"], "analist");

        Assert.True(refused.Failed);
        Assert.Equal((RefusalKind.Conflict, ReportRefusals.NotComputed), (refused.Refusal.Kind, refused.Refusal.Code));
        Assert.Empty(reports.Messages.Sent);
        Assert.Equal(0, reports.Batches.Writes);
        Assert.Empty(reports.Audit.Lines);
    }

    [Fact]
    public async Task ABatchQueuesEveryCouncilReportOfTheRunAndTheNationalReportEachMessageCarryingTheBatchsToken()
    {
        var reports = new Reports();
        var run = reports.Inputs.Compute(Now);

        var (batch, messages) = await reports.StartedAsync("nl", "en", "nl");

        Assert.Equal((Cycle, run.RunId, InMemoryReportInputs.Municipalities.Count + 1), (batch.Cycle, batch.RunId, batch.Total));
        Assert.Equal(["nl", "en"], batch.Languages);
        Assert.Equal(InMemoryReportInputs.Municipalities.Append(ReportMessage.National).Order(StringComparer.Ordinal), messages.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var token = Assert.Single(messages.Select(m => m.Token).Distinct());
        Assert.True(ReportBatchToken.Matches(token, (await reports.Batches.GetAsync(Cycle, batch.Id, CancellationToken.None))?.TokenHash));
        Assert.Equal(["reports analist reports-started 2026/" + batch.Id], reports.Audit.Lines);
        var status = await reports.Service.StatusAsync(Cycle, batch.Id);
        Assert.Equal((batch.Total, 0, false), (status?.Queued, status?.Done, status?.Finished));
    }

    [Fact]
    public async Task LanguagesOtherThanDutchAndEnglishAreRefusedWithWhereTheyAre()
    {
        var reports = new Reports();
        reports.Inputs.Compute(Now);

        var refused = await reports.Service.StartAsync(Cycle, ["nl", "fr"], "analist");
        var none = await reports.Service.StartAsync(Cycle, [], "analist");

        Assert.Equal((RefusalKind.Invalid, ReportRefusals.InvalidLanguages), (refused.Refusal?.Kind, refused.Refusal?.Code));
        Assert.Equal(["/languages/1"], refused.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.Equal(["/languages"], none.Refusal?.Errors?.Select(e => e.Pointer));
        Assert.Empty(reports.Messages.Sent);
    }

    [Fact]
    public async Task ASecondBatchOfTheSameRunIsRefusedWhileTheFirstRunsButNotOnceTheFirstIsLongPast()
    {
        var reports = new Reports();
        await reports.StartedAsync();

        var twice = await reports.Service.StartAsync(Cycle, ["nl"], "analist");
        reports.Clock.Now += ReportService.UnfinishedBatchWindow;
        var later = await reports.Service.StartAsync(Cycle, ["nl"], "analist");

        Assert.Equal((RefusalKind.Conflict, ReportRefusals.BatchRunning), (twice.Refusal?.Kind, twice.Refusal?.Code));
        Assert.True(later.Succeeded, later.Refusal?.Detail);
    }

    [Fact]
    public async Task ABatchOfANewRunStartsWhileABatchOfTheEarlierRunIsStillRunning()
    {
        var reports = new Reports();
        await reports.StartedAsync();
        reports.Inputs.Compute(Now);

        var started = await reports.Service.StartAsync(Cycle, ["nl"], "analist");

        Assert.True(started.Succeeded, started.Refusal?.Detail);
    }

    [Fact]
    public async Task ReportsThatCannotBeQueuedAreListedAsFailedSoTheBatchFinishesAndBlocksNoNewOne()
    {
        var reports = new Reports();
        reports.Inputs.Compute(Now);
        reports.Messages.Accepting = 3;

        var refused = await reports.Service.StartAsync(Cycle, ["nl"], "analist");

        Assert.Equal((RefusalKind.Conflict, ReportRefusals.NotQueued), (refused.Refusal?.Kind, refused.Refusal?.Code));
        var batch = Assert.Single(await reports.Service.BatchesAsync(Cycle));
        var status = await reports.Service.StatusAsync(Cycle, batch.Id);
        Assert.Equal((3, batch.Total - 3), (status?.Queued, status?.Poisoned));
        Assert.All(status?.Failures ?? [], f => Assert.Equal("could not be queued: Storage was unavailable.", f.Error));
        Assert.Empty(reports.Audit.Lines);

        foreach (var queued in reports.Messages.TakeAll())
        {
            await reports.Service.ProcessAsync(queued, 1);
        }

        Assert.True((await reports.Service.StatusAsync(Cycle, batch.Id))?.Finished);

        reports.Messages.Accepting = null;
        Assert.True((await reports.Service.StartAsync(Cycle, ["nl"], "analist")).Succeeded);
    }

    [Fact]
    public async Task AMessageRendersItsReportInEveryLanguageOnceAndARepeatedDeliveryFindsItUpToDate()
    {
        var reports = new Reports();
        var (batch, messages) = await reports.StartedAsync("nl", "en");
        var message = messages.Single(m => m.Subject == Municipality);

        var first = await reports.Service.ProcessAsync(message, 1);
        var again = await reports.Service.ProcessAsync(message, 2);

        Assert.Equal((ReportResult.Rendered, ReportResult.UpToDate), (first.Result, again.Result));
        Assert.Equal([$"{Municipality} nl", $"{Municipality} en"], reports.Renderer.Rendered);
        Assert.Equal(
            [InMemoryReportFiles.Name(Cycle, Municipality, "nl", "html"), InMemoryReportFiles.Name(Cycle, Municipality, "nl", "pdf"), InMemoryReportFiles.Name(Cycle, Municipality, "en", "html"), InMemoryReportFiles.Name(Cycle, Municipality, "en", "pdf")],
            reports.Files.Uploads);
        Assert.Equal(new ReportJob(Municipality, JobStatus.Done, 2, true, null, Now), reports.Batches.Job(batch.Id, Municipality));
    }

    [Fact]
    public async Task TheCouncilReportIsBuiltFromTheRunsFiguresForTheMessagesMunicipality()
    {
        var reports = new Reports();
        var (_, messages) = await reports.StartedAsync("en");

        await reports.Service.ProcessAsync(messages.Single(m => m.Subject == Municipality), 1);
        await reports.Service.ProcessAsync(messages.Single(m => m.Subject == ReportMessage.National), 1);

        var council = Assert.Single(reports.Renderer.Councils);
        Assert.Equal((Municipality, Language.English, Cycle, DateOnly.FromDateTime(Now.UtcDateTime)), (council.Municipality.Code, council.Language, council.Cycle, council.DataDate));
        Assert.Contains($"{ReportMessage.National} en", reports.Renderer.Rendered);
        var file = await reports.Files.DownloadAsync(Cycle, Municipality, "en", "html", CancellationToken.None);
        Assert.Equal($"<html lang=\"en\">{Municipality}</html>", Encoding.UTF8.GetString(file?.Content ?? []));
    }

    [Fact]
    public async Task ACouncilReportForAMunicipalityNotInTheRunIsRefusedWithItsCodeAndNothingIsRenderedOrWritten()
    {
        var reports = new Reports();
        var (_, messages) = await reports.StartedAsync();
        var writes = reports.Batches.Writes;
        var outsider = messages[0] with { Subject = "GM0001" };
        Assert.DoesNotContain("GM0001", InMemoryReportInputs.Municipalities);

        var processed = await reports.Service.ProcessAsync(outsider, 1);

        Assert.Equal((ReportResult.Refused, MessageRefusal.UnknownSubject, ReportRefusals.UnknownSubject), (processed.Result, processed.Refusal, processed.Code));
        Assert.Empty(reports.Renderer.Rendered);
        Assert.Empty(reports.Files.Names);
        Assert.Equal(writes, reports.Batches.Writes);
    }

    [Fact]
    public async Task AMessageWithoutItsBatchsTokenOrOfNoBatchIsRefusedAndWritesNothing()
    {
        var reports = new Reports();
        var (batch, messages) = await reports.StartedAsync();
        var genuine = messages.Single(m => m.Subject == Municipality);
        var writes = reports.Batches.Writes;
        var forgeries = new (ReportMessage Message, MessageRefusal Refusal, string Code)[]
        {
            (genuine with { Token = null }, MessageRefusal.MissingToken, ReportRefusals.MissingToken),
            (genuine with { Token = ReportBatchToken.New() }, MessageRefusal.WrongToken, ReportRefusals.WrongToken),
            (genuine with { Batch = "made-up" }, MessageRefusal.UnknownBatch, ReportRefusals.UnknownBatch),
            (genuine with { Cycle = Cycle - 1 }, MessageRefusal.UnknownBatch, ReportRefusals.UnknownBatch),
        };

        foreach (var (message, refusal, code) in forgeries)
        {
            var processed = await reports.Service.ProcessAsync(message, 1);
            Assert.Equal((ReportResult.Refused, refusal, code), (processed.Result, processed.Refusal, processed.Code));
            await reports.Service.RecordPoisonedAsync(message, 5, "given up");
        }

        Assert.Empty(reports.Renderer.Rendered);
        Assert.Equal(writes, reports.Batches.Writes);
        Assert.Equal(batch.Total, (await reports.Service.StatusAsync(Cycle, batch.Id))?.Queued);
    }

    [Fact]
    public async Task AMessageOfARunThatWasComputedAgainIsDroppedAndItsReportCountsAsSkipped()
    {
        var reports = new Reports();
        var (batch, messages) = await reports.StartedAsync();
        reports.Inputs.Compute(Now.AddHours(1));

        var processed = await reports.Service.ProcessAsync(messages.Single(m => m.Subject == Municipality), 1);

        Assert.Equal(ReportResult.Superseded, processed.Result);
        Assert.Empty(reports.Renderer.Rendered);
        Assert.Empty(reports.Files.Names);
        var job = reports.Batches.Job(batch.Id, Municipality);
        Assert.Equal((JobStatus.Done, true), (job?.Status, job?.Skipped));
        Assert.Equal((1, 1), ((await reports.Service.StatusAsync(Cycle, batch.Id))?.Done, (await reports.Service.StatusAsync(Cycle, batch.Id))?.Skipped));
    }

    [Fact]
    public async Task ARenderingThatFailsIsRecordedForAnotherTryAndAFailureAfterASuccessDoesNotUndoIt()
    {
        var reports = new Reports();
        var (batch, messages) = await reports.StartedAsync();
        var message = messages.Single(m => m.Subject == Municipality);
        reports.Renderer.Failure = new InvalidOperationException("out of fonts");

        await Assert.ThrowsAsync<InvalidOperationException>(() => reports.Service.ProcessAsync(message, 1));
        Assert.Equal(new ReportJob(Municipality, JobStatus.Retrying, 1, false, "InvalidOperationException: out of fonts", Now), reports.Batches.Job(batch.Id, Municipality));

        reports.Renderer.Failure = null;
        Assert.Equal(ReportResult.Rendered, (await reports.Service.ProcessAsync(message, 2)).Result);
        reports.Inputs.Lost.Add(Municipality);
        reports.Files.Put(Cycle, Municipality, "nl", "pdf", "an earlier run");
        await Assert.ThrowsAsync<InvalidOperationException>(() => reports.Service.ProcessAsync(message, 3));

        Assert.Equal(JobStatus.Done, reports.Batches.Job(batch.Id, Municipality)?.Status);
    }

    [Fact]
    public async Task AReportTriedAsOftenAsTheHostAllowsIsGivenUpAndListedWithItsLastError()
    {
        var reports = new Reports();
        var (batch, messages) = await reports.StartedAsync();
        var message = messages.Single(m => m.Subject == Municipality);
        reports.Inputs.Lost.Add(Municipality);

        for (var attempt = 1; attempt <= ReportService.MaxAttempts; attempt++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => reports.Service.ProcessAsync(message, attempt));
        }

        var status = await reports.Service.StatusAsync(Cycle, batch.Id);
        Assert.Equal((0, 1), (status?.Retrying, status?.Poisoned));
        var failed = Assert.Single(await reports.Service.PoisonedAsync(Cycle));
        Assert.Equal((batch.Id, Municipality, ReportService.MaxAttempts), (failed.Batch, failed.Subject, failed.Attempts));
        Assert.Equal($"InvalidOperationException: {Municipality} has no benchmark result in cycle {Cycle}.", failed.Error);
    }

    [Fact]
    public async Task ThePoisonQueueListsUnreadableMessagesAndMessagesOfNoBatchWithWhyTheyAreThere()
    {
        var reports = new Reports();
        var (_, messages) = await reports.StartedAsync();
        var genuine = messages.Single(m => m.Subject == Municipality);
        reports.Messages.Poison.Add(new PoisonMessage("{ not a report message", 5));
        reports.Messages.Poison.Add(new PoisonMessage((genuine with { Token = null }).ToJson(), 1));
        reports.Messages.Poison.Add(new PoisonMessage(genuine.ToJson(), 5));

        var failed = await reports.Service.PoisonedAsync(Cycle);

        Assert.Equal(
            [("(unreadable message)", 5), (Municipality, 0)],
            failed.Select(f => (f.Subject, f.Attempts)));
        Assert.Equal(ReportService.Describe(MessageRefusal.MissingToken), failed[1].Error);
    }

    [Fact]
    public async Task AMunicipalityAndItsCouncilDownloadTheirOwnReportAndAnalystsEveryReport()
    {
        var reports = new Reports();
        var (_, messages) = await reports.StartedAsync("nl", "en");
        foreach (var message in messages.Where(m => m.Subject == Municipality || m.Subject == ReportMessage.National))
        {
            await reports.Service.ProcessAsync(message, 1);
        }

        foreach (var actor in new[] { MunicipalityOf(Municipality), CouncilOf(Municipality), Analyst })
        {
            var pdf = await reports.Service.DownloadAsync(actor, Cycle, Municipality, null, null);
            Assert.True(pdf.Succeeded, pdf.Refusal?.Detail);
            Assert.Equal(("application/pdf", "pdf", $"benchmark-{Cycle}-{Municipality}-nl.pdf"), (pdf.Value.ContentType, pdf.Value.Format, pdf.Value.FileName));
            Assert.Equal($"%PDF {Municipality} nl", Encoding.ASCII.GetString(pdf.Value.Content));
        }

        var national = await reports.Service.DownloadAsync(Analyst, Cycle, ReportMessage.National, "html", "en");
        Assert.Equal(($"benchmark-{Cycle}-landelijk-en.html", "html"), (national.Value?.FileName, national.Value?.Format));
        Assert.DoesNotContain(reports.Audit.Lines, l => l.Contains(ReportService.AccessDenied, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherMunicipalitysReportIsRefusedAndTheAttemptIsKeptInThatMunicipalitysAccessTrail()
    {
        var reports = new Reports();
        await reports.StartedAsync();

        var byMunicipality = await reports.Service.DownloadAsync(MunicipalityOf(Municipality), Cycle, Other, "pdf", "nl");
        var byCouncil = await reports.Service.DownloadAsync(CouncilOf(Municipality), Cycle, Other, "docx", "fr");

        Assert.Equal((RefusalKind.Forbidden, ReportRefusals.NotYours), (byMunicipality.Refusal?.Kind, byMunicipality.Refusal?.Code));
        Assert.Equal((RefusalKind.Forbidden, ReportRefusals.NotYours), (byCouncil.Refusal?.Kind, byCouncil.Refusal?.Code));
        Assert.Equal(
            [$"access-{Cycle}-{Other} gemeente accessDenied {Cycle}/{Other}", $"access-{Cycle}-{Other} raad accessDenied {Cycle}/{Other}"],
            reports.Audit.Lines.Where(l => l.StartsWith("access-", StringComparison.Ordinal)));
        Assert.Equal(
            $"download the council report by a council key of {Municipality}",
            (await reports.Audit.ListAsync(AuditAreas.Access(Cycle, Other)))[1].Detail);
    }

    [Fact]
    public async Task TheNationalReportIsForAnalystsOnly()
    {
        var reports = new Reports();
        await reports.StartedAsync();

        foreach (var actor in new[] { MunicipalityOf(Municipality), CouncilOf(Municipality) })
        {
            var refused = await reports.Service.DownloadAsync(actor, Cycle, ReportMessage.National, null, null);
            Assert.Equal((RefusalKind.Forbidden, ReportRefusals.NotYours), (refused.Refusal?.Kind, refused.Refusal?.Code));
        }
    }

    [Fact]
    public async Task AnUnknownFormatOrLanguageIsRefusedWithWhereItIs()
    {
        var reports = new Reports();
        await reports.StartedAsync();

        var refused = await reports.Service.DownloadAsync(Analyst, Cycle, Municipality, "docx", "fr");

        Assert.Equal((RefusalKind.Invalid, ReportRefusals.InvalidQuery), (refused.Refusal?.Kind, refused.Refusal?.Code));
        Assert.Equal(["/format", "/lang"], refused.Refusal?.Errors?.Select(e => e.Pointer));
    }

    [Fact]
    public async Task BeforeTheCycleIsComputedAndBeforeItsReportIsRenderedThereIsNoReport()
    {
        var reports = new Reports();
        var early = await reports.Service.DownloadAsync(Analyst, Cycle, Municipality, null, null);
        await reports.StartedAsync();
        var unrendered = await reports.Service.DownloadAsync(Analyst, Cycle, Municipality, null, "en");

        Assert.Equal((RefusalKind.NotFound, ReportRefusals.NotComputed), (early.Refusal?.Kind, early.Refusal?.Code));
        Assert.Equal((RefusalKind.NotFound, ReportRefusals.Missing), (unrendered.Refusal?.Kind, unrendered.Refusal?.Code));
        Assert.Contains("English report", unrendered.Refusal?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportOfAnEarlierRunIsNeverHandedOut()
    {
        var reports = new Reports();
        var (_, messages) = await reports.StartedAsync();
        await reports.Service.ProcessAsync(messages.Single(m => m.Subject == Municipality), 1);
        reports.Inputs.Compute(Now.AddDays(1));

        var stale = await reports.Service.DownloadAsync(CouncilOf(Municipality), Cycle, Municipality, null, null);

        Assert.Equal((RefusalKind.Conflict, ReportRefusals.OutOfDate), (stale.Refusal?.Kind, stale.Refusal?.Code));
    }

    [Fact]
    public async Task TheRecentBatchesComeNewestFirstWithTheirProgress()
    {
        var reports = new Reports();
        var (first, _) = await reports.StartedAsync();
        reports.Clock.Now += TimeSpan.FromHours(1);
        var (second, _) = await reports.StartedAsync();

        var recent = await reports.Service.RecentAsync(Cycle, 1);

        Assert.Equal([second.Id], recent.Select(s => s.Batch.Id));
        Assert.Equal([second.Id, first.Id], (await reports.Service.RecentAsync(Cycle, 10)).Select(s => s.Batch.Id));
    }

    [Fact]
    public void AMessageNamingAPathOrAnotherPartitionIsNotAReportMessage()
    {
        var token = ReportBatchToken.New();
        var genuine = new ReportMessage("b1", Cycle, "GM0363", ["nl", "en"], token);

        var parsed = ReportMessage.Parse(genuine.ToJson());
        Assert.Equal(("b1", Cycle, "GM0363", token), (parsed.Batch, parsed.Cycle, parsed.Subject, parsed.Token));
        Assert.Equal(["nl", "en"], parsed.Languages);
        Assert.Throws<FormatException>(() => ReportMessage.Parse((genuine with { Subject = "../../etc" }).ToJson()));
        Assert.Throws<FormatException>(() => ReportMessage.Parse((genuine with { Batch = "batches_2026" }).ToJson()));
        Assert.Throws<FormatException>(() => ReportMessage.Parse((genuine with { Languages = ["fr"] }).ToJson()));
        Assert.DoesNotContain(token, genuine.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenMatchesOnlyTheHashOfItself()
    {
        var token = ReportBatchToken.New();

        Assert.True(ReportBatchToken.Matches(token, ReportBatchToken.Hash(token)));
        Assert.False(ReportBatchToken.Matches(ReportBatchToken.New(), ReportBatchToken.Hash(token)));
        Assert.False(ReportBatchToken.Matches(token, null));
        Assert.False(ReportBatchToken.Matches(null, ReportBatchToken.Hash(token)));
    }
}
