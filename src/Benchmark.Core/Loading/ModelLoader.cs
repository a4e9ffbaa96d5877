using Benchmark.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Benchmark.Core.Loading;

/// <summary>Loads and validates the maturity model file.</summary>
public static class ModelLoader
{
    public const string Kind = "maturity-model";

    public static LoadResult<MaturityModel> LoadFile(string path) => Load(path, File.ReadAllText(path));

    public static LoadResult<MaturityModel> Load(string file, string yaml)
    {
        var (reader, root) = YamlReader.Parse(file, yaml);
        if (root is null)
        {
            return new LoadResult<MaturityModel>(null, reader.Problems);
        }

        var model = Read(reader, root);
        return new LoadResult<MaturityModel>(reader.Problems.Count == 0 ? model : null, reader.Problems);
    }

    private static MaturityModel? Read(YamlReader reader, YamlMappingNode rootNode)
    {
        var root = new MappingReader(reader, rootNode, "");
        var kind = root.RequiredString("kind");
        if (kind is not null && kind != Kind)
        {
            reader.Report(root.Optional("kind")!, "/kind", $"expected kind '{Kind}', found '{kind}'");
        }

        var id = ReadId(root, "id");
        var version = root.RequiredString("version");
        var title = root.RequiredText("title");
        var description = root.OptionalText("description");
        var levels = ReadLevelMeanings(root);
        var declaredDomains = new HashSet<string>(StringComparer.Ordinal);
        var domains = ReadDomains(root, declaredDomains);
        var declaredBlocks = new List<PrerequisiteEntry>();
        var blocks = ReadBlocks(root, domains, declaredDomains, declaredBlocks);
        root.RejectUnknownKeys();

        CheckPrerequisites(reader, declaredBlocks);

        if (id is null || version is null || title is null || reader.Problems.Count > 0)
        {
            return null;
        }

        return new MaturityModel(
            id,
            version,
            title,
            description,
            levels,
            domains.Select(d => d.Domain).ToList(),
            blocks.Select(b => b.Block).ToList());
    }

    internal static string? ReadId(MappingReader mapping, string key, string what = "id")
    {
        var value = mapping.RequiredString(key);
        if (value is not null && !Identifiers.IsId(value))
        {
            mapping.Reader.Report(mapping.Optional(key)!, mapping.PathOf(key), $"invalid {what} '{value}': use {Identifiers.IdRule}");
            return null;
        }

        return value;
    }

    private static List<LevelMeaning> ReadLevelMeanings(MappingReader root)
    {
        var result = new List<LevelMeaning>();
        var items = root.Reader.Sequence(root.Required("levels"), "/levels");
        foreach (var (node, path) in items)
        {
            var level = root.Reader.Mapping(node, path);
            if (level is null)
            {
                continue;
            }

            var number = level.RequiredInteger("level");
            var name = level.RequiredText("name");
            var description = level.RequiredText("description");
            level.RejectUnknownKeys();
            if (number is not null && name is not null && description is not null)
            {
                result.Add(new LevelMeaning(number.Value, name, description));
            }
        }

        CheckLevelSequence(root.Reader, root.Required("levels"), "/levels", items.Count, items.Select((item, i) => (item.Node, item.Path, i)).ToList());
        return result;
    }

