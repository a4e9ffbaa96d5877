using System.Globalization;
using Benchmark.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Benchmark.Core.Loading;

/// <summary>
/// Reads a YAML document node by node, collecting every problem with file, line and JSON pointer
/// instead of stopping at the first. Loaders build their records from it.
/// </summary>
internal sealed class YamlReader
{
    private readonly List<LoadProblem> _problems;

    private YamlReader(string file, List<LoadProblem> problems)
    {
        File = file;
        _problems = problems;
    }

    public string File { get; }

    public IReadOnlyList<LoadProblem> Problems => _problems;

    /// <summary>Parses the text; returns the root mapping or null (with the syntax problem recorded).</summary>
    public static (YamlReader Reader, YamlMappingNode? Root) Parse(string file, string text)
    {
        var reader = new YamlReader(file, []);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                reader.Report(0, 0, "", "the file is empty");
                return (reader, null);
            }

            if (stream.Documents.Count > 1)
            {
                reader.Report(stream.Documents[1].RootNode, "", "the file holds more than one YAML document; use one per file");
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                reader.Report(stream.Documents[0].RootNode, "", "expected a mapping (key: value pairs) at the top of the file");
                return (reader, null);
            }

            return (reader, root);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is not null && e.Message == e.InnerException.Message ? e.Message : e.InnerException?.Message ?? e.Message;
            reader.Report((int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + Clean(message));
            return (reader, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet sometimes fails without a location (e.g. an unclosed '['); find the last structure that parsed.
            var (line, column) = LastGoodPosition(text);
            reader.Report(line, column, "", "YAML syntax error: the structure that starts here is not closed or is malformed (check brackets, braces and quotes)");
            return (reader, null);
        }
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var position = (Line: 1, Column: 1);
        var openings = new Stack<(int Line, int Column)>();
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart)
                {
                    openings.Push(((int)current.Start.Line, (int)current.Start.Column));
                }
                else if (current is YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd && openings.Count > 0)
                {
                    openings.Pop();
                }

                position = ((int)current.Start.Line, (int)current.Start.Column);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException)
        {
            return openings.Count > 0 ? openings.Peek() : position;
        }

        return position;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (Line: ...): "; the location is already ours.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    public void Report(YamlNode node, string path, string message) =>
        Report((int)node.Start.Line, (int)node.Start.Column, path, message);

    public void Report(int line, int column, string path, string message) =>
        _problems.Add(new LoadProblem(File, line, column, path, message));

    public MappingReader? Mapping(YamlNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(this, mapping, path);
        }

        Report(node, path, "expected a mapping (key: value pairs)");
        return null;
    }

    public IReadOnlyList<(YamlNode Node, string Path)> Sequence(YamlNode? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.Select((child, i) => (child, $"{path}/{i}")).ToList();
        }

        Report(node, path, "expected a list");
        return [];
    }

    public string? String(YamlNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        Report(node, path, "expected a text value");
        return null;
    }

    public decimal? Number(YamlNode? node, string path)
    {
        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(node!, path, $"expected a number, found '{text}'");
        return null;
    }

    public int? Integer(YamlNode? node, string path)
    {
        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(node!, path, $"expected a whole number, found '{text}'");
        return null;
    }

    public bool? Boolean(YamlNode? node, string path)
    {
        var text = String(node, path);
        return text switch
        {
            null => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => ReportBoolean(node!, path, text),
        };
    }

    private bool? ReportBoolean(YamlNode node, string path, string text)
    {
        Report(node, path, $"expected true or false, found '{text}'");
        return null;
    }
}

/// <summary>Reads the keys of one mapping; reports missing required keys and keys nobody asked for.</summary>
internal sealed class MappingReader(YamlReader reader, YamlMappingNode node, string path)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlMappingNode Node { get; } = node;

    public string Path { get; } = path;

    public YamlReader Reader { get; } = reader;

    public string PathOf(string key) => $"{Path}/{key}";

    public YamlNode? Optional(string key)
    {
        _known.Add(key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;
    }

    public YamlNode? Required(string key)
    {
        var value = Optional(key);
        if (value is null)
        {
            Reader.Report(Node, PathOf(key), $"missing required property '{key}'");
        }

        return value;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public string? RequiredString(string key) => Reader.String(Required(key), PathOf(key));

    public string? OptionalString(string key) => Reader.String(Optional(key), PathOf(key));

    public decimal? OptionalNumber(string key) => Reader.Number(Optional(key), PathOf(key));

    public int? RequiredInteger(string key) => Reader.Integer(Required(key), PathOf(key));

    public int? OptionalInteger(string key) => Reader.Integer(Optional(key), PathOf(key));

    public bool? OptionalBoolean(string key) => Reader.Boolean(Optional(key), PathOf(key));

    public LocalizedText? RequiredText(string key) => Text(Required(key), PathOf(key));

    public LocalizedText? OptionalText(string key) => Text(Optional(key), PathOf(key));

    private LocalizedText? Text(YamlNode? node, string path)
    {
        var mapping = Reader.Mapping(node, path);
        if (mapping is null)
        {
            return null;
        }

        var nl = mapping.Translation("nl", "Dutch");
        var en = mapping.Translation("en", "English");
        mapping.RejectUnknownKeys();
        return nl is null || en is null ? null : new LocalizedText(nl, en);
    }

    private string? Translation(string key, string language)
    {
        var value = Optional(key);
        var text = Reader.String(value, PathOf(key));
        if (string.IsNullOrWhiteSpace(text))
        {
            Reader.Report(value ?? Node, PathOf(key), $"missing {language} translation '{key}'");
            return null;
        }

        return text.Trim();
    }

    /// <summary>Reports every key that no reader asked for: usually a typo that would otherwise be silently ignored.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (keyNode, _) in Node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            if (!_known.Contains(key))
            {
                Reader.Report(keyNode, PathOf(key), $"unknown property '{key}'; expected one of: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
            }
        }
    }
}
