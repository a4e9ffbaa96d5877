using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Benchmark.Core.Benchmarking;

/// <summary>What a measure is of: the index, one domain or one block.</summary>
public enum MeasureKind
{
    Index,
    Domain,
    Block,
}

/// <summary>
/// One thing the benchmark compares municipalities on: the index, a domain's score or a block's score. Written as text
/// ("index", "domain:&lt;id&gt;", "block:&lt;id&gt;") in stored results and in the API, as a value and as a dictionary
/// key; <see cref="Parse"/> reads that text back. An id may itself contain ':': only the first one separates the kind.
/// The default value is the index.
/// </summary>
[JsonConverter(typeof(MeasureJsonConverter))]
public readonly record struct Measure
{
    private const string IndexText = "index";
    private const string DomainPrefix = "domain:";
    private const string BlockPrefix = "block:";

    private Measure(MeasureKind kind, string? id)
    {
        Kind = kind;
        Id = id;
    }

    public MeasureKind Kind { get; }

    /// <summary>The domain's or block's id; null for the index.</summary>
    public string? Id { get; }

    /// <summary>The index: a municipality's overall score.</summary>
    public static Measure Index => default;

    public bool IsIndex => Kind == MeasureKind.Index;

    /// <summary>The score of one domain.</summary>
    public static Measure Domain(string domainId) => new(MeasureKind.Domain, RequireId(domainId, nameof(domainId)));

    /// <summary>The score of one block.</summary>
    public static Measure Block(string blockId) => new(MeasureKind.Block, RequireId(blockId, nameof(blockId)));

    /// <summary>The measure as it is written in stored results and the API: "index", "domain:&lt;id&gt;" or "block:&lt;id&gt;".</summary>
    public override string ToString() => Kind switch
    {
        MeasureKind.Domain => DomainPrefix + Id,
        MeasureKind.Block => BlockPrefix + Id,
        _ => IndexText,
    };

    /// <summary>Reads what <see cref="ToString"/> writes.</summary>
    /// <exception cref="FormatException">The text is not "index", "domain:&lt;id&gt;" or "block:&lt;id&gt;".</exception>
    public static Measure Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var measure) ? measure : throw new FormatException(Unknown(text));
    }

    /// <summary>Reads what <see cref="ToString"/> writes; false for anything else, an empty id included.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Measure measure)
    {
        measure = default;
        if (text is null)
        {
            return false;
        }

        if (text == IndexText)
        {
            return true;
        }

        var kind = text.StartsWith(DomainPrefix, StringComparison.Ordinal) ? MeasureKind.Domain
            : text.StartsWith(BlockPrefix, StringComparison.Ordinal) ? MeasureKind.Block
            : (MeasureKind?)null;
        var id = kind switch
        {
            MeasureKind.Domain => text[DomainPrefix.Length..],
            MeasureKind.Block => text[BlockPrefix.Length..],
            _ => "",
        };
        if (kind is null || id.Length == 0)
        {
            return false;
        }

        measure = new Measure(kind.Value, id);
        return true;
    }

    internal static string Unknown(string text) =>
        $"Unknown measure '{text}': a measure is '{IndexText}', '{DomainPrefix}<domain id>' or '{BlockPrefix}<block id>'.";

    private static string RequireId(string id, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, parameter);
        return id;
    }
}

/// <summary>A <see cref="Measure"/> in JSON is its text, as a value and as a property name (a dictionary key).</summary>
public sealed class MeasureJsonConverter : JsonConverter<Measure>
{
    public override Measure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? FromText(reader.GetString()) : throw new JsonException($"A measure is a string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, Measure value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    public override Measure ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => FromText(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, [DisallowNull] Measure value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }

    private static Measure FromText(string? text) => Measure.TryParse(text, out var measure) ? measure : throw new JsonException(Measure.Unknown(text ?? "null"));
}