    /// <summary>Levels must be exactly 1..5, in order, each present once.</summary>
    private static void CheckLevelSequence(YamlReader reader, YamlNode? listNode, string listPath, int count, IReadOnlyList<(YamlNode Node, string Path, int Index)> items)
    {
        if (listNode is null)
        {
            return;
        }

        var seen = new HashSet<int>();
        foreach (var (node, path, index) in items)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("level"), out var levelNode)
                || levelNode is not YamlScalarNode { Value: { } text } || !int.TryParse(text, out var level))
            {
                continue;
            }

            if (level is < MaturityModel.LowestLevel or > MaturityModel.HighestLevel)
            {
                reader.Report(levelNode, path + "/level", $"level {level} is outside 1 to 5");
            }
            else if (!seen.Add(level))
            {
                reader.Report(levelNode, path + "/level", $"level {level} is described twice");
            }
            else if (level != index + 1)
            {
                reader.Report(levelNode, path + "/level", $"levels must be listed in order 1 to 5; found level {level} in position {index + 1}");
            }
        }

        for (var level = MaturityModel.LowestLevel; level <= MaturityModel.HighestLevel; level++)
        {
            if (!seen.Contains(level) && count <= MaturityModel.HighestLevel)
            {
                reader.Report(listNode, listPath, $"missing level description for level {level}");
            }
        }

        if (count > MaturityModel.HighestLevel)
        {
            reader.Report(listNode, listPath, $"expected exactly 5 levels, found {count}");
        }
    }

    /// <param name="declared">Receives every domain id, even of domains with problems, so blocks in them are not reported as in an unknown domain.</param>
    private static List<(Domain Domain, YamlNode Node)> ReadDomains(MappingReader root, HashSet<string> declared)
    {
        var result = new List<(Domain, YamlNode)>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (node, path) in root.Reader.Sequence(root.Required("domains"), "/domains"))
        {
            var domain = root.Reader.Mapping(node, path);
            if (domain is null)
            {
                continue;
            }

            var id = ReadId(domain, "id", "domain id");
            if (id is not null)
            {
                declared.Add(id);
            }

            var name = domain.RequiredText("name");
            var description = domain.RequiredText("description");
            var weight = ReadWeight(domain, required: true);
            domain.RejectUnknownKeys();
            if (id is not null && !seen.TryAdd(id, node))
            {
                root.Reader.Report(domain.Optional("id")!, path + "/id", $"duplicate domain id '{id}' (first defined at line {seen[id].Start.Line})");
                continue;
            }

            if (id is not null && name is not null && description is not null && weight is not null)
            {
                result.Add((new Domain(id, name, description, weight.Value), node));
            }
        }

        return result;
    }

    internal static decimal? ReadWeight(MappingReader mapping, bool required, bool allowZero = false)
    {
        var node = required ? mapping.Required("weight") : mapping.Optional("weight");
        var weight = mapping.Reader.Number(node, mapping.PathOf("weight"));
        if (weight is null)
        {
            return null;
        }

        if (weight < 0)
        {
            mapping.Reader.Report(node!, mapping.PathOf("weight"), $"negative weight {weight}; weights must be {(allowZero ? "0 or more" : "greater than 0")}");
            return null;
        }

        if (weight == 0 && !allowZero)
        {
            mapping.Reader.Report(node!, mapping.PathOf("weight"), "weight 0 would leave this out of every score; weights must be greater than 0");
            return null;
        }

        return weight;
    }

    private sealed record BlockEntry(BuildingBlock Block, YamlNode Node, string Path);

    /// <summary>A declared block's prerequisites, kept even when the block itself has problems, so they are checked too.</summary>
    private sealed record PrerequisiteEntry(string BlockId, YamlNode Node, string Path, IReadOnlyList<string> Prerequisites, IReadOnlyList<YamlNode> PrerequisiteNodes);

    /// <param name="declared">Receives every block declared, even blocks with problems, so references to them are not reported as unknown and their own prerequisites are checked.</param>
    private static List<BlockEntry> ReadBlocks(MappingReader root, List<(Domain Domain, YamlNode Node)> domains, HashSet<string> domainIds, List<PrerequisiteEntry> declared)
    {
        var result = new List<BlockEntry>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (node, path) in root.Reader.Sequence(root.Required("blocks"), "/blocks"))
        {
            var block = root.Reader.Mapping(node, path);
            if (block is null)
            {
                continue;
            }

            var id = ReadId(block, "id", "block id");
            var domainId = block.RequiredString("domain");
            if (domainId is not null && !domainIds.Contains(domainId))
            {
                root.Reader.Report(block.Optional("domain")!, path + "/domain", $"unknown domain '{domainId}'; known domains: {string.Join(", ", domainIds)}");
            }

            var name = block.RequiredText("name");
            var description = block.RequiredText("description");
            var facility = ReadFacility(block);
            var sources = ReadSources(block);
            var weight = ReadWeight(block, required: true);
            var (prerequisites, prerequisiteNodes) = ReadPrerequisites(block);
            var levels = ReadBlockLevels(block);
            block.RejectUnknownKeys();

            if (id is not null && !seen.TryAdd(id, node))
            {
                root.Reader.Report(block.Optional("id")!, path + "/id", $"duplicate block id '{id}' (first defined at line {seen[id].Start.Line})");
                continue;
            }

            if (id is not null)
            {
                declared.Add(new PrerequisiteEntry(id, node, path, prerequisites, prerequisiteNodes));
            }

            if (id is not null && domainId is not null && name is not null && description is not null && weight is not null && levels is not null)
            {
                result.Add(new BlockEntry(new BuildingBlock(id, domainId, name, description, facility, weight.Value, prerequisites, levels) { Sources = sources }, node, path));
            }
        }

        foreach (var (domain, node) in domains)
        {
            if (result.All(b => b.Block.DomainId != domain.Id))
            {
                root.Reader.Report(node, "/domains", $"domain '{domain.Id}' has no building blocks");
            }
        }

        return result;
    }

    private static Facility? ReadFacility(MappingReader block)
    {
        var facility = block.Reader.Mapping(block.Optional("facility"), block.PathOf("facility"));
        if (facility is null)
        {
            return null;
        }

        var name = facility.RequiredString("name");
        var @operator = facility.RequiredString("operator");
        facility.RejectUnknownKeys();
        return name is null || @operator is null ? null : new Facility(name, @operator);
    }

    /// <summary>The laws, standards and national facilities a block rests on, each with a link an analyst can follow.</summary>
    private static List<Source> ReadSources(MappingReader block)
    {
        var result = new List<Source>();
        foreach (var (node, path) in block.Reader.Sequence(block.Optional("sources"), block.PathOf("sources")))
        {
            var source = block.Reader.Mapping(node, path);
            if (source is null)
            {
                continue;
            }

            var title = source.RequiredString("title");
            var url = source.RequiredString("url");
            var kind = source.RequiredString("kind");
            source.RejectUnknownKeys();
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                block.Reader.Report(source.Optional("url")!, path + "/url", $"'{url}' is not an https address; give the link to the law, standard or facility");
                continue;
            }

            if (kind is not null && !SourceKinds.All.Contains(kind))
            {
                block.Reader.Report(source.Optional("kind")!, path + "/kind", $"unknown kind '{kind}'; use one of: {string.Join(", ", SourceKinds.All)}");
                continue;
            }

            if (title is not null && url is not null && kind is not null)
            {
                result.Add(new Source(title, url, kind));
            }
        }

        return result;
    }

    private static (List<string> Ids, List<YamlNode> Nodes) ReadPrerequisites(MappingReader block)
    {
        var result = new List<string>();
        var nodes = new List<YamlNode>();
        foreach (var (node, path) in block.Reader.Sequence(block.Optional("prerequisites"), block.PathOf("prerequisites")))
        {
            var id = block.Reader.String(node, path);
            if (id is null)
            {
                continue;
            }

            if (result.Contains(id))
            {
                block.Reader.Report(node, path, $"prerequisite '{id}' is listed twice");
                continue;
            }

            result.Add(id);
            nodes.Add(node);
        }

        return (result, nodes);
    }

    private static List<LocalizedText>? ReadBlockLevels(MappingReader block)
    {
        var listNode = block.Required("levels");
        var items = block.Reader.Sequence(listNode, block.PathOf("levels"));
        var descriptions = new SortedDictionary<int, LocalizedText>();
        foreach (var (node, path) in items)
        {
            var level = block.Reader.Mapping(node, path);
            if (level is null)
            {
                continue;
            }

            var number = level.RequiredInteger("level");
            var description = level.RequiredText("description");
            level.RejectUnknownKeys();
            if (number is not null && description is not null)
            {
                descriptions.TryAdd(number.Value, description);
            }
        }

        var problemsBefore = block.Reader.Problems.Count;
        CheckLevelSequence(block.Reader, listNode, block.PathOf("levels"), items.Count, items.Select((item, i) => (item.Node, item.Path, i)).ToList());
        var complete = block.Reader.Problems.Count == problemsBefore && descriptions.Count == MaturityModel.HighestLevel;
        return complete ? descriptions.Values.ToList() : null;
    }

    private static void CheckPrerequisites(YamlReader reader, List<PrerequisiteEntry> blocks)
    {
        var byId = blocks.ToDictionary(b => b.BlockId, StringComparer.Ordinal);
        foreach (var entry in blocks)
        {
            foreach (var (prerequisite, index) in entry.Prerequisites.Select((p, i) => (p, i)))
            {
                var node = entry.PrerequisiteNodes[index];
                if (prerequisite == entry.BlockId)
                {
                    reader.Report(node, $"{entry.Path}/prerequisites/{index}", $"block '{entry.BlockId}' cannot be its own prerequisite");
                }
                else if (!byId.ContainsKey(prerequisite))
                {
                    reader.Report(node, $"{entry.Path}/prerequisites/{index}", $"unknown prerequisite block '{prerequisite}'");
                }
            }
        }

        // Depth-first search; each cycle is reported once, at the block where it is closed.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var next in byId[id].Prerequisites.Where(p => byId.ContainsKey(p) && p != id))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Append(next).ToList();
                    var key = string.Join(">", cycle.Skip(1).Order(StringComparer.Ordinal));
                    if (reported.Add(key))
                    {
                        var entry = byId[id];
                        reader.Report(entry.Node, entry.Path + "/prerequisites", $"prerequisite cycle: {string.Join(" → ", cycle)}");
                    }
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
        }

        foreach (var entry in blocks.Where(b => state.GetValueOrDefault(b.BlockId) == 0))
        {
            Visit(entry.BlockId);
        }
    }
}
