using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using Xunit.Abstractions;
using static Benchmark.Reliability.Tests.ReliabilityApi;

namespace Benchmark.Reliability.Tests;

/// <summary>Storage goes away in the middle of a load run and comes back: the service must fail fast, half-write nothing and recover by itself.</summary>
[Collection(ReliabilityRuns.Name)]
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    private const int Clients = 16;

    /// <summary>No answer may take longer than this, with storage up or down (the app's storage calls time out after 3 s, with two retries).</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LoadBeforeStop = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan LoadAfterRestart = TimeSpan.FromSeconds(8);

    private sealed record Call(string Municipality, string Method, long Started, long Ended, int Status, bool RetryAfter, string? ContentType)
    {
        public TimeSpan Latency => Stopwatch.GetElapsedTime(Started, Ended);
    }

    private sealed record Write(string Municipality, int Version, string Mark);

    [Fact]
    public async Task WhenAzuriteStopsDuringALoadRunEveryAnswerIsAFast503NothingIsHalfWrittenAndTheSameServerRecovers()
    {
        await using var azurite = await AzuriteFixture.StartOwnAsync();
        // Storage is cut off on purpose: short storage calls, so the app answers within AnswerWithin.
        var settings = Settings();
        settings["Storage:NetworkTimeout"] = TestTimeouts.Setting(TestTimeouts.StorageCallDuringOutage);
        await using var server = await ApiServer.StartAsync(azurite, settings);
        var codes = (await OpenCycleWithDemoRegisterAsync(server)).Take(Clients).ToList();
        var answers = ValidAnswers(server);
        var question = MarkedQuestion(answers);
        var clients = new List<HttpClient>();
        foreach (var code in codes)
        {
            var client = server.Client(await server.CreateKeyAsync(Role.Municipality, code));
            client.Timeout = AnswerWithin + TimeSpan.FromSeconds(5);
            clients.Add(client);
            using var first = await SaveDraftAsync(client, code, WithMark(For(answers, code), question, $"{code} initial"), etag: null);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var calls = new ConcurrentBag<Call>();
        var acknowledged = new ConcurrentBag<Write>();
        var hangs = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = codes.Select((code, index) => Task.Run(async () =>
        {
            var client = clients[index];
            var body = For(answers, code);
            for (var iteration = 0; iteration < 100_000 && !stop.IsCancellationRequested; iteration++)
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    using var read = await client.GetAsync(SubmissionPath(code));
                    calls.Add(new Call(code, "GET", started, Stopwatch.GetTimestamp(), (int)read.StatusCode, read.Headers.RetryAfter is not null, read.Content.Headers.ContentType?.MediaType));
                    if (read.StatusCode != HttpStatusCode.OK)
                    {
                        // Retry-After is 10 s; a load run does not wait that long, but does not spin either.
                        await Task.Delay(200);
                        continue;
                    }

                    var mark = $"{code} client {index} iteration {iteration}";
                    started = Stopwatch.GetTimestamp();
                    using var saved = await SaveDraftAsync(client, code, WithMark(body, question, mark), read.Headers.ETag!.Tag);
                    calls.Add(new Call(code, "PUT", started, Stopwatch.GetTimestamp(), (int)saved.StatusCode, saved.Headers.RetryAfter is not null, saved.Content.Headers.ContentType?.MediaType));
                    if (saved.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(new Write(code, VersionOf(saved), mark));
                    }
                }
                catch (TaskCanceledException e)
                {
                    hangs.Add($"{code}: {e.Message}");
                }
            }
        })).ToList();

        var run = Stopwatch.GetTimestamp();
        await Task.Delay(LoadBeforeStop);
        var stopping = Stopwatch.GetTimestamp();
        await azurite.StopAsync();
        var stopped = Stopwatch.GetTimestamp();
        await Task.Delay(Outage);
        var restarting = Stopwatch.GetTimestamp();
        await azurite.RestartAsync();
        var restarted = Stopwatch.GetTimestamp();

        // The same server must answer again by itself: wait (bounded) until every client has had a 2xx after the restart.
        var recoveredAt = (long?)null;
        var bound = Stopwatch.GetTimestamp();
        while (Since(bound) < TimeSpan.FromSeconds(30))
        {
            var afterRestart = calls.Where(c => c.Started >= restarted && c.Status is >= 200 and < 300).ToList();
            recoveredAt ??= afterRestart.Count > 0 ? afterRestart.Min(c => c.Ended) : null;
            if (Since(restarted) >= LoadAfterRestart && afterRestart.Select(c => c.Municipality).Distinct().Count() == Clients)
            {
                break;
            }

            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        var total = Since(run);

        // Only calls made wholly while Azurite was down must all be 503s; calls across a stop or a restart may be either.
        var down = calls.Where(c => c.Started >= stopped && c.Ended <= restarting).ToList();
        var wrongWhileDown = down.Where(c => c.Status != 503 || !c.RetryAfter || c.ContentType != "application/problem+json").ToList();
        var unexpected = calls.Where(c => c.Status is not (200 or 412 or 503)).ToList();
        var worst = calls.Max(c => c.Latency);
        var worstDown = down.Count == 0 ? TimeSpan.Zero : down.Max(c => c.Latency);
        var worstAcrossStop = calls.Where(c => c.Started < stopped && c.Ended > stopping).Select(c => c.Latency).DefaultIfEmpty().Max();
        var recovery = recoveredAt is { } at ? Stopwatch.GetElapsedTime(restarted, at) : (TimeSpan?)null;
        var recoveredClients = calls.Where(c => c.Started >= restarted && c.Status is >= 200 and < 300).Select(c => c.Municipality).Distinct().Count();

        output.WriteLine($"load: {Clients} clients for {Milliseconds(total)}: {calls.Count} requests ({calls.Count(c => c.Method == "PUT")} saves), {acknowledged.Count} acknowledged saves");
        output.WriteLine($"Azurite stopped after {Milliseconds(Stopwatch.GetElapsedTime(run, stopping))} (stop took {Milliseconds(Stopwatch.GetElapsedTime(stopping, stopped))}), down {Milliseconds(Stopwatch.GetElapsedTime(stopped, restarting))}, restart took {Milliseconds(Stopwatch.GetElapsedTime(restarting, restarted))}");
        output.WriteLine($"while down: {down.Count} requests, {down.Count(c => c.Status == 503)} were 503 with Retry-After and a problem document; wrong: {wrongWhileDown.Count}");
        output.WriteLine($"statuses overall: {string.Join(", ", calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}; unexpected (not 200/412/503): {unexpected.Count}; hangs (client time-out): {hangs.Count}");
        output.WriteLine($"worst latency: {Milliseconds(worst)} overall, {Milliseconds(worstDown)} while down, {Milliseconds(worstAcrossStop)} for calls across the stop (limit {Milliseconds(AnswerWithin)})");
        output.WriteLine($"first 2xx after the restart: {(recovery is null ? "never" : Milliseconds(recovery.Value))} after Azurite was back, same server; clients with a 2xx since: {recoveredClients} of {Clients}");

        Assert.Empty(hangs);
        Assert.Empty(unexpected);
        Assert.NotEmpty(down);
        Assert.Empty(wrongWhileDown);
        Assert.True(worst <= AnswerWithin, $"worst latency {worst}");
        Assert.NotNull(recovery);
        Assert.Equal(Clients, recoveredClients);

        // After the restart: every acknowledged save is there with what it wrote, and no draft is half-written.
        var store = server.Service<SubmissionStore>();
        var table = server.Service<BenchmarkTables>().Submissions;
        var problems = new ConcurrentBag<string>();
        var byDraft = acknowledged.GroupBy(w => w.Municipality, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        await ForEachAsync(codes.Select((code, index) => (code, index)), async pair =>
        {
            var (code, index) = pair;
            foreach (var write in byDraft.GetValueOrDefault(code) ?? [])
            {
                var stored = await store.VersionAsync(Year, code, write.Version);
                if (stored?.Submission.Answers[question].Explanation != write.Mark)
                {
                    problems.Add($"{code} v{write.Version}: acknowledged '{write.Mark}', stored '{stored?.Submission.Answers[question].Explanation}'");
                }
            }

            foreach (var problem in await HalfWrittenAsync(table, clients[index], code))
            {
                problems.Add(problem);
            }
        });

        output.WriteLine($"acknowledged saves missing after the restart: {problems.Count(p => p.Contains("acknowledged", StringComparison.Ordinal))}; half-written drafts: {problems.Count(p => !p.Contains("acknowledged", StringComparison.Ordinal))} {string.Join("; ", problems.Take(5))}");
        Assert.Empty(problems);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// A draft is whole when its current row and the version row it names hold the same state, every version before it
    /// exists, and no version row lies beyond it — checked in the table itself and through the API.
    /// </summary>
    private static async Task<IEnumerable<string>> HalfWrittenAsync(TableClient table, HttpClient client, string code)
    {
        var problems = new List<string>();
        var current = (await table.GetEntityAsync<TableEntity>(Year.ToString(System.Globalization.CultureInfo.InvariantCulture), SubmissionStore.CurrentKey(code))).Value;
        var version = current.GetInt32("Version")!.Value;
        var prefix = $"v_{code}_";
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == current.PartitionKey && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(prefix + "~") < 0))
        {
            rows.Add(row);
        }

        var numbers = rows.Select(r => r.GetInt32("Version")!.Value).Order().ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, version)))
        {
            problems.Add($"{code}: current row v{version}, version rows {string.Join(",", numbers)}");
        }

        var latest = rows.SingleOrDefault(r => r.RowKey == SubmissionStore.VersionKey(code, version));
        static IEnumerable<string> State(TableEntity e) => e.Keys
            .Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={(e[k] is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(e[k], System.Globalization.CultureInfo.InvariantCulture))}");
        if (latest is null || !State(latest).SequenceEqual(State(current)))
        {
            problems.Add($"{code}: current row v{version} differs from its version row in the table");
        }

        using var viaApi = await client.GetAsync(SubmissionPath(code));
        using var versionViaApi = await client.GetAsync($"{SubmissionPath(code)}/versions/{version}");
        var (a, b) = (await BodyAsync(viaApi), await BodyAsync(versionViaApi));
        if (VersionOf(viaApi) != version || a["submission"]!.ToJsonString() != b["submission"]!.ToJsonString() || a["version"]!.GetValue<int>() != b["version"]!.GetValue<int>())
        {
            problems.Add($"{code}: through the API the current submission (v{VersionOf(viaApi)}) differs from version {version}");
        }

        return problems;
    }
}
