using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;
using NJsonSchema;

namespace Benchmark.Core.Tests;

/// <summary>
/// Issue 18, open data: a round built for withholding (small groups, leaders who did not consent, an analyst's own
/// group) and every file the open data produces checked for what small-group protection and consent withhold.
/// </summary>
public sealed class OpenDataServiceTests
{
    private const int Year = 2026;
    private const string CustomGroup = "pilot-rijbewijzen";
    private const string CustomLabel = "Deelnemers pilot rijbewijzen";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Analyst = new("key-analist", Role.Analyst, null);
    private static readonly Lazy<DemoDataSet> Demo = new(() => DemoGenerator.Generate(TestData.Real, 1, [Year]));
    private static readonly Lazy<Task<World>> Shared = new(() => RoundAsync(CycleStatus.Closed));

    private sealed record World(OpenDataService OpenData, BenchmarkService Benchmark, InMemoryCycleRepository Cycles, List<SubmissionRecord> Records, InMemoryAuditLog Audit);

    /// <summary>
    /// Sixty demo submissions, approved, half of them consenting to be named (every other one by code), with an analyst's
    /// own group of six, benchmarked once. Provinces and size classes with fewer than 5 participants occur by themselves.
    /// </summary>
    private static async Task<World> RoundAsync(CycleStatus status)
    {
        var clock = new ManualClock(Now);
        var cycles = new InMemoryCycleRepository();
        var registers = new InMemoryRegisterRepository();
        var cycleSubmissions = new InMemorySubmissions();
        var audit = new InMemoryAuditLog();
        var submissions = Demo.Value.Submissions.Where(s => s.Cycle == Year).OrderBy(s => s.Municipality, StringComparer.Ordinal).Take(60)
            .Select((s, i) => s with { ConsentToBeNamed = i % 2 == 0 })
            .ToList();
        cycles.Cycles[Year] = new Cycle(Year, submissions[0].QuestionnaireVersion, status, Now.AddDays(-30), Now.AddMonths(-5), status == CycleStatus.Closed ? Now : null);
        registers.Registers[Year] = Demo.Value.RegisterFor(Year);
        var records = submissions.Select(s => Records.Of(s, SubmissionStatus.Approved)).ToList();
        cycleSubmissions.Records.AddRange(records);

        var curation = new CurationService(new InMemoryCurationRepository(), cycles, registers, audit, TestData.Real, clock);
        var group = await curation.PutGroupAsync("analist", new PutGroup(Year, CustomGroup, CustomLabel, [.. submissions.Take(6).Select(s => s.Municipality)]));
        Assert.True(group.Succeeded, group.Refusal?.Detail);
        var benchmark = new BenchmarkService(cycles, registers, cycleSubmissions, new InMemoryBenchmarkResults(), curation, TestData.Real, audit, clock);
        var computed = await benchmark.ComputeAsync(Year, includeSubmitted: false, "analist");
        Assert.True(computed.Succeeded, computed.Refusal?.Detail);
        return new World(new OpenDataService(cycles, benchmark, cycleSubmissions, TestData.Real, audit), benchmark, cycles, records, audit);
    }

