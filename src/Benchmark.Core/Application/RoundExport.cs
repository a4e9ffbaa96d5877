namespace Benchmark.Core.Application;

/// <summary>What a column holds, so every writer (CSV, XLSX) types its cells the same way.</summary>
public enum ExportColumnKind
{
    Text,
    Integer,
    Decimal,

    /// <summary>A moment in Dutch time (a <see cref="DateTime"/> of kind Unspecified): what analysts read on Dutch clocks.</summary>
    DateTime,
    Boolean,
}

/// <summary>One column: its Dutch header and what kind of value its cells hold.</summary>
public sealed record ExportColumn(string Header, ExportColumnKind Kind);

/// <summary>
/// One table of a round's export: a sheet of the workbook, one CSV file. Each row holds one value per column, of the
/// column's kind (<see cref="string"/>, <see cref="int"/>, <see cref="decimal"/>, <see cref="DateTime"/>, <see cref="bool"/>)
/// or null for an empty cell.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public int ColumnIndex(string header)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Header, header, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Table {Name} has no column '{header}'.", nameof(header));
    }
}

/// <summary>A round (cycle) for analysts, table by table, in the order of <see cref="ExportTables.All"/>.</summary>
public sealed record RoundExport(int Cycle, IReadOnlyList<ExportTable> Tables)
{
    public ExportTable? Table(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}

/// <summary>The names of the export's tables: sheet names of the workbook, CSV file names, and the API's <c>tabel</c> values.</summary>
public static class ExportTables
{
    public const string Submissions = "inzendingen";
    public const string Answers = "antwoorden";
    public const string Scores = "scores";
    public const string GroupStatistics = "groepsstatistieken";
    public const string Flags = "signalen";

    public static IReadOnlyList<string> All { get; } = [Submissions, Answers, Scores, GroupStatistics, Flags];

    /// <summary>The table named <paramref name="name"/> (any case), or null when there is none of that name.</summary>
    public static string? Parse(string? name) =>
        All.FirstOrDefault(t => string.Equals(t, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
