using System.IO.Compression;
using System.Text;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Scoring;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>A round as tables for analysts (issue 18), without storage: the figures are the review list's and the computation's.</summary>
public sealed class ExportServiceTests
{
    private const int Year = 2026;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Analyst = new("key-analist", Role.Analyst, null);
    private static readonly Lazy<DemoDataSet> Demo = new(() => DemoGenerator.Generate(TestData.Real, 1, [Year]));

    private sealed record World(ExportService Exports, ReviewService Reviews, BenchmarkService Benchmark, CurationService Curation, List<SubmissionRecord> Records);

    /// <summary>Forty demo submissions, in turn a draft, submitted, approved and rejected, benchmarked once.</summary>
    private static async Task<World> ComputedAsync()
    {
        var clock = new ManualClock(Now);
        var cycles = new InMemoryCycleRepository();
        var registers = new InMemoryRegisterRepository();
        var cycleSubmissions = new InMemorySubmissions();
        var repository = new InMemorySubmissionRepository();
        var context = new InMemorySubmissionContext();
        var curationStore = new InMemoryCurationRepository();
        var audit = new InMemoryAuditLog();
        // Complete ones, so every approved one counts (an incomplete one never does).
        var submissions = Demo.Value.Submissions.Where(s => s.Cycle == Year && SubmissionCompleteness.IsComplete(TestData.Real, s)).Take(40).ToList();
        cycles.Cycles[Year] = new Cycle(Year, submissions[0].QuestionnaireVersion, CycleStatus.Open, Now.AddDays(30), Now.AddMonths(-5), null);
        registers.Registers[Year] = Demo.Value.RegisterFor(Year);
        context.Registers[Year] = Demo.Value.RegisterFor(Year);
        SubmissionStatus[] statuses = [SubmissionStatus.Draft, SubmissionStatus.Submitted, SubmissionStatus.Approved, SubmissionStatus.Rejected];
        var records = submissions.Select((s, i) => Records.Of(s, statuses[i % 4])).ToList();
        cycleSubmissions.Records.AddRange(records);
        foreach (var record in records)
        {
            await repository.TryWriteAsync(null, record);
        }

        var curation = new CurationService(curationStore, cycles, registers, audit, TestData.Real, clock);
        var benchmark = new BenchmarkService(cycles, registers, cycleSubmissions, new InMemoryBenchmarkResults(), curation, TestData.Real, audit, clock);
        var computed = await benchmark.ComputeAsync(Year, includeSubmitted: false, "analist");
        Assert.True(computed.Succeeded, computed.Refusal?.Detail);
        var reviews = new ReviewService(repository, cycles, context, TestData.Real, clock);
        return new World(new ExportService(reviews, repository, context, benchmark, curation, TestData.Real), reviews, benchmark, curation, records);
    }

    [Fact]
    public async Task TheExportHasFiveTablesWithTheReviewListsFiguresAndTheComputationsStatistics()
    {
        var world = await ComputedAsync();

        var export = await world.Exports.ExportAsync(Analyst, Year);
        var list = await world.Reviews.ListAsync(Analyst, Year, ReviewFilter.None);

        Assert.True(export.Succeeded, export.Refusal?.Detail);
        Assert.Equal(ExportTables.All, export.Value.Tables.Select(t => t.Name));
        var submissions = export.Value.Table(ExportTables.Submissions)!;
        Assert.Equal(
            list.Value!.Rows.Select(r => (r.Municipality, r.Index, ExportService.StatusText(r.Status))),
            submissions.Rows.Select(r => ((string)r[0]!, (decimal?)r[submissions.ColumnIndex("Index")], (string)r[submissions.ColumnIndex("Status")]!)));
        var scores = export.Value.Table(ExportTables.Scores)!;
        var approved = world.Records.Where(r => r.Status == SubmissionStatus.Approved).Select(r => r.Municipality).Order(StringComparer.Ordinal);
        Assert.Equal(approved, scores.Rows.Where(r => (bool)r[scores.ColumnIndex("Meegeteld in benchmark")]!).Select(r => (string)r[0]!));
        var groups = (await world.Benchmark.GroupsAsync(Year)).Value!;
        var statistics = export.Value.Table(ExportTables.GroupStatistics)!;
        Assert.Equal(groups.Sum(g => g.Measures.Count), statistics.Rows.Count);
        var all = groups.Single(g => g.Group.Kind == Benchmarking.PeerGroupKind.All);
        var indexRow = statistics.Rows.Single(r => (string)r[statistics.ColumnIndex("Groepscode")]! == all.Group.Id && (string)r[statistics.ColumnIndex("Maatstafcode")]! == "index");
        Assert.Equal((all.Of(default).N, all.Of(default).Distribution?.Median), ((int)indexRow[statistics.ColumnIndex("N")]!, (decimal?)indexRow[statistics.ColumnIndex("Mediaan")]));
        Assert.Equal((await world.Curation.ListFlagsAsync(Year)).Count, export.Value.Table(ExportTables.Flags)!.Rows.Count);
        Assert.Equal(world.Records.Sum(r => r.Submission.Answers.Count), export.Value.Table(ExportTables.Answers)!.Rows.Count);
    }

