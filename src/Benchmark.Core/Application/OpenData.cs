using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// A round's open data: what may be published to anyone. Built only by <see cref="OpenDataService"/>, from the cycle's
/// current computation, with every group figure passed through small-group protection (<c>PublicGroup</c>) and only the
/// leaders who consented to be named. The JSON form is described by docs/open-data.schema.json, every field and CSV
/// column by docs/open-data.md.
/// </summary>
/// <param name="Schema">The <c>$id</c> of the JSON Schema the JSON form conforms to (<see cref="OpenDataFiles.SchemaId"/>).</param>
public sealed record OpenDataSet(
    [property: JsonPropertyName("$schema")] string Schema,
    string SchemaVersion,
    OpenDataMetadata Metadata,
    IReadOnlyList<OpenDataMeasure> Measures,
    IReadOnlyList<OpenDataGroup> Groups,
    IReadOnlyList<OpenDataStatistic> Statistics,
    IReadOnlyList<OpenDataLeader> Leaders);

/// <summary>Where the figures come from and under which terms they may be reused.</summary>
/// <param name="ComputedAt">When the computation ran (UTC).</param>
/// <param name="IncludesSubmitted">True when the computation counted submitted submissions besides approved ones.</param>
/// <param name="Participants">How many municipalities the computation counted (the n of the index in the group "all").</param>
public sealed record OpenDataMetadata(
    string Title,
    int Cycle,
    string RunId,
    DateTimeOffset ComputedAt,
    string ModelId,
    string ModelVersion,
    string QuestionnaireVersion,
    bool IncludesSubmitted,
    int Participants,
    string Licence,
    string LicenceUrl,
    string Publisher,
    string Source,
    string Documentation,
    OpenDataDisclosure Disclosure);

/// <summary>The thresholds of small-group protection the statistics were published with (docs/benchmarking.md).</summary>
public sealed record OpenDataDisclosure(int MinimumGroupSize, int OrderStatisticsFrom, int DecilesFrom, int IndexDecimals, int ScoreDecimals);

/// <summary>One thing municipalities are compared on: the index, a domain's score or a block's score.</summary>
/// <param name="Code">"index", "domain:&lt;id&gt;" or "block:&lt;id&gt;", as in <see cref="OpenDataStatistic.Measure"/>.</param>
/// <param name="Kind">"index", "domain" or "block".</param>
/// <param name="Id">The domain's or block's id; null for the index.</param>
/// <param name="DomainId">For a block, the domain it belongs to; otherwise null.</param>
public sealed record OpenDataMeasure(string Code, string Kind, string? Id, string? DomainId, string NameNl, string NameEn, decimal ScaleMin, decimal ScaleMax, int Decimals);

/// <summary>A peer group, by its definition only: never who its members are or who of them took part.</summary>
/// <param name="Kind">"all", "size-class", "coarse-size-class", "province" or "collaboration".</param>
public sealed record OpenDataGroup(string Id, string Kind, string Label);

/// <summary>
/// The statistics of one group for one measure, as small-group protection allows them: n always, the mean from 5
/// values, median and quartiles from 10, P10 and P90 from 20, all rounded down; never a minimum or maximum.
/// </summary>
/// <param name="WithheldReason">Why some or all figures are absent; null when every figure is given.</param>
public sealed record OpenDataStatistic(string Group, string Measure, int? N, decimal? Mean, decimal? Median, decimal? P10, decimal? P25, decimal? P75, decimal? P90, string? WithheldReason);

/// <summary>A leader of a building block across all municipalities that consented to be named, with the level and score the national report shows.</summary>
/// <param name="Rank">1 for the first named leader of the block, in the computation's order (score, then a fair order among equal scores).</param>
/// <param name="Score">The block score, rounded down to one decimal.</param>
public sealed record OpenDataLeader(string Block, int Rank, string MunicipalityCode, string MunicipalityName, int Level, decimal Score);

/// <summary>The stable codes of the open data's refusals.</summary>
public static class OpenDataRefusals
{
    /// <summary>A cycle that is not closed: its open data is not published yet, so only analysts may download it.</summary>
    public const string NotPublished = "open-data.not-published";

    public const string InvalidFormat = "open-data.format-invalid";
    public const string UnknownTable = "open-data.table-unknown";
}

