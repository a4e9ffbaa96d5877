using System.Text.Json;
using System.Text.Json.Serialization;
using Benchmark.Core.Benchmarking;

namespace Benchmark.Core.Tests;

/// <summary>
/// A measure (the index, a domain or a block) is a value with a kind and an id, and still the same text in stored results
/// and in the API as when it was a string ("index", "domain:&lt;id&gt;", "block:&lt;id&gt;").
/// </summary>
public sealed class MeasureTests
{
    /// <summary>The options of the stored results (BenchmarkStore.Json) and, for writing, of the API's JSON.</summary>
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The public group as it was declared while measures were strings: its JSON is what stored results hold.</summary>
    private sealed record StringKeyedGroup(string Id, string Label, PeerGroupKind Kind, IReadOnlyDictionary<string, PublicStatistics> Measures);

    private sealed record StringPosition(string Measure, decimal Value, IReadOnlyDictionary<string, decimal?> PercentileRanks);

    [Fact]
    public void AMeasureWritesTheSameTextAsBefore()
    {
        Assert.Equal("index", Measure.Index.ToString());
        Assert.Equal("domain:dienstverlening-burgers", Measure.Domain("dienstverlening-burgers").ToString());
        Assert.Equal("block:digid", Measure.Block("digid").ToString());
        Assert.Equal(Measure.Index, BenchmarkEngine.Index);
    }

    [Fact]
    public void EveryMeasureOfTheModelReadsBackFromItsText()
    {
        var measures = BenchmarkEngine.Measures(TestData.Real.ModelForCycle(2026));

        Assert.Equal(1 + TestData.Real.ModelForCycle(2026).Domains.Count + TestData.Real.ModelForCycle(2026).Blocks.Count, measures.Count);
        Assert.All(measures, m => Assert.Equal(m, Measure.Parse(m.ToString())));
        Assert.Equal(measures.Count, measures.Distinct().Count());
    }

    [Fact]
    public void AMeasureKnowsItsKindAndId()
    {
        Assert.Equal((MeasureKind.Index, (string?)null), (Measure.Index.Kind, Measure.Index.Id));
        Assert.Equal((MeasureKind.Domain, "d"), (Measure.Parse("domain:d").Kind, Measure.Parse("domain:d").Id));
        Assert.Equal((MeasureKind.Block, "b"), (Measure.Parse("block:b").Kind, Measure.Parse("block:b").Id));
        Assert.True(Measure.Index.IsIndex);
        Assert.False(Measure.Block("index").IsIndex);
        Assert.NotEqual(Measure.Domain("x"), Measure.Block("x"));
        Assert.Equal(Measure.Index, default);
    }

    [Theory]
    [InlineData("block:a:b", MeasureKind.Block, "a:b")]
    [InlineData("domain:block:x", MeasureKind.Domain, "block:x")]
    [InlineData("block::", MeasureKind.Block, ":")]
    public void AnIdWithAColonKeepsEverythingAfterTheFirstColonAsBefore(string text, MeasureKind kind, string id)
    {
        var measure = Measure.Parse(text);

        Assert.Equal(kind, measure.Kind);
        Assert.Equal(id, measure.Id);
        Assert.Equal(text, measure.ToString());
    }

    [Theory]
    [InlineData("theme:x")]
    [InlineData("Index")]
    [InlineData("index:x")]
    [InlineData("Block:x")]
    [InlineData("domain")]
    [InlineData("domain:")]
    [InlineData("block:")]
    [InlineData("")]
    public void AnUnknownMeasureIsRefusedWithAClearError(string text)
    {
        var refused = Assert.Throws<FormatException>(() => Measure.Parse(text));

        Assert.Equal($"Unknown measure '{text}': a measure is 'index', 'domain:<domain id>' or 'block:<block id>'.", refused.Message);
        Assert.False(Measure.TryParse(text, out _));
        Assert.False(Measure.TryParse(null, out _));
    }

    [Fact]
    public void AMeasureWithoutAnIdCannotBeMade()
    {
        Assert.Throws<ArgumentException>(() => Measure.Domain(""));
        Assert.Throws<ArgumentNullException>(() => Measure.Block(null!));
    }

