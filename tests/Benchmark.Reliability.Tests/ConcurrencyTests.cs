using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using Xunit.Abstractions;
using static Benchmark.Reliability.Tests.ReliabilityApi;

namespace Benchmark.Reliability.Tests;

/// <summary>Many writers on the same drafts at once: ETags must refuse every stale save and lose no acknowledged one.</summary>
[Collection(ReliabilityRuns.Name)]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Drafts = 50;
    private const int Writers = 1000;

    /// <summary>A writer that keeps losing the race gives up after this many tries; its 412s are counted.</summary>
    private const int AttemptsPerWriter = 2;

    /// <summary>No writer starts another attempt after this; a request already sent is always awaited, so every write is known.</summary>
    private static readonly TimeSpan WritingDeadline = TimeSpan.FromSeconds(90);

    private sealed record Write(string Municipality, int Version, string Mark);

    [Fact]
    public async Task AThousandConcurrentWritersOnFiftyDraftsLoseNoAcknowledgedWriteAndEveryAcknowledgedSubmitSurvivesARestart()
    {
        await using var azurite = await AzuriteFixture.StartOwnAsync();
        ApiServer? running = null;
        try
        {
            var server = running = await ApiServer.StartAsync(azurite, Settings());
            var codes = (await OpenCycleWithDemoRegisterAsync(server)).Take(Drafts).ToList();
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var code in codes)
            {
                keys[code] = await server.CreateKeyAsync(Role.Municipality, code);
            }

            var answers = ValidAnswers(server);
            var question = MarkedQuestion(answers);
            var acknowledged = new ConcurrentBag<Write>();
            var clients = codes.ToDictionary(c => c, c => server.Client(keys[c]), StringComparer.Ordinal);
            foreach (var client in clients.Values)
            {
                // A thousand requests queue up at a two-core server; waiting in that queue is not a failure, a hang would be.
                client.Timeout = TimeSpan.FromSeconds(120);
            }

            foreach (var code in codes)
            {
                using var first = await SaveDraftAsync(clients[code], code, WithMark(For(answers, code), question, $"{code} initial"), etag: null);
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
                acknowledged.Add(new Write(code, VersionOf(first), $"{code} initial"));
            }

            // Every writer waits at the gate, so all of them read and save at the same moment.
            var preconditionFailed = 0;
            var gaveUp = 0;
            var cutOff = 0;
            var overloaded = 0;
            var unknownOutcome = new ConcurrentBag<Write>();
            var otherStatuses = new ConcurrentBag<string>();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                var code = codes[writer % Drafts];
                var body = For(answers, code);
                await gate.Task;
                for (var attempt = 1; attempt <= AttemptsPerWriter; attempt++)
                {
                    if (Since(started) > WritingDeadline)
                    {
                        Interlocked.Increment(ref cutOff);
                        return;
                    }

                    using var read = await clients[code].GetAsync(SubmissionPath(code));
                    if (read.StatusCode != HttpStatusCode.OK)
                    {
                        Refused(read, "GET");
                        return;
                    }

                    var mark = $"{code} writer {writer} attempt {attempt}";
                    using var saved = await SaveDraftAsync(clients[code], code, WithMark(body, question, mark), read.Headers.ETag!.Tag);
                    if (saved.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(new Write(code, VersionOf(saved), mark));
                        return;
                    }

                    if (saved.StatusCode != HttpStatusCode.PreconditionFailed)
                    {
                        // A save that timed out inside the app may still have reached storage: its outcome is unknown, not lost.
                        if (Refused(saved, "PUT"))
                        {
                            unknownOutcome.Add(new Write(code, 0, mark));
                        }

                        return;
                    }

                    Interlocked.Increment(ref preconditionFailed);
                }

                Interlocked.Increment(ref gaveUp);
            })).ToList();

            // Storage too slow for the load is answered 503 with Retry-After (counted); anything else is a failure.
            bool Refused(HttpResponseMessage response, string method)
            {
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                {
                    Interlocked.Increment(ref overloaded);
                    return true;
                }

                otherStatuses.Add($"{method} {(int)response.StatusCode}");
                return false;
            }

            started = Stopwatch.GetTimestamp();
            gate.SetResult();
            await Task.WhenAll(writers);
            var writing = Since(started);

            // For every draft: the history runs 1..N without a gap, the stored state is version N, every acknowledged write
            // is the version it was acknowledged as, with the answers it sent, and every version is an acknowledged write
            // (or one answered 503 that nevertheless reached storage, counted apart). Then N is the last acknowledged write.
            var store = server.Service<SubmissionStore>();
            var lost = new ConcurrentBag<string>();
            var writtenDespite503 = new ConcurrentBag<Write>();
            var byDraft = acknowledged.GroupBy(w => w.Municipality, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(w => w.Version).ToList(), StringComparer.Ordinal);
            var unknownMarks = unknownOutcome.Select(w => w.Mark).ToHashSet(StringComparer.Ordinal);
            await ForEachAsync(codes, async code =>
            {
                var writes = byDraft[code];
                var history = (await store.VersionsAsync(Year, code)).Select(v => v.Version).ToList();
                var marks = new Dictionary<int, string?>();
                foreach (var version in history)
                {
                    marks[version] = (await store.VersionAsync(Year, code, version))?.Submission.Answers[question].Explanation;
                }

                using var current = await clients[code].GetAsync(SubmissionPath(code));
                var currentBody = await BodyAsync(current);
                if (history.Count == 0 || !history.SequenceEqual(Enumerable.Range(1, history[^1])))
                {
                    lost.Add($"{code}: history {string.Join(",", history)} has a gap");
                }
                else if (VersionOf(current) != history[^1] || MarkOf(currentBody, question) != marks[history[^1]])
                {
                    lost.Add($"{code}: stored v{VersionOf(current)} '{MarkOf(currentBody, question)}', latest version v{history[^1]} '{marks[history[^1]]}'");
                }

                if (writes.Select(w => w.Version).Distinct().Count() != writes.Count)
                {
                    lost.Add($"{code}: two acknowledged writes share a version ({string.Join(",", writes.Select(w => w.Version))})");
                }

                foreach (var write in writes.Where(w => marks.GetValueOrDefault(w.Version) != w.Mark))
                {
                    lost.Add($"{code} v{write.Version}: acknowledged '{write.Mark}', stored '{marks.GetValueOrDefault(write.Version)}'");
                }

                foreach (var (version, mark) in marks.Where(m => !writes.Any(w => w.Version == m.Key)))
                {
                    if (mark is not null && unknownMarks.Contains(mark))
                    {
                        writtenDespite503.Add(new Write(code, version, mark));
                    }
                    else
                    {
                        lost.Add($"{code} v{version}: '{mark}' was stored but never acknowledged nor answered 503");
                    }
                }

                if (!writtenDespite503.Any(w => w.Municipality == code) && history.Count > 0 && writes[^1].Version != history[^1])
                {
                    lost.Add($"{code}: last acknowledged write v{writes[^1].Version}, stored v{history[^1]}");
                }
            });

            output.WriteLine($"writers: {Writers} on {Drafts} drafts, up to {AttemptsPerWriter} attempts each, in {Milliseconds(writing)}");
            output.WriteLine($"acknowledged writes: {acknowledged.Count - Drafts} (plus {Drafts} first saves); 412 refusals: {preconditionFailed}; writers that gave up after {AttemptsPerWriter} 412s: {gaveUp}; cut off by the {WritingDeadline.TotalSeconds} s deadline: {cutOff}");
            output.WriteLine($"503 with Retry-After (storage slower than the app's time-out): {overloaded}, of which saves {unknownOutcome.Count}, stored nonetheless: {writtenDespite503.Count}");
            output.WriteLine($"other statuses: {otherStatuses.Count} {string.Join(", ", otherStatuses.Distinct())}");
            output.WriteLine($"lost updates: {lost.Count} {string.Join("; ", lost.Take(5))}");
            Assert.Empty(otherStatuses);
            Assert.Empty(lost);
            Assert.Equal(Writers, acknowledged.Count - Drafts + gaveUp + cutOff + overloaded);
            Assert.True(acknowledged.Count - Drafts >= Drafts, $"only {acknowledged.Count - Drafts} writes were acknowledged");

            // Submit every other draft with the ETag of its latest version, then take the service and storage down and bring both back.
            var submitted = new Dictionary<string, Write>(StringComparer.Ordinal);
            foreach (var code in codes.Where((_, i) => i % 2 == 0))
            {
                var last = writtenDespite503.Where(w => w.Municipality == code).Concat(byDraft[code]).MaxBy(w => w.Version)!;
                using var submit = await SubmitAsync(clients[code], code, $"\"v{last.Version}\"");
                Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
                submitted[code] = new Write(code, VersionOf(submit), last.Mark);
            }

            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            var prefix = server.TablePrefix;
            running = null;
            await server.DisposeAsync();
            await azurite.StopAsync();
            await azurite.RestartAsync();
            server = running = await ApiServer.StartAsync(azurite, Settings(), tablePrefix: prefix);

            var missing = new List<string>();
            foreach (var code in codes)
            {
                using var client = server.Client(keys[code]);
                using var response = await client.GetAsync(SubmissionPath(code));
                var body = await BodyAsync(response);
                var latest = writtenDespite503.Where(w => w.Municipality == code).Concat(byDraft[code]).MaxBy(w => w.Version)!;
                var expected = submitted.TryGetValue(code, out var submit) ? (submit.Version, submit.Mark, Status: "submitted") : (latest.Version, latest.Mark, Status: "draft");
                if (response.StatusCode != HttpStatusCode.OK || VersionOf(response) != expected.Version || MarkOf(body, question) != expected.Mark || body["status"]?.GetValue<string>() != expected.Status)
                {
                    missing.Add($"{code}: {(int)response.StatusCode} {body["status"]} v{(response.Headers.ETag is null ? "?" : VersionOf(response))}, expected {expected}");
                }
            }

            output.WriteLine($"acknowledged submits: {submitted.Count}; after restarting the service and Azurite, missing or changed: {missing.Count} (drafts checked too: {codes.Count - submitted.Count})");
            Assert.Empty(missing);
        }
        finally
        {
            if (running is not null)
            {
                await running.DisposeAsync();
            }
        }
    }
}
