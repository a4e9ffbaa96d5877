using System.Globalization;
using Benchmark.Core.Application;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Benchmark.Reports.Exports;

/// <summary>
/// A round's export as an Excel workbook (Open XML SDK): one sheet per table, named as the table; the header row bold,
/// frozen and filterable; numbers as numbers, moments as dates with a Dutch date-time format, yes/no as booleans, so an
/// analyst can sort, filter and compute without converting text first. Only translates <see cref="RoundExport"/>.
/// </summary>
public static class WorkbookWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The number format of moments: Dutch order, 24-hour clock.</summary>
    public const string DateTimeFormat = "dd-mm-yyyy hh:mm";

    // Style indexes into the cell formats of the stylesheet below.
    private const uint HeaderStyle = 1;
    private const uint DateTimeStyle = 2;
    private const uint DecimalStyle = 3;
    private const uint DateTimeFormatId = 164;

    private const double MinimumWidth = 8;
    private const double MaximumWidth = 60;

    public static byte[] Write(RoundExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var table in export.Tables)
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = Worksheet(table);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = sheetId++, Name = table.Name });
            }

            workbookPart.Workbook.Save();
        }

        return buffer.ToArray();
    }

    /// <summary>The letters of a 0-based column index: A, B, …, Z, AA, AB, …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Worksheet Worksheet(ExportTable table)
    {
        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < table.Columns.Count; c++)
        {
            header.Append(TextCell(ColumnName(c) + "1", table.Columns[c].Header, HeaderStyle));
        }

        data.Append(header);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var rowIndex = (uint)(r + 2);
            var row = new Row { RowIndex = rowIndex };
            var values = table.Rows[r];
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (Cell(ColumnName(c) + rowIndex.ToString(CultureInfo.InvariantCulture), c < values.Count ? values[c] : null) is { } cell)
                {
                    row.Append(cell);
                }
            }

            data.Append(row);
        }

        var lastColumn = ColumnName(Math.Max(table.Columns.Count - 1, 0));
        var worksheet = new Worksheet(
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0 }),
            Columns(table),
            data);
        worksheet.Append(new AutoFilter { Reference = $"A1:{lastColumn}{table.Rows.Count + 1}" });
        return worksheet;
    }

    private static Columns Columns(ExportTable table)
    {
        var columns = new Columns();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            // Wide enough for the header (plus the filter button) and the longest of the first rows, within bounds:
            // long explanations wrap in the formula bar rather than pushing every other column off the screen.
            var longest = table.Rows.Take(200).Select(r => c < r.Count ? ExportCsv.Format(r[c]).Length : 0).DefaultIfEmpty(0).Max();
            var width = table.Columns[c].Kind == ExportColumnKind.DateTime ? 17 : Math.Max(table.Columns[c].Header.Length + 3, longest + 1);
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Clamp(width, MinimumWidth, MaximumWidth), CustomWidth = true });
        }

        return columns;
    }

    private static Cell? Cell(string reference, object? value) => value switch
    {
        null => null,
        string s => TextCell(reference, s, 0),
        bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        DateTime d => new Cell { CellReference = reference, StyleIndex = DateTimeStyle, CellValue = new CellValue(d.ToOADate().ToString("R", CultureInfo.InvariantCulture)) },
        decimal m => new Cell { CellReference = reference, StyleIndex = DecimalStyle, CellValue = new CellValue(m.ToString(CultureInfo.InvariantCulture)) },
        int i => new Cell { CellReference = reference, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) },
        long l => new Cell { CellReference = reference, CellValue = new CellValue(l.ToString(CultureInfo.InvariantCulture)) },
        _ => TextCell(reference, ExportCsv.Format(value), 0),
    };

    // Inline strings rather than a shared-string table: every reader understands them, and the writer stays one pass.
    private static Cell TextCell(string reference, string text, uint style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = DateTimeFormat }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = DateTimeFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },

            // 0.00: two decimals shown, the full value kept in the cell for calculations.
            new CellFormat { NumberFormatId = 2, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
