using System.Globalization;
using System.Text.RegularExpressions;

namespace Benchmark.Core.Register;

public sealed record RegisterProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

public sealed record RegisterImportResult(MunicipalityRegister? Register, IReadOnlyList<RegisterProblem> Problems, IReadOnlyList<string> IgnoredColumns)
{
    public bool Succeeded => Register is not null && Problems.Count == 0;
}

/// <summary>
/// Imports a year's register from CSV. All or nothing: one bad row means no register, and every bad row is reported.
/// </summary>
public static partial class RegisterImporter
{
    /// <summary>The register fields and the column names recognised for each, in order of preference.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ColumnAliases = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["code"] = ["gm_code", "gmcode", "code", "gemeente_code", "gemeentecode"],
        ["name"] = ["cbs_naam", "naam", "name", "gemeentenaam", "gemeente"],
        ["shortName"] = ["naam_kort", "short_name", "roepnaam"],
        ["province"] = ["provincie", "province"],
        ["population"] = ["inwoners", "population", "aantal_inwoners", "bevolking"],
        ["sizeClass"] = ["cbs_grootteklasse", "grootteklasse", "size_class"],
        ["collaborations"] = ["samenwerkingsverbanden", "samenwerking", "collaborations"],
        ["predecessors"] = ["voorgangers", "predecessors"],
    };

    private static readonly string[] RequiredFields = ["code", "name", "province", "population"];

    private const int MaxPopulation = 2_000_000;

    [GeneratedRegex(@"^\d{1,3}([ .,\u00A0\u202F]\d{3})+$|^\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex PopulationPattern();

    /// <summary>Imports raw file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused with the line it fails on.</summary>
    public static RegisterImportResult ImportBytes(string file, byte[] bytes, int year, IReadOnlyDictionary<string, string>? columnMapping = null, char? delimiter = null)
    {
        string text;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            text = new System.Text.UnicodeEncoding(bigEndian: bytes[0] == 0xFE, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        }
        else
        {
            var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                text = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
            }
            catch (System.Text.DecoderFallbackException e)
            {
                var at = Math.Clamp(start + e.Index, 0, bytes.Length);
                var line = 1 + bytes.AsSpan(0, at).Count((byte)'\n');
                return new RegisterImportResult(null, [new RegisterProblem(file, line, "the file is not UTF-8 (names such as Súdwest-Fryslân would be garbled); save it as UTF-8, in Excel as 'CSV UTF-8'")], []);
            }
        }

        return Import(file, text, year, columnMapping, delimiter);
    }

    /// <param name="columnMapping">Register field to CSV column, overriding the recognised names (e.g. population → inwoners_2025).</param>
    public static RegisterImportResult Import(string file, string text, int year, IReadOnlyDictionary<string, string>? columnMapping = null, char? delimiter = null)
    {
        var problems = new List<RegisterProblem>();
        CsvTable table;
        try
        {
            table = CsvReader.Parse(text, delimiter);
        }
        catch (CsvFormatException e)
        {
            return new RegisterImportResult(null, [new RegisterProblem(file, e.Line, e.Problem)], []);
        }

        if (year is < 1800 or > 2200)
        {
            problems.Add(new RegisterProblem(file, 0, $"register year {year} is not plausible"));
        }

        var columns = ResolveColumns(file, table.Header, columnMapping ?? new Dictionary<string, string>(), problems);
        if (problems.Count > 0)
        {
            return new RegisterImportResult(null, problems, []);
        }

        problems.AddRange(table.Problems.Select(p => new RegisterProblem(file, p.Line, p.Problem)));
        var used = columns.Values.ToHashSet();
        var ignored = table.Header.Where((_, i) => !used.Contains(i)).ToList();
        var municipalities = new List<Municipality>();
        var codeLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var nameLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var predecessorLines = new Dictionary<string, (int Line, string Successor)>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (row.Fields.Count != table.Header.Count)
            {
                problems.Add(new RegisterProblem(file, row.Line, $"{row.Fields.Count} fields, but the header has {table.Header.Count} (a missing or extra '{table.Delimiter}', or an unquoted value containing it?)"));
                continue;
            }

            var municipality = ReadRow(file, row, columns, table.Delimiter, problems);
            if (municipality is null)
            {
                continue;
            }

            if (!codeLines.TryAdd(municipality.Code, row.Line))
            {
                problems.Add(new RegisterProblem(file, row.Line, $"code {municipality.Code} appears twice (first on line {codeLines[municipality.Code]})"));
                continue;
            }

            if (!nameLines.TryAdd(municipality.Name, row.Line))
            {
                problems.Add(new RegisterProblem(file, row.Line, $"name '{municipality.Name}' appears twice (first on line {nameLines[municipality.Name]})"));
                continue;
            }

            foreach (var predecessor in municipality.Predecessors)
            {
                if (!predecessorLines.TryAdd(predecessor, (row.Line, municipality.Code)))
                {
                    problems.Add(new RegisterProblem(file, row.Line, $"predecessor {predecessor} is also claimed by {predecessorLines[predecessor].Successor} on line {predecessorLines[predecessor].Line}"));
                }
            }

            municipalities.Add(municipality);
        }

        foreach (var (predecessor, (line, successor)) in predecessorLines)
        {
            if (codeLines.TryGetValue(predecessor, out var stillThere))
            {
                problems.Add(new RegisterProblem(file, line, $"{successor} names {predecessor} as a predecessor, but {predecessor} is itself in this register (line {stillThere}); a merged municipality no longer exists"));
            }
        }

        if (table.Rows.Count == 0)
        {
            problems.Add(new RegisterProblem(file, 1, "the file has a header but no municipalities"));
        }

        return problems.Count > 0
            ? new RegisterImportResult(null, problems.OrderBy(p => p.Line).ToList(), ignored)
            : new RegisterImportResult(new MunicipalityRegister(year, municipalities.OrderBy(m => m.Code, StringComparer.Ordinal).ToList()), [], ignored);
    }

    private static Dictionary<string, int> ResolveColumns(string file, IReadOnlyList<string> header, IReadOnlyDictionary<string, string> mapping, List<RegisterProblem> problems)
    {
        var normalized = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, column) in mapping)
        {
            if (!ColumnAliases.ContainsKey(field))
            {
                problems.Add(new RegisterProblem(file, 0, $"unknown register field '{field}' in the column mapping; fields are: {string.Join(", ", ColumnAliases.Keys)}"));
                continue;
            }

            var index = normalized.IndexOf(column.Trim().ToLowerInvariant());
            if (index < 0)
            {
                problems.Add(new RegisterProblem(file, 1, $"the mapping names column '{column}' for {field}, but the header has no such column; it has: {string.Join(", ", header)}"));
                continue;
            }

            columns[field] = index;
        }

        foreach (var (field, aliases) in ColumnAliases.Where(p => !columns.ContainsKey(p.Key)))
        {
            var index = aliases.Select(a => normalized.IndexOf(a)).FirstOrDefault(i => i >= 0, -1);
            if (index >= 0 && !columns.ContainsValue(index))
            {
                columns[field] = index;
            }
        }

        foreach (var field in RequiredFields.Where(f => !columns.ContainsKey(f)))
        {
            problems.Add(new RegisterProblem(file, 1, $"no column for {field}: expected one of {string.Join(", ", ColumnAliases[field])}, or map one with --map {field}=<column>; the header has: {string.Join(", ", header)}"));
        }

        return columns;
    }

    private static Municipality? ReadRow(string file, CsvRow row, Dictionary<string, int> columns, char delimiter, List<RegisterProblem> problems)
    {
        var before = problems.Count;
        string? Field(string name) => columns.TryGetValue(name, out var index) ? row.Fields[index].Trim() : null;
        void Problem(string message) => problems.Add(new RegisterProblem(file, row.Line, message));

        // Names end up in every report and page; a column that is imported follows the rule of all free text.
        foreach (var (field, index) in columns.OrderBy(c => c.Value))
        {
            if (Text.UnsafeText.Problem(row.Fields[index]) is { } unsafeText)
            {
                Problem($"{field} {unsafeText}");
            }
        }

        var code = NormalizeCode(Field("code")!);
        if (code is null)
        {
            Problem($"code '{Field("code")}' is not a municipality code ('GM' and four digits, e.g. GM0363)");
        }

        var name = Field("name")!;
        if (name.Length == 0)
        {
            Problem("the name is empty");
        }

        var shortName = Field("shortName");
        var province = Provinces.Normalize(Field("province")!);
        if (province is null)
        {
            Problem($"'{Field("province")}' is not a Dutch province; expected one of {string.Join(", ", Provinces.All)}");
        }

        var populationText = Field("population")!;
        int population = 0;
        if (!PopulationPattern().IsMatch(populationText)
            || !int.TryParse(new string(populationText.Where(char.IsAsciiDigit).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out population)
            || population > MaxPopulation)
        {
            Problem(populationText.Length == 0 ? "the population is empty" : $"population '{populationText}' is not a whole number of inhabitants (0 to {MaxPopulation:N0})");
        }

        if (Field("sizeClass") is { Length: > 0 } sizeClassText && problems.Count == before)
        {
            var expected = SizeClass.ForPopulation(population);
            if (!int.TryParse(sizeClassText, NumberStyles.None, CultureInfo.InvariantCulture, out var sizeClass) || sizeClass is < 1 or > 8)
            {
                Problem($"size class '{sizeClassText}' is not a CBS size class 1 to 8");
            }
            else if (sizeClass != expected.Number)
            {
                Problem($"size class {sizeClass} does not match the population {population} (class {expected})");
            }
        }

        var listSeparators = delimiter == ';' ? new[] { '|' } : new[] { ';', '|' };
        var collaborations = Split(Field("collaborations"), listSeparators);
        var predecessors = new List<string>();
        foreach (var item in Split(Field("predecessors"), listSeparators.Append(' ').ToArray()))
        {
            var predecessor = NormalizeCode(item);
            if (predecessor is null)
            {
                Problem($"predecessor '{item}' is not a municipality code");
            }
            else if (predecessor == code)
            {
                Problem($"{code} cannot be its own predecessor");
            }
            else
            {
                predecessors.Add(predecessor);
            }
        }

        return problems.Count > before
            ? null
            : new Municipality(code!, name, string.IsNullOrEmpty(shortName) ? name : shortName, province!, population, collaborations, predecessors);
    }

    private static List<string> Split(string? value, char[] separators) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>'GM0363' as is; CBS's bare digits ('363', '0363') get the prefix.</summary>
    private static string? NormalizeCode(string value)
    {
        var trimmed = value.Trim().ToUpperInvariant();
        if (MunicipalityCode.IsValid(trimmed))
        {
            return trimmed;
        }

        return trimmed.Length is >= 1 and <= 4 && trimmed.All(char.IsAsciiDigit) ? "GM" + trimmed.PadLeft(4, '0') : null;
    }
}