    [Fact]
    public async Task EveryCellHoldsAValueOfItsColumnsKind()
    {
        var world = await ComputedAsync();

        var export = (await world.Exports.ExportAsync(Analyst, Year)).Value!;

        foreach (var table in export.Tables)
        {
            Assert.All(table.Rows, row =>
            {
                Assert.Equal(table.Columns.Count, row.Count);
                for (var c = 0; c < row.Count; c++)
                {
                    Assert.True(row[c] is null || KindOf(row[c]!) == table.Columns[c].Kind, $"{table.Name}.{table.Columns[c].Header}: {row[c]?.GetType().Name}");
                }
            });
        }
    }

    [Fact]
    public async Task AMunicipalityKeyIsRefusedAndAnUnknownCycleIsNamedAsOne()
    {
        var world = await ComputedAsync();

        var municipality = await world.Exports.ExportAsync(new Actor("key-gemeente", Role.Municipality, world.Records[0].Municipality), Year);
        var unknown = await world.Exports.ExportAsync(Analyst, 1999);

        Assert.Equal((RefusalKind.Forbidden, SubmissionRefusals.AnalystsOnly), (municipality.Refusal?.Kind, municipality.Refusal?.Code));
        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), (unknown.Refusal?.Kind, unknown.Refusal?.Code));
    }

    [Fact]
    public void TheCsvIsUtf8WithABomCommaSeparatedAndQuotedWhereAFieldNeedsIt()
    {
        var table = new ExportTable("proef", [new("Naam", ExportColumnKind.Text), new("Getal", ExportColumnKind.Decimal), new("Ja", ExportColumnKind.Boolean), new("Op", ExportColumnKind.DateTime)],
        [
            ["Súdwest-Fryslân, \"de\" gemeente", 12.5m, true, new DateTime(2026, 3, 1, 9, 30, 0)],
            ["regel\neen", null, false, null],
        ]);

        var bytes = ExportCsv.Write(table);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "Naam,Getal,Ja,Op\r\n\"Súdwest-Fryslân, \"\"de\"\" gemeente\",12.5,ja,2026-03-01 09:30:00\r\n\"regel\neen\",,nee,\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task TheZipHoldsOneCsvPerTableInTheExportsOrder()
    {
        var world = await ComputedAsync();
        var export = (await world.Exports.ExportAsync(Analyst, Year)).Value!;

        using var zip = new ZipArchive(new MemoryStream(ExportCsv.Zip(export)));

        Assert.Equal(ExportTables.All.Select(t => t + ".csv"), zip.Entries.Select(e => e.FullName));
    }

    private static ExportColumnKind KindOf(object value) => value switch
    {
        string => ExportColumnKind.Text,
        int => ExportColumnKind.Integer,
        decimal => ExportColumnKind.Decimal,
        DateTime => ExportColumnKind.DateTime,
        bool => ExportColumnKind.Boolean,
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