    [Fact]
    public void AMeasureIsItsTextInJsonAsAValue()
    {
        var position = new Position(Measure.Block("a:b"), 2.5m, new Dictionary<string, decimal?> { ["all"] = 50m });

        var json = JsonSerializer.Serialize(position, Stored);

        Assert.Equal("""{"measure":"block:a:b","value":2.5,"percentileRanks":{"all":50}}""", json);
        Assert.Equal(position.Measure, JsonSerializer.Deserialize<Position>(json, Stored)!.Measure);
        Assert.Equal("\"index\"", JsonSerializer.Serialize(Measure.Index));
        Assert.Equal(Measure.Domain("d"), JsonSerializer.Deserialize<Measure>("\"domain:d\""));
    }

    [Fact]
    public void AMeasureIsItsTextInJsonAsADictionaryKey()
    {
        var values = new Dictionary<Measure, int> { [Measure.Index] = 1, [Measure.Domain("d")] = 2, [Measure.Block("b:c")] = 3 };

        var json = JsonSerializer.Serialize(values, Stored);

        Assert.Equal("""{"index":1,"domain:d":2,"block:b:c":3}""", json);
        Assert.Equal(values, JsonSerializer.Deserialize<Dictionary<Measure, int>>(json, Stored));
        Assert.Equal(values.Keys, JsonSerializer.Deserialize<IReadOnlyDictionary<Measure, int>>(json)!.Keys);
    }

    [Fact]
    public void AnUnknownMeasureInJsonIsRefusedWithAClearError()
    {
        var asValue = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Position>("""{"measure":"theme:x","value":1,"percentileRanks":{}}""", Stored));
        var asKey = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<Measure, int>>("""{"index":1,"theme:x":2}"""));
        var asNumber = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Measure>("3"));

        Assert.Contains("Unknown measure 'theme:x'", asValue.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown measure 'theme:x'", asKey.Message, StringComparison.Ordinal);
        Assert.Contains("A measure is a string", asNumber.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredResultsWrittenWhenMeasuresWereStringsReadAndWriteTheSameBytes()
    {
        var statistics = new PublicStatistics(7, 61.25m, 60m, null, 55m, 66m, null, null);
        var withheld = new PublicStatistics(3, null, null, null, null, null, null, "fewer than 5 municipalities");
        var before = JsonSerializer.Serialize(
            new
            {
                Groups = new[]
                {
                    new StringKeyedGroup("all", "Alle gemeenten", PeerGroupKind.All, new Dictionary<string, PublicStatistics> { ["index"] = statistics, ["domain:d"] = statistics, ["block:b:c"] = withheld }),
                },
                Positions = new[] { new StringPosition("block:b:c", 3.25m, new Dictionary<string, decimal?> { ["all"] = null }) },
            },
            Stored);
        Assert.Contains("\"measures\":{\"index\":{\"n\":7,", before, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<StoredShape>(before, Stored)!;
        var after = JsonSerializer.Serialize(read, Stored);

        Assert.Equal(before, after);
        Assert.Equal([Measure.Index, Measure.Domain("d"), Measure.Block("b:c")], read.Groups[0].Measures.Keys);
        Assert.Equal(Measure.Block("b:c"), read.Positions[0].Measure);
    }

    [Fact]
    public void APublicGroupFromTheEngineWritesItsMeasuresAsBefore()
    {
        var group = new GroupBenchmark(
            new PeerGroup(PeerGroupKind.Province, "provincie-utrecht", "Provincie Utrecht", ["GM0344"]),
            [new MeasureStatistics(Measure.Index, GroupStatistics.Of([])), new MeasureStatistics(Measure.Block("b"), GroupStatistics.Of([]))]);

        var now = JsonSerializer.Serialize(PublicGroup.From(group), Stored);
        var asStrings = JsonSerializer.Serialize(
            new StringKeyedGroup("provincie-utrecht", "Provincie Utrecht", PeerGroupKind.Province, PublicGroup.From(group).Measures.ToDictionary(m => m.Key.ToString(), m => m.Value, StringComparer.Ordinal)),
            Stored);

        Assert.Equal(asStrings, now);
        Assert.Contains("\"measures\":{\"index\":", now, StringComparison.Ordinal);
        Assert.Contains(",\"block:b\":", now, StringComparison.Ordinal);
    }

    private sealed record StoredShape(IReadOnlyList<PublicGroup> Groups, IReadOnlyList<Position> Positions);
}
