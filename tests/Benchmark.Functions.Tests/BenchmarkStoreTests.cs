using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>Issue 19: a run of many organisations stored whole, whatever the size of its parts.</summary>
[Collection(AzuriteTests.Name)]
public sealed class BenchmarkStoreTests(AzuriteFixture fixture)
{
    private const int Cycle = 2026;

    [Fact]
    public async Task StatisticsOfMoreGroupsThanOneRowHoldsAreStoredInPartsAndReadBackWholeInOrder()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var (input, benchmark) = DemoBenchmark(server.Service<QuestionnaireCatalog>());

        // 400 groups of 2,000 members each, as ten thousand organisations with their collaborations form: together far
        // more than the 900 KiB one row holds even compressed.
        var random = new Random(19);
        var groups = Enumerable.Range(0, 400)
            .Select(i => benchmark.Groups[i % benchmark.Groups.Count] with
            {
                Group = new PeerGroup(PeerGroupKind.Custom, "groep-" + i.ToString("D3", CultureInfo.InvariantCulture), "Groep " + i.ToString(CultureInfo.InvariantCulture), Enumerable.Range(0, 2_000).Select(_ => "GM" + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture)).ToList()),
            })
            .ToList();
        var store = server.Service<BenchmarkStore>();
        var summary = new BenchmarkSummary(Cycle, "0639000000000000001", DateTimeOffset.UnixEpoch, "test", input.Participants.Count, false);

        await store.SaveAsync(summary, groups, NationalPicture.Build(input, benchmark), []);

        var rows = server.Service<BenchmarkTables>().Benchmarks.Query<TableEntity>(e => e.PartitionKey == "2026", select: ["RowKey"]).Select(e => e.RowKey).ToList();
        Assert.DoesNotContain($"{summary.RunId}_groups", rows);
        Assert.True(rows.Count(r => r.StartsWith($"{summary.RunId}_groups_", StringComparison.Ordinal)) > 1, string.Join(", ", rows));
        Assert.Equal(Json(groups), Json(await store.GroupsAsync(Cycle)));
    }

    [Fact]
    public async Task AFewHundredMunicipalitiesKeepTheirStatisticsInOneRowAsBefore()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var (input, benchmark) = DemoBenchmark(server.Service<QuestionnaireCatalog>());
        var store = server.Service<BenchmarkStore>();
        var summary = new BenchmarkSummary(Cycle, "0639000000000000002", DateTimeOffset.UnixEpoch, "test", input.Participants.Count, false);

        await store.SaveAsync(summary, benchmark.Groups, NationalPicture.Build(input, benchmark), []);

        var rows = server.Service<BenchmarkTables>().Benchmarks.Query<TableEntity>(e => e.PartitionKey == "2026", select: ["RowKey"]).Select(e => e.RowKey).ToList();
        Assert.Contains($"{summary.RunId}_groups", rows);
        Assert.DoesNotContain(rows, r => r.StartsWith($"{summary.RunId}_groups_", StringComparison.Ordinal));
        Assert.Equal(Json(benchmark.Groups), Json(await store.GroupsAsync(Cycle)));
    }

    private static (BenchmarkInput Input, CycleBenchmark Benchmark) DemoBenchmark(QuestionnaireCatalog catalog)
    {
        var data = DemoGenerator.Generate(catalog, 1, [Cycle]);
        var register = data.RegisterFor(Cycle);
        var model = catalog.ModelForCycle(Cycle);
        var participants = data.Submissions.Where(s => s.Cycle == Cycle)
            .Select(s => new Participant(register.Find(s.Municipality)!, s, ScoringEngine.Score(model, catalog.Version(s.QuestionnaireVersion)!, s), SubmissionStatus.Approved, Complete: true))
            .ToList();
        var input = new BenchmarkInput(Cycle, model, register, participants, [], []);
        return (input, BenchmarkEngine.Compute(input));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, BenchmarkStore.Json);
}
