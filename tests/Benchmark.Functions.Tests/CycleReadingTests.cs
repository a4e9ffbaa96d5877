using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>Issue 19: a cycle's submissions read page by page, the next page fetched while the reader works on this one.</summary>
[Collection(AzuriteTests.Name)]
public sealed class CycleReadingTests(AzuriteFixture fixture)
{
    private const int Cycle = 2026;

    [Fact]
    public async Task ACycleOfSeveralPagesIsReadWholeInOrderAndAsStored()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var (store, written) = await StoreDemoCycleAsync(server);

        var read = new List<SubmissionRecord>();
        await foreach (var record in store.ReadAsync(Cycle).WithCancellation(CancellationToken.None))
        {
            read.Add(record);
        }

        // Four pages of 200 at most, more than the two fetched ahead while earlier ones are read.
        Assert.Equal(700, read.Count);
        Assert.Equal(written.Keys.Order(StringComparer.Ordinal), read.Select(r => r.Municipality));
        var catalog = server.Service<QuestionnaireCatalog>();
        Assert.All(read, r => Assert.Equal(Json(catalog, written[r.Municipality]), Json(catalog, r.Submission)));
        Assert.Equal(read.Select(r => r.Municipality), (await store.ListAsync(Cycle)).Select(r => r.Municipality));
    }

    [Fact]
    public async Task AReaderThatStopsEarlyStopsTheFetchingOfPagesAheadAndGetsWhatItRead()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var (store, written) = await StoreDemoCycleAsync(server);

        var first = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var record in store.ReadAsync(Cycle).WithCancellation(CancellationToken.None))
            {
                first.Add(record.Municipality);
                if (first.Count == 10)
                {
                    // Leaving the loop disposes the reader, which must stop and wait for the fetching of the pages ahead.
                    break;
                }
            }
        });

        await reading.WaitAsync(TestTimeouts.HttpRequest);
        Assert.Equal(written.Keys.Order(StringComparer.Ordinal).Take(10), first);
    }

    [Fact]
    public async Task AReaderCancelledWhileReadingIsToldSoAndNothingRunsOn()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var (store, _) = await StoreDemoCycleAsync(server);
        using var cancel = new CancellationTokenSource();

        var count = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in store.ReadAsync(Cycle, cancel.Token))
            {
                if (++count == 250)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        // Whether storage was still answering (unavailable, as every storage call cut short) or the pages were in already.
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => reading.WaitAsync(TestTimeouts.HttpRequest));
        Assert.True(thrown is OperationCanceledException or StorageUnavailableException, thrown.ToString());
        Assert.Equal(250, count);
    }

    /// <summary>Submissions enough for four pages and more (the demo's 2026 answers under 700 codes), stored as approved.</summary>
    private static async Task<(SubmissionStore Store, Dictionary<string, Submission> Written)> StoreDemoCycleAsync(ApiServer server)
    {
        var catalog = server.Service<QuestionnaireCatalog>();
        var store = server.Service<SubmissionStore>();
        var demo = DemoGenerator.Generate(catalog, seed: 19, [Cycle]).Submissions.Where(s => s.Cycle == Cycle).ToList();
        var submissions = Enumerable.Range(5000, 700).Select((code, i) => demo[i % demo.Count] with { Municipality = "GM" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var at = new DateTimeOffset(Cycle, 6, 1, 9, 0, 0, TimeSpan.FromHours(2));
        await Parallel.ForEachAsync(
            submissions,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (submission, cancellationToken) => await store.WriteAsync(
                null,
                new SubmissionRecord(submission.Municipality, Cycle, 1, SubmissionStatus.Approved, submission, SubmissionAction.Approved, at, "test", null, false),
                cancellationToken));
        return (store, submissions.ToDictionary(s => s.Municipality, StringComparer.Ordinal));
    }

    private static string Json(QuestionnaireCatalog catalog, Submission submission) => SubmissionJson.Write(submission, catalog.Version(submission.QuestionnaireVersion)!);
}