/// <summary>The names of the open data's CSV tables: file names in the zip and the API's <c>tabel</c> values.</summary>
public static class OpenDataTables
{
    public const string Metadata = "metadata";
    public const string Measures = "measures";
    public const string Groups = "groups";
    public const string Statistics = "statistics";
    public const string Leaders = "leaders";

    public static IReadOnlyList<string> All { get; } = [Metadata, Measures, Groups, Statistics, Leaders];

    /// <summary>The table named <paramref name="name"/> (any case), or null when there is none of that name.</summary>
    public static string? Parse(string? name) =>
        All.FirstOrDefault(t => string.Equals(t, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>An open-data file to download or write.</summary>
public sealed record OpenDataFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The open data as files, in one place for the API, the pages and the CLI: <c>json</c> is one JSON document
/// (docs/open-data.schema.json); <c>csv</c> with a table is that table, without one a zip with every table. CSV as the
/// analysts' export writes it (RFC 4180, comma, CRLF, decimal point), but UTF-8 without a byte order mark and with
/// English snake_case headers, as open-data tools expect.
/// </summary>
public static class OpenDataFiles
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ZipContentType = "application/zip";

    /// <summary>The version of the open data's shape; raise the major part when a field is removed or changes meaning.</summary>
    public const string SchemaVersion = "1.0";

    /// <summary>The <c>$id</c> of docs/open-data.schema.json, written as <c>$schema</c> in every JSON file.</summary>
    public const string SchemaId = "https://benchmark.example/schema/open-data.schema.json";

    public static IReadOnlyList<string> Formats { get; } = [Json, Csv];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // Names such as Súdwest-Fryslân stay readable; the file is a download, never embedded in a page.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Checks the format and table before anything is read, so a wrong request costs nothing.</summary>
    public static Refusal? Check(string? format, string? table)
    {
        var chosen = (format ?? Json).Trim().ToLowerInvariant();
        if (!Formats.Contains(chosen))
        {
            return new Refusal(RefusalKind.Invalid, "Invalid format", $"format must be one of: {string.Join(", ", Formats)}.") { Code = OpenDataRefusals.InvalidFormat };
        }

        if (!string.IsNullOrWhiteSpace(table) && OpenDataTables.Parse(table) is null)
        {
            return new Refusal(RefusalKind.Invalid, "Unknown table", $"tabel must be one of: {string.Join(", ", OpenDataTables.All)}.") { Code = OpenDataRefusals.UnknownTable };
        }

        if (chosen == Json && !string.IsNullOrWhiteSpace(table))
        {
            return new Refusal(RefusalKind.Invalid, "Table with json", "The JSON document holds every table; tabel is for format=csv.") { Code = OpenDataRefusals.UnknownTable };
        }

        return null;
    }

    /// <summary>The file for a request that passed <see cref="Check"/>.</summary>
    public static OpenDataFile Render(OpenDataSet data, string? format, string? table)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Check(format, table) is { } refusal)
        {
            throw new ArgumentException(refusal.Detail, nameof(format));
        }

        var cycle = data.Metadata.Cycle;
        if ((format ?? Json).Trim().Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return new OpenDataFile(WriteJson(data), JsonContentType, $"open-data-{cycle}.json");
        }

        return OpenDataTables.Parse(table) is { } name
            ? new OpenDataFile(WriteCsv(Table(data, name)), ExportCsv.ContentType, $"open-data-{cycle}-{name}.csv")
            : new OpenDataFile(Zip(data), ZipContentType, $"open-data-{cycle}-csv.zip");
    }

    /// <summary>The JSON document: camelCase, indented, UTF-8 without a byte order mark, absent figures as null.</summary>
    public static byte[] WriteJson(OpenDataSet data) => JsonSerializer.SerializeToUtf8Bytes(data, JsonOptions);