    [Fact]
    public async Task EveryFileHoldsOnlyWhatSmallGroupProtectionAllowsAndNoLeaderWhoDidNotConsent()
    {
        var world = await Shared.Value;
        var groups = (await world.Benchmark.GroupsAsync(Year)).Value!;
        var national = (await world.Benchmark.NationalAsync(Year)).Value!;
        var register = Demo.Value.RegisterFor(Year);

        var data = (await world.OpenData.OpenDataAsync(Analyst, Year)).Value!;
        var files = Files(data);

        // The round is built for it: small groups, groups with only a mean, leaders named and leaders not named.
        var statistics = groups.SelectMany(g => g.Measures.Select(m => m.Statistics)).ToList();
        Assert.Contains(statistics, s => s.N is > 0 and < Disclosure.MinimumGroupSize);
        Assert.Contains(statistics, s => s.N is >= Disclosure.MinimumGroupSize and < Disclosure.OrderStatisticsFrom);
        var leaders = national.LeadersByBlock.Values.SelectMany(l => l).ToList();
        var anonymous = world.Records.Where(r => !r.Submission.ConsentToBeNamed).Select(r => r.Municipality).ToList();
        var anonymousLeaders = anonymous.Where(code => leaders.Any(l => !l.IsNamed && BlockScore(world, code, l.BlockId) == l.Score)).ToList();
        Assert.NotEmpty(anonymousLeaders);
        Assert.Contains(leaders, l => l.IsNamed);

        // No figure of a group under 5, not even its n; no median of a group under 10, no decile under 20.
        foreach (var s in data.Statistics)
        {
            Assert.True(s.N is null or >= Disclosure.MinimumGroupSize, $"{s.Group} {s.Measure}: n = {s.N}");
            Assert.True(s.N >= Disclosure.MinimumGroupSize || (s.Mean, s.Median, s.P25, s.P75, s.P10, s.P90) == (null, null, null, null, null, null), $"{s.Group} {s.Measure}");
            Assert.True(s.N >= Disclosure.OrderStatisticsFrom || (s.Median, s.P25, s.P75) == (null, null, null), $"{s.Group} {s.Measure}");
            Assert.True(s.N >= Disclosure.DecilesFrom || (s.P10, s.P90) == (null, null), $"{s.Group} {s.Measure}");
        }

        // The same in the CSV: a group under 5 has a reason, and its n and every figure's field are empty.
        var csv = files.Single(f => f.File == "statistics.csv").Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => CsvFields(l).ToList()).ToList();
        Assert.Equal(data.Statistics.Count, csv.Count);
        Assert.Contains(csv, r => r[2] == "");
        Assert.All(csv.Where(r => r[2] == ""), r => Assert.Equal(["", "", "", "", "", "", ""], r[2..9]));
        Assert.All(csv.Where(r => r[2] != ""), r => Assert.InRange(int.Parse(r[2], CultureInfo.InvariantCulture), Disclosure.MinimumGroupSize, int.MaxValue));
        Assert.All(csv.Where(r => r[2] != "" && int.Parse(r[2], CultureInfo.InvariantCulture) < Disclosure.OrderStatisticsFrom), r => Assert.Equal(("", "", "", ""), (r[4], r[6], r[7], r[5])));

