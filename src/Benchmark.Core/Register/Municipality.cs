using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Benchmark.Core.Register;

/// <summary>One municipality in one year's register.</summary>
/// <param name="Code">CBS code, 'GM' and four digits.</param>
/// <param name="Name">Official CBS spelling, e.g. 's-Gravenhage.</param>
/// <param name="ShortName">Everyday name, e.g. Den Haag.</param>
/// <param name="Collaborations">Names of the collaborations (shared service centres, partnerships) it belongs to.</param>
/// <param name="Predecessors">Codes of the municipalities it was formed from by a merger (herindeling).</param>
public sealed record Municipality(
    string Code,
    string Name,
    string ShortName,
    string Province,
    int Population,
    IReadOnlyList<string> Collaborations,
    IReadOnlyList<string> Predecessors)
{
    /// <summary>
    /// The name people read in reports and pages (Den Haag for 's-Gravenhage, Bergen (NH) for Bergen (NH.)); the CBS <see cref="Name"/> stays in
    /// the methodology and in exports, where the name must match other registers.
    /// </summary>
    [JsonIgnore]
    public string EverydayName => string.IsNullOrWhiteSpace(ShortName) ? Name : ShortName;

    [JsonIgnore]
    public SizeClass SizeClass => SizeClass.ForPopulation(Population);

    [JsonIgnore]
    public CoarseSizeClass CoarseSizeClass => CoarseSizeClass.ForPopulation(Population);
}

/// <summary>The municipalities of one year, per 1 January.</summary>
public sealed record MunicipalityRegister(int Year, IReadOnlyList<Municipality> Municipalities)
{
    private Dictionary<string, Municipality>? _byCode;

    public Municipality? Find(string code)
    {
        _byCode ??= Municipalities.GroupBy(m => m.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byCode.GetValueOrDefault(code);
    }

    // Equality is about the data, not the lookup cache.
    public bool Equals(MunicipalityRegister? other) =>
        other is not null && Year == other.Year && Municipalities.SequenceEqual(other.Municipalities);

    public override int GetHashCode() => HashCode.Combine(Year, Municipalities.Count);
}

public static partial class MunicipalityCode
{
    [GeneratedRegex(@"^GM[0-9]{4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string code) => Pattern().IsMatch(code);
}

/// <summary>CBS size classes by population (gemeentegrootteklassen).</summary>
public sealed record SizeClass(int Number, int From, int? Below, string Label)
{
    public static readonly IReadOnlyList<SizeClass> All =
    [
        new(1, 0, 5_000, "< 5 000"),
        new(2, 5_000, 10_000, "5 000 – 10 000"),
        new(3, 10_000, 20_000, "10 000 – 20 000"),
        new(4, 20_000, 50_000, "20 000 – 50 000"),
        new(5, 50_000, 100_000, "50 000 – 100 000"),
        new(6, 100_000, 150_000, "100 000 – 150 000"),
        new(7, 150_000, 250_000, "150 000 – 250 000"),
        new(8, 250_000, null, "≥ 250 000"),
    ];

    public static SizeClass ForPopulation(int population) =>
        All.Last(c => population >= c.From);

    public override string ToString() => $"{Number} ({Label})";
}

/// <summary>The coarse split common in municipal comparisons.</summary>
public sealed record CoarseSizeClass(string Id, int From, int? Below, string Label)
{
    public static readonly IReadOnlyList<CoarseSizeClass> All =
    [
        new("lt20k", 0, 20_000, "< 20 000"),
        new("20k-50k", 20_000, 50_000, "20 000 – 50 000"),
        new("50k-100k", 50_000, 100_000, "50 000 – 100 000"),
        new("ge100k", 100_000, null, "≥ 100 000"),
    ];

    public static CoarseSizeClass ForPopulation(int population) =>
        All.Last(c => population >= c.From);

    public override string ToString() => Label;
}

public static class Provinces
{
    /// <summary>The twelve provinces in their official spelling.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
        "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Friesland"] = "Fryslân",
        ["Fryslan"] = "Fryslân",
        ["Noord Holland"] = "Noord-Holland",
        ["Zuid Holland"] = "Zuid-Holland",
        ["Noord Brabant"] = "Noord-Brabant",
    };

    /// <summary>The official spelling, or null when this is no Dutch province.</summary>
    public static string? Normalize(string value)
    {
        var trimmed = value.Trim();
        return All.FirstOrDefault(p => string.Equals(p, trimmed, StringComparison.OrdinalIgnoreCase))
               ?? Aliases.GetValueOrDefault(trimmed);
    }
}
