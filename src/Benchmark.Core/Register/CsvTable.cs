using System.Text;

namespace Benchmark.Core.Register;

/// <summary>A CSV file read per RFC 4180 (quoted fields, doubled quotes, line breaks inside quotes), with line numbers kept.</summary>
/// <param name="Problems">Rows that could not be read (a stray quote, say); they are left out of <paramref name="Rows"/> and reading goes on.</param>
public sealed record CsvTable(char Delimiter, IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows, IReadOnlyList<CsvFormatException> Problems);

/// <param name="Line">The 1-based line of the file on which the row starts.</param>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

public sealed class CsvFormatException(int line, string problem) : Exception($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

public static class CsvReader
{
    /// <summary>Parses CSV text. The delimiter is detected from the header (comma, semicolon or tab) unless given.</summary>
    public static CsvTable Parse(string text, char? delimiter = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var separator = delimiter ?? Detect(text);
        var records = new List<CsvRow>();
        var problems = new List<CsvFormatException>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quotedField = false;
        var i = 0;

        void EndField()
        {
            fields.Add(quotedField ? field.ToString() : field.ToString().Trim());
            field.Clear();
            quotedField = false;
        }

        void EndRecord()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add(new CsvRow(recordLine, fields.ToList()));
            }

            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                    i++;
                    while (i < text.Length && text[i] is ' ' or '\t' && text[i] != separator)
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] != separator && text[i] is not ('\r' or '\n'))
                    {
                        // Report the row and go on with the next line, so one stray quote does not hide every other problem.
                        problems.Add(new CsvFormatException(recordLine, $"unexpected character '{text[i]}' after a closing quote"));
                        while (i < text.Length && text[i] is not ('\r' or '\n'))
                        {
                            i++;
                        }

                        fields.Clear();
                        field.Clear();
                        quotedField = false;
                        i += i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                        line++;
                        recordLine = line;
                    }

                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                field.Append(c);
                i++;
                continue;
            }

            if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                inQuotes = true;
                quotedField = true;
                i++;
            }
            else if (c == separator)
            {
                EndField();
                i++;
            }
            else if (c is '\r' or '\n')
            {
                EndRecord();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(recordLine, "a quoted field is never closed");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        if (records.Count == 0)
        {
            throw new CsvFormatException(1, "the file is empty; expected a header row");
        }

        return new CsvTable(separator, records[0].Fields, records.Skip(1).ToList(), problems);
    }

    private static readonly char[] Candidates = [',', ';', '\t'];

    private static char Detect(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return Candidates.OrderByDescending(d => header.Count(c => c == d)).First();
    }
}
