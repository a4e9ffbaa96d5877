using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Reports.Exports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Benchmark.Reports.Tests;

/// <summary>The analysts' workbook (issue 18): each kind of value in a cell of its own type, readable back as written.</summary>
public sealed class WorkbookWriterTests
{
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(77, "BZ")]
    [InlineData(702, "AAA")]
    public void ColumnsAreNamedAsSpreadsheetsNameThem(int index, string name) => Assert.Equal(name, WorkbookWriter.ColumnName(index));

    [Fact]
    public void EveryKindOfValueIsACellOfItsTypeAndAnEmptyValueNoCell()
    {
        var moment = new DateTime(2026, 3, 1, 9, 30, 0);
        var table = new ExportTable("proef", [new("Tekst", ExportColumnKind.Text), new("Geheel", ExportColumnKind.Integer), new("Decimaal", ExportColumnKind.Decimal), new("Op", ExportColumnKind.DateTime), new("Ja", ExportColumnKind.Boolean)],
        [
            ["Súdwest-Fryslân", 4, 61.234567m, moment, true],
            [null, null, null, null, false],
        ]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(WorkbookWriter.Write(new RoundExport(2026, [table]))), false);

        var workbook = document.WorkbookPart!;
        var cells = workbook.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().ToDictionary(c => c.CellReference!.Value!)).ToList();
        var formats = workbook.WorkbookStylesPart!.Stylesheet;
        Assert.Equal("Súdwest-Fryslân", cells[0]["A2"].InlineString!.InnerText);
        Assert.Equal(("4", "61.234567"), (cells[0]["B2"].CellValue!.Text, cells[0]["C2"].CellValue!.Text));
        Assert.Equal(moment, DateTime.FromOADate(double.Parse(cells[0]["D2"].CellValue!.Text, CultureInfo.InvariantCulture)));
        var dateFormat = formats.CellFormats!.Elements<CellFormat>().ElementAt((int)cells[0]["D2"].StyleIndex!.Value).NumberFormatId!.Value;
        Assert.Equal(WorkbookWriter.DateTimeFormat, formats.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == dateFormat).FormatCode!.Value);
        Assert.Equal((CellValues.Boolean, "1"), (cells[0]["E2"].DataType!.Value, cells[0]["E2"].CellValue!.Text));
        Assert.Equal(["E3"], cells[1].Keys);
    }
}