        // Not one code of a municipality that did not consent, nor the name of a leader who did not, in any file.
        var names = anonymousLeaders.Select(c => register.Find(c)!.EverydayName).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, text, values) in files)
        {
            Assert.All(anonymous, code => Assert.DoesNotContain(code, text, StringComparison.Ordinal));
            Assert.DoesNotContain(values, v => names.Contains(v));
            Assert.DoesNotContain(CustomGroup, text, StringComparison.Ordinal);
            Assert.DoesNotContain(CustomLabel, text, StringComparison.Ordinal);
        }

        // Every consenting leader the computation named is there, under its code and name, in every form.
        var named = leaders.Where(l => l.IsNamed).ToList();
        Assert.Equal(named.Select(l => (l.BlockId, l.Municipality!)), data.Leaders.Select(l => (l.Block, l.MunicipalityCode)));
        Assert.All(files.Where(f => f.File is "open-data.json" or "leaders.csv"), f => Assert.Contains(named[0].Name!, f.Values));
        Assert.All(named, l => Assert.Contains(world.Records, r => r.Municipality == l.Municipality && r.Submission.ConsentToBeNamed));
    }

    [Fact]
    public async Task TheStatisticsAreThePublicFormsOfTheStoredComputationsRegisterGroups()
    {
        var world = await Shared.Value;
        var groups = (await world.Benchmark.GroupsAsync(Year)).Value!;
        var summary = (await world.Benchmark.SummaryAsync(Year))!;

        var data = (await world.OpenData.OpenDataAsync(Analyst, Year)).Value!;

        var expected = groups.Where(g => g.Group.Kind != PeerGroupKind.Custom).Select(PublicGroup.From)
            .SelectMany(g => g.Measures.Select(m => new OpenDataStatistic(g.Id, m.Key.ToString(), m.Value.N >= Disclosure.MinimumGroupSize ? m.Value.N : null, m.Value.Mean, m.Value.Median, m.Value.P10, m.Value.P25, m.Value.P75, m.Value.P90, m.Value.WithheldReason)))
            .ToList();
        Assert.Equal(expected.OrderBy(s => (s.Group, s.Measure)), data.Statistics.OrderBy(s => (s.Group, s.Measure)));
        Assert.Equal(groups.Count(g => g.Group.Kind != PeerGroupKind.Custom), data.Groups.Count);
        Assert.Equal((Year, summary.RunId, summary.ComputedAt, summary.Participants, "CC0-1.0"), (data.Metadata.Cycle, data.Metadata.RunId, data.Metadata.ComputedAt, data.Metadata.Participants, data.Metadata.Licence));
        Assert.Equal(TestData.Real.ModelForCycle(Year).Blocks.Count + TestData.Real.ModelForCycle(Year).Domains.Count + 1, data.Measures.Count);
    }

    [Fact]
    public async Task TheJsonConformsToItsDocumentedSchemaAndTheSchemaRefusesAMinimum()
    {
        var world = await Shared.Value;
        var data = (await world.OpenData.OpenDataAsync(Analyst, Year)).Value!;
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Docs, "open-data.schema.json"));
        var json = Encoding.UTF8.GetString(OpenDataFiles.WriteJson(data));

        var errors = schema.Validate(json);
        var withMinimum = JsonNode.Parse(json)!;
        withMinimum["statistics"]![0]!["min"] = 1.0m;

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e.Property}")));
        Assert.Equal(OpenDataFiles.SchemaId, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Docs, "open-data.schema.json")))!["$id"]!.GetValue<string>());
        Assert.NotEmpty(schema.Validate(withMinimum.ToJsonString()));
    }

    [Fact]
    public async Task TheDocumentationNamesEveryJsonFieldAndEveryCsvColumn()
    {
        var world = await Shared.Value;
        var data = (await world.OpenData.OpenDataAsync(Analyst, Year)).Value!;
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Docs, "open-data.md"));

        var columns = OpenDataTables.All.SelectMany(t => OpenDataFiles.Table(data, t).Columns.Select(c => c.Header))
            .Concat(OpenDataFiles.Table(data, OpenDataTables.Metadata).Rows.Select(r => (string)r[0]!));
        var fields = Fields(JsonNode.Parse(OpenDataFiles.WriteJson(data))!);

        Assert.All(columns.Concat(fields).Distinct(), name => Assert.Contains($"`{name}`", docs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BeforeTheCycleIsClosedOnlyAnalystsGetTheOpenDataAKeyThatTriedIsRecordedAndAfterwardsAnyoneGetsIt()
    {
        var open = await RoundAsync(CycleStatus.Open);
        var closed = await Shared.Value;
        var municipality = new Actor("key-gemeente", Role.Municipality, open.Records[0].Municipality);

        var anonymousOpen = await open.OpenData.OpenDataAsync(null, Year);
        var municipalityOpen = await open.OpenData.OpenDataAsync(municipality, Year);
        var analystOpen = await open.OpenData.OpenDataAsync(Analyst, Year);
        var anonymousClosed = await closed.OpenData.OpenDataAsync(null, Year);
        var anonymousUnknown = await closed.OpenData.OpenDataAsync(null, 1999);
        var analystUnknown = await closed.OpenData.OpenDataAsync(Analyst, 1999);

        Assert.Equal((RefusalKind.Forbidden, OpenDataRefusals.NotPublished), (anonymousOpen.Refusal?.Kind, anonymousOpen.Refusal?.Code));
        Assert.Equal((RefusalKind.Forbidden, OpenDataRefusals.NotPublished), (municipalityOpen.Refusal?.Kind, municipalityOpen.Refusal?.Code));
        Assert.Single(await open.Audit.ListAsync(AuditAreas.Refusals), e => e.Actor == municipality.KeyId);
        Assert.True(analystOpen.Succeeded);
        Assert.Equal(OpenDataFiles.WriteJson(analystOpen.Value!), OpenDataFiles.WriteJson((await closed.OpenData.OpenDataAsync(Analyst, Year)).Value!));
        Assert.True(anonymousClosed.Succeeded);
        Assert.Equal(OpenDataRefusals.NotPublished, anonymousUnknown.Refusal?.Code);
        Assert.Equal((RefusalKind.NotFound, CycleRefusals.Unknown), (analystUnknown.Refusal?.Kind, analystUnknown.Refusal?.Code));
    }

    [Fact]
    public async Task ALeaderWhoWithdrewConsentAfterTheComputationIsNotNamed()
    {
        var world = await RoundAsync(CycleStatus.Closed);
        var named = (await world.OpenData.OpenDataAsync(null, Year)).Value!.Leaders[0];
        var index = world.Records.FindIndex(r => r.Municipality == named.MunicipalityCode);
        var withdrawn = world.Records[index] with { Submission = world.Records[index].Submission with { ConsentToBeNamed = false } };
        var submissions = new InMemorySubmissions();
        submissions.Records.AddRange(world.Records.Select((r, i) => i == index ? withdrawn : r));

        var data = (await new OpenDataService(world.Cycles, world.Benchmark, submissions, TestData.Real, world.Audit).OpenDataAsync(null, Year)).Value!;

        Assert.DoesNotContain(named.MunicipalityCode, Encoding.UTF8.GetString(OpenDataFiles.WriteJson(data)), StringComparison.Ordinal);
        Assert.All(OpenDataTables.All, t => Assert.DoesNotContain(named.MunicipalityCode, Encoding.UTF8.GetString(OpenDataFiles.WriteCsv(OpenDataFiles.Table(data, t))), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCsvZipHoldsOneUtf8FileWithoutAByteOrderMarkPerTableWithSnakeCaseHeaders()
    {
        var world = await Shared.Value;
        var data = (await world.OpenData.OpenDataAsync(Analyst, Year)).Value!;

        using var zip = new ZipArchive(new MemoryStream(OpenDataFiles.Render(data, "csv", null).Content));

        Assert.Equal(OpenDataTables.All.Select(t => t + ".csv"), zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e =>
        {
            using var stream = new MemoryStream();
            e.Open().CopyTo(stream);
            var bytes = stream.ToArray();
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Matches("^[a-z0-9_]+(,[a-z0-9_]+)*\r\n", Encoding.UTF8.GetString(bytes));
        });
        Assert.Equal(
            "group_id,measure,n,mean,median,p10,p25,p75,p90,withheld_reason",
            Encoding.UTF8.GetString(OpenDataFiles.Render(data, "csv", "statistics").Content).Split("\r\n")[0]);
        Assert.Equal(OpenDataRefusals.InvalidFormat, OpenDataFiles.Check("xlsx", null)?.Code);
        Assert.Equal(OpenDataRefusals.UnknownTable, OpenDataFiles.Check("csv", "scores")?.Code);
    }

    /// <summary>Every file the open data can be had as: the JSON and each table's CSV, as text and as its separate values.</summary>
    private static List<(string File, string Text, List<string> Values)> Files(OpenDataSet data)
    {
        var json = Encoding.UTF8.GetString(OpenDataFiles.Render(data, "json", null).Content);
        var files = new List<(string, string, List<string>)> { ("open-data.json", json, Strings(JsonNode.Parse(json)!).ToList()) };
        using var zip = new ZipArchive(new MemoryStream(OpenDataFiles.Render(data, "csv", null).Content));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var text = reader.ReadToEnd();
            Assert.Equal(text, Encoding.UTF8.GetString(OpenDataFiles.Render(data, "csv", Path.GetFileNameWithoutExtension(entry.FullName)).Content));
            files.Add((entry.FullName, text, [.. text.Split("\r\n").SelectMany(CsvFields)]));
        }

        return files;
    }

    /// <summary>The fields of one CSV line; quoted fields may hold commas.</summary>
    private static IEnumerable<string> CsvFields(string line)
    {
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ',' && !quoted)
            {
                yield return field.ToString();
                field.Clear();
            }
            else
            {
                field.Append(line[i]);
            }
        }

        yield return field.ToString();
    }

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [p.Key] : Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Strings),
        JsonValue v => [v.ToString()],
        _ => [],
    };

    private static IEnumerable<string> Fields(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [p.Key] : Fields(p.Value).Prepend(p.Key)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Fields),
        _ => [],
    };

    private static decimal? BlockScore(World world, string municipality, string blockId)
    {
        var submission = world.Records.Single(r => r.Municipality == municipality).Submission;
        var questionnaire = TestData.Real.Version(submission.QuestionnaireVersion)!;
        return Scoring.ScoringEngine.Score(TestData.Real.ModelOf(questionnaire), questionnaire, submission).Blocks.FirstOrDefault(b => b.BlockId == blockId)?.Score;
    }
}