    /// <summary>Every table as <c>{name}.csv</c> in one zip, in the order of <see cref="OpenDataTables.All"/>.</summary>
    public static byte[] Zip(OpenDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in OpenDataTables.All)
            {
                var entry = zip.CreateEntry(name + ".csv", CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(WriteCsv(Table(data, name)));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>One table of the open data, with its snake_case headers (docs/open-data.md lists every column).</summary>
    public static ExportTable Table(OpenDataSet data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        return name switch
        {
            OpenDataTables.Metadata => MetadataTable(data),
            OpenDataTables.Measures => new ExportTable(
                name,
                Columns(("measure", ExportColumnKind.Text), ("kind", ExportColumnKind.Text), ("id", ExportColumnKind.Text), ("domain_id", ExportColumnKind.Text), ("name_nl", ExportColumnKind.Text), ("name_en", ExportColumnKind.Text), ("scale_min", ExportColumnKind.Decimal), ("scale_max", ExportColumnKind.Decimal), ("decimals", ExportColumnKind.Integer)),
                [.. data.Measures.Select(m => Row(m.Code, m.Kind, m.Id, m.DomainId, m.NameNl, m.NameEn, m.ScaleMin, m.ScaleMax, m.Decimals))]),
            OpenDataTables.Groups => new ExportTable(
                name,
                Columns(("group_id", ExportColumnKind.Text), ("kind", ExportColumnKind.Text), ("label", ExportColumnKind.Text)),
                [.. data.Groups.Select(g => Row(g.Id, g.Kind, g.Label))]),
            OpenDataTables.Statistics => new ExportTable(
                name,
                Columns(("group_id", ExportColumnKind.Text), ("measure", ExportColumnKind.Text), ("n", ExportColumnKind.Integer), ("mean", ExportColumnKind.Decimal), ("median", ExportColumnKind.Decimal), ("p10", ExportColumnKind.Decimal), ("p25", ExportColumnKind.Decimal), ("p75", ExportColumnKind.Decimal), ("p90", ExportColumnKind.Decimal), ("withheld_reason", ExportColumnKind.Text)),
                [.. data.Statistics.Select(s => Row(s.Group, s.Measure, s.N, s.Mean, s.Median, s.P10, s.P25, s.P75, s.P90, s.WithheldReason))]),
            OpenDataTables.Leaders => new ExportTable(
                name,
                Columns(("block_id", ExportColumnKind.Text), ("rank", ExportColumnKind.Integer), ("municipality_code", ExportColumnKind.Text), ("municipality_name", ExportColumnKind.Text), ("level", ExportColumnKind.Integer), ("score", ExportColumnKind.Decimal)),
                [.. data.Leaders.Select(l => Row(l.Block, l.Rank, l.MunicipalityCode, l.MunicipalityName, l.Level, l.Score))]),
            _ => throw new ArgumentException($"The open data has no table '{name}'.", nameof(name)),
        };
    }

    /// <summary>One table as CSV: RFC 4180 as <see cref="ExportCsv"/> writes it, UTF-8 without a byte order mark.</summary>
    public static byte[] WriteCsv(ExportTable table) => ExportCsv.Write(table, byteOrderMark: false);

    private static ExportTable MetadataTable(OpenDataSet data)
    {
        var m = data.Metadata;
        string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        (string Field, string Value)[] rows =
        [
            ("schema", data.Schema),
            ("schema_version", data.SchemaVersion),
            ("title", m.Title),
            ("cycle", Number(m.Cycle)),
            ("run_id", m.RunId),
            ("computed_at", m.ComputedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("model_id", m.ModelId),
            ("model_version", m.ModelVersion),
            ("questionnaire_version", m.QuestionnaireVersion),
            ("includes_submitted", m.IncludesSubmitted ? "true" : "false"),
            ("participants", Number(m.Participants)),
            ("licence", m.Licence),
            ("licence_url", m.LicenceUrl),
            ("publisher", m.Publisher),
            ("source", m.Source),
            ("documentation", m.Documentation),
            ("minimum_group_size", Number(m.Disclosure.MinimumGroupSize)),
            ("order_statistics_from", Number(m.Disclosure.OrderStatisticsFrom)),
            ("deciles_from", Number(m.Disclosure.DecilesFrom)),
            ("index_decimals", Number(m.Disclosure.IndexDecimals)),
            ("score_decimals", Number(m.Disclosure.ScoreDecimals)),
        ];
        return new ExportTable(OpenDataTables.Metadata, Columns(("field", ExportColumnKind.Text), ("value", ExportColumnKind.Text)), [.. rows.Select(r => Row(r.Field, r.Value))]);
    }

    private static ExportColumn[] Columns(params (string Header, ExportColumnKind Kind)[] columns) => [.. columns.Select(c => new ExportColumn(c.Header, c.Kind))];

    private static object?[] Row(params object?[] values) => values;
}
