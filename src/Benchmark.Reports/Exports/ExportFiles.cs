using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Reports.Exports;

/// <summary>A round's export as one file to download or write.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>The stable codes of an export request's refusals.</summary>
public static class ExportRefusals
{
    public const string InvalidFormat = "export.format-invalid";
    public const string UnknownTable = "export.table-unknown";
}

/// <summary>
/// Which file a request for an export gets, in one place for the API, the analyst pages and the CLI: <c>xlsx</c> is the
/// workbook with every table; <c>csv</c> with a table is that table's CSV, and without one a zip of every table's CSV.
/// </summary>
public static class ExportFiles
{
    public const string Xlsx = "xlsx";
    public const string Csv = "csv";
    public const string ZipContentType = "application/zip";

    public static IReadOnlyList<string> Formats { get; } = [Xlsx, Csv];

    /// <summary>Checks the format and table before the export is built, so a wrong request costs no reading.</summary>
    public static Refusal? Check(string? format, string? table)
    {
        var chosen = (format ?? Xlsx).Trim().ToLowerInvariant();
        if (!Formats.Contains(chosen))
        {
            return new Refusal(RefusalKind.Invalid, "Invalid format", $"format must be one of: {string.Join(", ", Formats)}.") { Code = ExportRefusals.InvalidFormat };
        }

        if (!string.IsNullOrWhiteSpace(table) && ExportTables.Parse(table) is null)
        {
            return new Refusal(RefusalKind.Invalid, "Unknown table", $"tabel must be one of: {string.Join(", ", ExportTables.All)}.") { Code = ExportRefusals.UnknownTable };
        }

        if (chosen == Xlsx && !string.IsNullOrWhiteSpace(table))
        {
            return new Refusal(RefusalKind.Invalid, "Table with xlsx", "The workbook holds every table as a sheet; tabel is for format=csv.") { Code = ExportRefusals.UnknownTable };
        }

        return null;
    }

    /// <summary>The file for a request that passed <see cref="Check"/>.</summary>
    public static ExportFile Render(RoundExport export, string? format, string? table)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (Check(format, table) is { } refusal)
        {
            throw new ArgumentException(refusal.Detail, nameof(format));
        }

        if ((format ?? Xlsx).Trim().Equals(Xlsx, StringComparison.OrdinalIgnoreCase))
        {
            return new ExportFile(WorkbookWriter.Write(export), WorkbookWriter.ContentType, $"benchmark-{export.Cycle}.xlsx");
        }

        return ExportTables.Parse(table) is { } name
            ? new ExportFile(ExportCsv.Write(export.Table(name)!), ExportCsv.ContentType, $"benchmark-{export.Cycle}-{name}.csv")
            : new ExportFile(ExportCsv.Zip(export), ZipContentType, $"benchmark-{export.Cycle}-csv.zip");
    }
}
