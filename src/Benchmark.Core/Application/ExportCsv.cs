using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Benchmark.Core.Application;

/// <summary>
/// The export's tables as CSV (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or
/// line break, and UTF-8 with a byte order mark so Excel opens Dutch text (ë, ĳ) right. Numbers are written with a
/// decimal point and no thousands separator, dates as yyyy-MM-dd HH:mm:ss (Dutch time), booleans as ja/nee: the same
/// text whatever the machine's culture, so a file reads back the same in R, Python or a spreadsheet's import. See
/// docs/exports.md.
/// </summary>
public static class ExportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>One table as a CSV file's bytes, header row first, with a byte order mark for Excel.</summary>
    public static byte[] Write(ExportTable table) => Write(table, byteOrderMark: true);

    /// <summary>
    /// One table as a CSV file's bytes, header row first; without a byte order mark for tools that read UTF-8 as it is
    /// (the open data, docs/open-data.md).
    /// </summary>
    public static byte[] Write(ExportTable table, bool byteOrderMark)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        AppendLine(text, table.Columns.Select(c => c.Header));
        foreach (var row in table.Rows)
        {
            AppendLine(text, row.Select(Format));
        }

        var bytes = Utf8WithBom.GetBytes(text.ToString());
        return byteOrderMark ? [.. Utf8WithBom.GetPreamble(), .. bytes] : bytes;
    }

    /// <summary>Every table as <c>{name}.csv</c> in one zip, in the export's order.</summary>
    public static byte[] Zip(RoundExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in export.Tables)
            {
                var entry = zip.CreateEntry(table.Name + ".csv", CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Write(table));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A value as its CSV field, unquoted.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "ja" : "nee",
        DateTime d => d.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }

        text.Append("\r\n");
    }
}
