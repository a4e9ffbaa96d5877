namespace Benchmark.Core.Model;

/// <summary>The collective maturity model: domains, building blocks and what each of the five levels means.</summary>
public sealed class MaturityModel
{
    public const int LowestLevel = 1;
    public const int HighestLevel = 5;

    public MaturityModel(
        string id,
        string version,
        LocalizedText title,
        LocalizedText? description,
        IReadOnlyList<LevelMeaning> levels,
        IReadOnlyList<Domain> domains,
        IReadOnlyList<BuildingBlock> blocks)
    {
        Id = id;
        Version = version;
        Title = title;
        Description = description;
        Levels = levels;
        Domains = domains;
        Blocks = blocks;
        BlocksById = blocks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        DomainsById = domains.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public string Id { get; }
    public string Version { get; }
    public LocalizedText Title { get; }
    public LocalizedText? Description { get; }
    public IReadOnlyList<LevelMeaning> Levels { get; }
    public IReadOnlyList<Domain> Domains { get; }
    public IReadOnlyList<BuildingBlock> Blocks { get; }
    public IReadOnlyDictionary<string, BuildingBlock> BlocksById { get; }
    public IReadOnlyDictionary<string, Domain> DomainsById { get; }

    public IEnumerable<BuildingBlock> BlocksIn(string domainId) => Blocks.Where(b => b.DomainId == domainId);
}

public sealed record LevelMeaning(int Level, LocalizedText Name, LocalizedText Description);

public sealed record Domain(string Id, LocalizedText Name, LocalizedText Description, decimal Weight);

public sealed record Facility(string Name, string Operator);

/// <summary>A law, standard, national facility or policy a building block rests on, with a link to its text.</summary>
/// <param name="Kind">One of <see cref="SourceKinds.All"/>.</param>
public sealed record Source(string Title, string Url, string Kind);

public static class SourceKinds
{
    public const string Law = "law";
    public const string Standard = "standard";
    public const string Facility = "facility";
    public const string Policy = "policy";

    public static readonly IReadOnlyList<string> All = [Law, Standard, Facility, Policy];
}

public sealed record BuildingBlock(
    string Id,
    string DomainId,
    LocalizedText Name,
    LocalizedText Description,
    Facility? Facility,
    decimal Weight,
    IReadOnlyList<string> Prerequisites,
    IReadOnlyList<LocalizedText> LevelDescriptions)
{
    /// <summary>The laws, standards, facilities and policies the block rests on (model versions from 2027 name them for every block).</summary>
    public IReadOnlyList<Source> Sources { get; init; } = [];

    /// <summary>The description of a level, 1 to 5.</summary>
    public LocalizedText DescribeLevel(int level) => LevelDescriptions[level - 1];
}
