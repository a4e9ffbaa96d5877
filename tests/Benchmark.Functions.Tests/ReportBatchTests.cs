using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>Reports for a whole cycle through the queue, idempotency, the poison queue, the queue trigger and the downloads.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ReportBatchTests(AzuriteFixture fixture)
{
    private const int Cycle = 2026;

    /// <summary>The demo data loaded and cycle 2026 benchmarked (its approved submissions).</summary>
    private async Task<ApiServer> DemoServerAsync(bool worker, int permitsPerMinute = 100000)
    {
        var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerMinute"] = permitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reports:Worker"] = worker ? "true" : "false",
            ["Reports:MapQueueTrigger"] = "true",
        });
        var catalog = server.Service<QuestionnaireCatalog>();
        await new DemoLoader(server.Service<RegisterStore>(), server.Service<CycleStore>(), server.Service<SubmissionStore>(), server.Service<CurationService>(), TimeProvider.System)
            .LoadAsync(DemoGenerator.Generate(catalog, 1, [2024, 2025, 2026]), new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var computed = await Api.Cli(["compute", "--cycle", "2026", .. Storage(server)]);
        Assert.True(computed.ExitCode == 0, computed.Error);
        return server;
    }

    private string[] Storage(ApiServer server) => ["--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix];

    [Fact]
    public async Task AllReportsOfACycleGenerateThroughTheQueueWithTheCliProgressBarAndARepeatChangesNothing()
    {
        await using var server = await DemoServerAsync(worker: false);
        var municipalities = await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle);
        Assert.True(municipalities.Count >= 20, $"only {municipalities.Count} benchmarked municipalities");

        var run = await Api.Cli(["reports", "generate", "--cycle", "2026", .. Storage(server)]);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"{municipalities.Count + 1} reports", run.Output, StringComparison.Ordinal);
        Assert.Contains($"[{new string('#', 30)}] {municipalities.Count + 1}/{municipalities.Count + 1} 100 %", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Done: {municipalities.Count + 1} (0 already up to date), failed: 0", run.Output, StringComparison.Ordinal);
        var storage = server.Service<ReportStorage>();
        var blobs = await storage.ListAsync(Cycle, CancellationToken.None);
        var expected = municipalities.Append(ReportMessage.National).SelectMany(s => new[] { $"2026/{s}/nl.pdf", $"2026/{s}/nl.html" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, blobs.Order(StringComparer.Ordinal));
        var before = await EtagsAsync(storage, blobs);

        // The same batch again: every message finds its files up to date; nothing is rendered or written.
        var again = await Api.Cli(["reports", "generate", "--cycle", "2026", .. Storage(server)]);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains($"Done: {municipalities.Count + 1} ({municipalities.Count + 1} already up to date), failed: 0", again.Output, StringComparison.Ordinal);
        Assert.Equal(blobs.Order(StringComparer.Ordinal), (await storage.ListAsync(Cycle, CancellationToken.None)).Order(StringComparer.Ordinal));
        Assert.Equal(before, await EtagsAsync(storage, blobs));

        // A duplicated message (queues deliver at least once) is handled without a second rendering.
        var service = server.Service<ReportService>();
        Assert.Null((await service.StartAsync(Cycle, ["nl"], "test")).Refusal);
        var message = (await TakeQueuedAsync(storage)).First(m => m.Message.Subject == municipalities[0]).Message;
        Assert.Equal(ReportResult.UpToDate, (await service.ProcessAsync(message, 1)).Result);
        Assert.Equal(ReportResult.UpToDate, (await service.ProcessAsync(message, 1)).Result);
        Assert.Equal(before, await EtagsAsync(storage, blobs));
    }

    [Fact]
    public async Task AMessageThatKeepsFailingGoesToThePoisonQueueAndIsListedWithItsError()
    {
        await using var server = await DemoServerAsync(worker: false);
        var storage = server.Service<ReportStorage>();
        var service = server.Service<ReportService>();

        // Of a real batch only one message goes back on the queue, and its municipality's result is gone, so rendering it keeps failing.
        var batch = (await service.StartAsync(Cycle, ["nl"], "test")).Value!;
        var code = (await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle))[0];
        var genuine = (await TakeQueuedAsync(storage)).First(m => m.Message.Subject == code);
        await DeleteResultAsync(server, batch.RunId, code);
        await storage.Queue.SendMessageAsync(genuine.Text);
        await storage.Queue.SendMessageAsync("{ not a report message");

        // Batch and subject become table keys and blob names: a path or another partition is refused outright.
        await storage.SendAsync(new ReportMessage("batches_2026", Cycle, "../../etc", ["nl"]), CancellationToken.None);

        var worker = new ReportQueueWorker(storage, service, maxDequeueCount: 3, retryDelay: TimeSpan.FromMilliseconds(200));
        var deadline = DateTime.UtcNow + TestTimeouts.ReportBatch;
        while ((await storage.PeekPoisonAsync(CancellationToken.None)).Count < 3 && DateTime.UtcNow < deadline)
        {
            await worker.RunOnceAsync(16, CancellationToken.None);
            await Task.Delay(250);
        }

        Assert.Equal(3, (await storage.PeekPoisonAsync(CancellationToken.None)).Count);
        Assert.Null((await storage.Queue.PeekMessageAsync()).Value);

        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var failed = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Cycle}/reports/failed"))!;
        var broken = failed.Single(f => f!["subject"]!.GetValue<string>() == code)!;
        Assert.Equal(3, broken["attempts"]!.GetValue<int>());
        Assert.Contains($"{code} has no benchmark result in cycle 2026", broken["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, failed.Count(f => f!["subject"]!.GetValue<string>() == "(unreadable message)"));
        Assert.Equal(1, (await service.StatusAsync(Cycle, batch.Id))!.Poisoned);
        Assert.Empty(await storage.ListAsync(Cycle, CancellationToken.None));
    }

    [Fact]
    public async Task ABatchWhoseMessagesCannotBeQueuedListsThemAsFailedAndBlocksNoNewBatch()
    {
        await using var server = await DemoServerAsync(worker: false);
        var storage = server.Service<ReportStorage>();
        var service = server.Service<ReportService>();
        // DeleteIfExists: on a loaded machine the first delete can outlast the SDK's network time-out and its retry then finds the queue gone.
        await storage.Queue.DeleteIfExistsAsync();
        Assert.False((await storage.Queue.ExistsAsync()).Value);

        var outcome = await service.StartAsync(Cycle, ["nl"], "test");

        Assert.Equal(RefusalKind.Conflict, outcome.Refusal?.Kind);
        Assert.Contains("could not be queued", outcome.Refusal!.Detail, StringComparison.Ordinal);
        var batch = (await service.BatchesAsync(Cycle)).Single();
        var status = (await service.StatusAsync(Cycle, batch.Id))!;
        Assert.True(status.Finished);
        Assert.Equal(batch.Total, status.Poisoned);
        Assert.All(status.Failures, f => Assert.StartsWith("could not be queued", f.Error, StringComparison.Ordinal));

        await storage.CreateIfNotExistsAsync(CancellationToken.None);
        Assert.Null((await service.StartAsync(Cycle, ["nl"], "test")).Refusal);
    }

    [Fact]
    public async Task TheQueueTriggerAnswersTheFunctionsHostsInvocationAndFailsSoTheHostRetries()
    {
        // Three requests a minute for everyone else: the host's invocations must never meet the rate limit.
        await using var server = await DemoServerAsync(worker: false, permitsPerMinute: 3);
        var municipalities = await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle);
        var code = municipalities[0];
        using var host = server.Client();
        var batch = (await server.Service<ReportService>().StartAsync(Cycle, ["nl", "en"], "test")).Value!;
        var queued = await TakeQueuedAsync(server.Service<ReportStorage>());

        // What the Functions host sends for a queue message: the message under the binding's name, the metadata beside it.
        var message = queued.First(m => m.Message.Subject == code).Text;
        var invocation = new JsonObject { ["Data"] = new JsonObject { ["message"] = message }, ["Metadata"] = new JsonObject { ["DequeueCount"] = "1", ["Id"] = "x" } };
        using var ok = await host.PostAsync(new Uri("/GenerateReport", UriKind.Relative), new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Rendered", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var names = await server.Service<ReportStorage>().ListAsync(Cycle, CancellationToken.None);
        Assert.Equal([$"2026/{code}/en.html", $"2026/{code}/en.pdf", $"2026/{code}/nl.html", $"2026/{code}/nl.pdf"], names.Order(StringComparer.Ordinal));
        for (var i = 0; i < 5; i++)
        {
            using var repeated = await host.PostAsync(new Uri("/GenerateReport", UriKind.Relative), new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
            Assert.Contains("already rendered", await repeated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A genuine message whose rendering fails: a 500, which the host retries.
        var other = municipalities[1];
        await DeleteResultAsync(server, batch.RunId, other);
        var failing = new JsonObject { ["Data"] = new JsonObject { ["message"] = queued.First(m => m.Message.Subject == other).Text }, ["Metadata"] = new JsonObject { ["DequeueCount"] = "2" } };
        using var failed = await host.PostAsync(new Uri("/GenerateReport", UriKind.Relative), new StringContent(failing.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains($"{other} has no benchmark result", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMunicipalityAndItsCouncilDownloadOnlyTheirOwnReportAndAnalystsEveryReport()
    {
        await using var server = await DemoServerAsync(worker: true);
        var municipalities = await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle);
        var (own, other) = (municipalities[0], municipalities[1]);
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        using var ownKey = server.Client(await server.CreateKeyAsync(Role.Municipality, own));
        using var council = server.Client(await server.CreateKeyAsync(Role.Council, own));

        using (var early = await council.GetAsync(new Uri(Api.SubmissionPath(own) + "/report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
            Assert.Contains("POST /api/v1/cycles/2026/reports", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var badLanguage = await analyst.PostAsync(new Uri($"/api/v1/cycles/{Cycle}/reports", UriKind.Relative), Api.Json(new JsonObject { ["languages"] = new JsonArray("nl", "fr") })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
            Assert.Equal(["/languages/1"], Api.ErrorPointers(await Api.BodyAsync(badLanguage)));
        }

        using (var started = await analyst.PostAsync(new Uri($"/api/v1/cycles/{Cycle}/reports", UriKind.Relative), Api.Json(new JsonObject { ["languages"] = new JsonArray("nl", "en") })))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        // A second batch of the same run while the first runs would render everything twice.
        using (var twice = await analyst.PostAsync(new Uri($"/api/v1/cycles/{Cycle}/reports", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Contains("still running", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The app's own worker takes the messages; follow the batch through the API.
        JsonObject? status = null;
        for (var i = 0; i < 1500 && status?["finished"]?.GetValue<bool>() != true; i++)
        {
            await Task.Delay(200);
            status = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Cycle}/reports/batches"))![0]!.AsObject();
        }

        Assert.True(status?["finished"]?.GetValue<bool>(), status?.ToJsonString());
        Assert.Equal(0, status!["poisoned"]!.GetValue<int>());

        foreach (var client in new[] { ownKey, council, analyst })
        {
            using var pdf = await client.GetAsync(new Uri(Api.SubmissionPath(own) + "/report", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
            using var html = await client.GetAsync(new Uri(Api.SubmissionPath(own) + "/report?format=html&lang=en", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Contains("lang=\"en\"", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Issue 20: the report is someone's data and HTML of its own: no cache keeps it, and it may run nothing.
            foreach (var download in new[] { pdf, html })
            {
                Assert.True(download.Headers.CacheControl?.NoStore, "a report download may be cached");
                Assert.StartsWith("default-src 'none'", Assert.Single(download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            }
        }

        foreach (var client in new[] { ownKey, council })
        {
            using var refused = await client.GetAsync(new Uri(Api.SubmissionPath(other) + "/report", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var national = await client.GetAsync(new Uri($"/api/v1/cycles/{Cycle}/reports/national", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
        }

        using (var otherReport = await analyst.GetAsync(new Uri(Api.SubmissionPath(other) + "/report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, otherReport.StatusCode);
        }

        using (var nationalReport = await analyst.GetAsync(new Uri($"/api/v1/cycles/{Cycle}/reports/national?format=html", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, nationalReport.StatusCode);
            Assert.Equal("text/html", nationalReport.Content.Headers.ContentType?.MediaType);
        }

        using (var badFormat = await analyst.GetAsync(new Uri(Api.SubmissionPath(own) + "/report?format=docx", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
            Assert.Equal(["/format"], Api.ErrorPointers(await Api.BodyAsync(badFormat)));
        }

        // After a new computation the stored report may be wrong (scores, consent): it is not handed out any more.
        var recomputed = await Api.Cli(["compute", "--cycle", "2026", .. Storage(server)]);
        Assert.True(recomputed.ExitCode == 0, recomputed.Error);
        using var stale = await council.GetAsync(new Uri(Api.SubmissionPath(own) + "/report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("earlier benchmark", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FortyForgedQueueTriggerInvocationsWithMadeUpBatchesAreRefusedAndRenderAndWriteNothing()
    {
        await using var server = await DemoServerAsync(worker: false);
        var municipalities = await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle);
        var storage = server.Service<ReportStorage>();
        using var host = server.Client();
        using var council = server.Client(await server.CreateKeyAsync(Role.Council, municipalities[0]));
        var rowsBefore = await JobRowsAsync(storage);
        var forgedToken = ReportBatchToken.New();

        for (var i = 0; i < 40; i++)
        {
            var forged = new ReportMessage($"b{i:D19}forged", Cycle, municipalities[i % municipalities.Count], ["nl"], i % 2 == 0 ? forgedToken : null);
            using var answer = await InvokeAsync(host, forged.ToJson());
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(rowsBefore, await JobRowsAsync(storage));
        Assert.Empty(await storage.ListAsync(Cycle, CancellationToken.None));
        using var download = await council.GetAsync(new Uri(Api.SubmissionPath(municipalities[0]) + "/report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);

        // One warning per refusal, naming the reason and never the token.
        var refusals = server.Logs.Lines.Where(l => l.Contains("Report message refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, refusals.Count);
        Assert.All(refusals, l => Assert.StartsWith("Warning", l, StringComparison.Ordinal));
        Assert.All(refusals, l => Assert.Contains("(UnknownBatch)", l, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(forgedToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AForgedInvocationNamingARealBatchAndSubjectWithoutOrWithAWrongTokenRendersAndWritesNothing()
    {
        await using var server = await DemoServerAsync(worker: false);
        var municipalities = await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle);
        var (rendered, neverRendered) = (municipalities[0], municipalities[1]);
        var storage = server.Service<ReportStorage>();
        var service = server.Service<ReportService>();
        using var host = server.Client();
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));

        // A report rendered by a genuine batch, then out of date after a new computation: its download answers 409.
        Assert.Null((await service.StartAsync(Cycle, ["nl"], "test")).Refusal);
        var earlier = (await TakeQueuedAsync(storage)).First(m => m.Message.Subject == rendered).Message;
        Assert.Equal(ReportResult.Rendered, (await service.ProcessAsync(earlier, 1)).Result);
        var recomputed = await Api.Cli(["compute", "--cycle", "2026", .. Storage(server)]);
        Assert.True(recomputed.ExitCode == 0, recomputed.Error);
        Assert.Equal(HttpStatusCode.Conflict, await DownloadStatusAsync(analyst, rendered));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadStatusAsync(analyst, neverRendered));

        // The batch of the new run is queued; someone who can reach only the HTTP front end knows its id and subjects, not its token.
        var batch = (await service.StartAsync(Cycle, ["nl"], "test")).Value!;
        var genuine = (await TakeQueuedAsync(storage)).First(m => m.Message.Subject == rendered).Message;
        var rowsBefore = await JobRowsAsync(storage);
        var blobsBefore = await EtagsAsync(storage, await storage.ListAsync(Cycle, CancellationToken.None));
        var forgeries = new (ReportMessage Message, string Reason)[]
        {
            (new ReportMessage(batch.Id, Cycle, rendered, ["nl"]), "MissingToken"),
            (new ReportMessage(batch.Id, Cycle, neverRendered, ["nl"], ReportBatchToken.New()), "WrongToken"),
            (new ReportMessage(batch.Id, Cycle, neverRendered, ["nl"], earlier.Token), "WrongToken"), // a real token, of another batch
            (genuine with { Subject = "GM0001" }, "UnknownSubject"), // the right token, a subject the batch does not have
        };

        foreach (var (forged, reason) in forgeries)
        {
            using var answer = await InvokeAsync(host, forged.ToJson());
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Contains("nothing was rendered", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains(server.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"refused ({reason}): batch {batch.Id}", StringComparison.Ordinal));
        }

        Assert.Equal(rowsBefore, await JobRowsAsync(storage));
        Assert.Equal(blobsBefore, await EtagsAsync(storage, await storage.ListAsync(Cycle, CancellationToken.None)));
        Assert.Equal(HttpStatusCode.Conflict, await DownloadStatusAsync(analyst, rendered));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadStatusAsync(analyst, neverRendered));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(genuine.Token!, StringComparison.Ordinal) || l.Contains(earlier.Token!, StringComparison.Ordinal));
        Assert.Equal(batch.Total, (await service.StatusAsync(Cycle, batch.Id))!.Queued);

        // The batch's own message still renders.
        using var ok = await InvokeAsync(host, genuine.ToJson());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await DownloadStatusAsync(analyst, rendered));
    }

    [Fact]
    public async Task AGenuineMessageOfABatchWhoseRunWasSupersededRendersNothingForTheNewRun()
    {
        await using var server = await DemoServerAsync(worker: false);
        var code = (await server.Service<BenchmarkStore>().MunicipalitiesAsync(Cycle))[0];
        var storage = server.Service<ReportStorage>();
        var service = server.Service<ReportService>();
        using var host = server.Client();
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var batch = (await service.StartAsync(Cycle, ["nl"], "test")).Value!;
        var queued = await TakeQueuedAsync(storage);

        // A later computation: the batch's messages are genuine but of the old run.
        var recomputed = await Api.Cli(["compute", "--cycle", "2026", .. Storage(server)]);
        Assert.True(recomputed.ExitCode == 0, recomputed.Error);
        Assert.NotEqual(batch.RunId, (await server.Service<BenchmarkStore>().SummaryAsync(Cycle))!.RunId);

        using var answer = await InvokeAsync(host, queued.First(m => m.Message.Subject == code).Text);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("computed again", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReportResult.Superseded, (await service.ProcessAsync(queued.First(m => m.Message.Subject == ReportMessage.National).Message, 1)).Result);

        Assert.Empty(await storage.ListAsync(Cycle, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadStatusAsync(analyst, code));
        var status = (await service.StatusAsync(Cycle, batch.Id))!;
        Assert.Equal((2, 2), (status.Done, status.Skipped));
    }

    [Fact]
    public async Task TheLocalWorkerMovesForgedMessagesToThePoisonQueueAndWritesNoRow()
    {
        await using var server = await DemoServerAsync(worker: false);
        var storage = server.Service<ReportStorage>();
        var service = server.Service<ReportService>();
        var batch = (await service.StartAsync(Cycle, ["nl"], "test")).Value!;
        var genuine = (await TakeQueuedAsync(storage)).Select(m => m.Message).ToList();
        var rowsBefore = await JobRowsAsync(storage);
        var forgeries = new[]
        {
            new ReportMessage("made-up", Cycle, genuine[0].Subject, ["nl"], ReportBatchToken.New()),
            genuine[0] with { Token = null }, // as queued before batches had tokens
            genuine[1] with { Token = ReportBatchToken.New() },
        };

        // Handled: refused, and poisoned at once, since trying again cannot change that.
        await SendAllAsync(storage, forgeries);
        await RunUntilPoisonedAsync(storage, new ReportQueueWorker(storage, service, retryDelay: TimeSpan.FromMilliseconds(200)), 3);

        // Taken more often than the worker allows (a worker died holding them): given up without trying, still recording nothing.
        await SendAllAsync(storage, forgeries);
        Assert.Equal(3, (await storage.Queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value.Length);
        await RunUntilPoisonedAsync(storage, new ReportQueueWorker(storage, service, maxDequeueCount: 1), 6);

        Assert.Null((await storage.Queue.PeekMessageAsync()).Value);
        Assert.Equal(rowsBefore, await JobRowsAsync(storage));
        Assert.Empty(await storage.ListAsync(Cycle, CancellationToken.None));
        Assert.Equal(batch.Total, (await service.StatusAsync(Cycle, batch.Id))!.Queued);

        // The list of failed reports says why each is there.
        var failed = await service.PoisonedAsync(Cycle);
        Assert.Equal(
            new[] { MessageRefusal.UnknownBatch, MessageRefusal.MissingToken, MessageRefusal.WrongToken }.Select(ReportService.Describe).Order(StringComparer.Ordinal),
            failed.Select(f => f.Error).Order(StringComparer.Ordinal));
    }

    /// <summary>Runs the worker until the poison queue holds <paramref name="count"/> messages (it takes a few at a time), bounded in time.</summary>
    private static async Task RunUntilPoisonedAsync(ReportStorage storage, ReportQueueWorker worker, int count)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.ReportBatch;
        while ((await storage.PeekPoisonAsync(CancellationToken.None)).Count < count && DateTime.UtcNow < deadline)
        {
            if (await worker.RunOnceAsync(16, CancellationToken.None) == 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal(count, (await storage.PeekPoisonAsync(CancellationToken.None)).Count);
    }

    private static async Task SendAllAsync(ReportStorage storage, IEnumerable<ReportMessage> messages)
    {
        foreach (var message in messages)
        {
            await storage.SendAsync(message, CancellationToken.None);
        }
    }

    private static Task<HttpResponseMessage> InvokeAsync(HttpClient host, string message) =>
        host.PostAsync(
            new Uri("/GenerateReport", UriKind.Relative),
            new StringContent(new JsonObject { ["Data"] = new JsonObject { ["message"] = message }, ["Metadata"] = new JsonObject { ["DequeueCount"] = "1" } }.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<HttpStatusCode> DownloadStatusAsync(HttpClient client, string municipality)
    {
        using var response = await client.GetAsync(new Uri(Api.SubmissionPath(municipality) + "/report", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Every message on the queue, taken off it: what the app queued, as the host would receive it.</summary>
    /// <remarks>
    /// A queue delivers at least once: on a loaded machine the storage SDK sends a message again after a lost answer, so a
    /// subject may be queued twice. The tests take the first message of a subject, never assume there is one only.
    /// </remarks>
    private static async Task<List<(ReportMessage Message, string Text)>> TakeQueuedAsync(ReportStorage storage)
    {
        var taken = new List<(ReportMessage, string)>();
        while ((await storage.Queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                taken.Add((ReportMessage.Parse(message.MessageText), message.MessageText));
                await storage.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return taken;
    }

    /// <summary>Every row of the jobs table with its ETag, so any write shows.</summary>
    private static async Task<List<string>> JobRowsAsync(ReportStorage storage)
    {
        var rows = new List<string>();
        await foreach (var row in storage.Jobs.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey} {row.ETag}");
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A municipality's stored result of a run, gone: rendering its report fails.</summary>
    private static async Task DeleteResultAsync(ApiServer server, string runId, string municipality) =>
        await server.Service<BenchmarkTables>().Benchmarks.DeleteEntityAsync(Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{runId}_pos_{municipality}");

    private static async Task<List<string>> EtagsAsync(ReportStorage storage, IEnumerable<string> names)
    {
        var tags = new List<string>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            tags.Add($"{name} {(await storage.Files.GetBlobClient(name).GetPropertiesAsync()).Value.ETag}");
        }

        return tags;
    }
}
