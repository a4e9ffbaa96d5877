using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Benchmark.Functions.Tests;

/// <summary>Issue 18: a computed demo round downloaded as XLSX and CSV, read back and held against the API's own figures.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ExportTests(AzuriteFixture fixture)
{
    private const int Year = 2026;

    [Fact]
    public async Task TheWorkbookAndTheCsvOfAComputedDemoRoundHoldTheApisFiguresInTypedCellsUnderAFrozenHeader()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "100000" });
        var data = DemoGenerator.Generate(server.Service<QuestionnaireCatalog>(), 1, [Year]);
        await new DemoLoader(server.Service<RegisterStore>(), server.Service<CycleStore>(), server.Service<SubmissionStore>(), server.Service<CurationService>(), TimeProvider.System)
            .LoadAsync(data, new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        using (var computed = await Api.PostAsync(analyst, $"/api/v1/cycles/{Year}/benchmark"))
        {
            Assert.True(computed.IsSuccessStatusCode, await computed.Content.ReadAsStringAsync());
        }

        var list = (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Year}/submissions"))!["items"]!.AsArray()
            .ToDictionary(i => i!["municipality"]!.GetValue<string>(), i => (Status: i!["status"]!.GetValue<string>(), Index: i["index"]?.GetValue<decimal>()), StringComparer.Ordinal);
        var flags = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Year}/flags"))!;
        Assert.NotEmpty(list);
        Assert.NotEmpty(flags);

        // The workbook: a sheet per table, the header bold and frozen, numbers in numeric cells equal to the list's.
        using var xlsx = await analyst.GetAsync($"/api/v1/cycles/{Year}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"benchmark-{Year}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        Assert.Equal(ExportTables.All, workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var submissions = Sheet(workbook, ExportTables.Submissions);
        var pane = submissions.Worksheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 1d, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        var rows = submissions.Worksheet.Descendants<Row>().ToList();
        var header = rows[0].Elements<Cell>().Select(Text).ToList();
        var headerStyle = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)rows[0].Elements<Cell>().First().StyleIndex!.Value);
        Assert.NotNull(workbook.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)headerStyle.FontId!.Value).Bold);
        Assert.Equal(["Gemeentecode", "Gemeente", "Provincie", "Grootteklasse", "Status", "Versie", "Gewijzigd op", "Index", "Volledigheid (%)", "Open signalen"], header);
        Assert.Equal(list.Count, rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Elements<Cell>().ToDictionary(c => ColumnOf(c.CellReference!.Value!), StringComparer.Ordinal);
            var code = Text(cells["A"]);
            Assert.Equal(Status(list[code].Status), Text(cells["E"]));
            Assert.Null(cells["F"].DataType);
            Assert.Null(cells["G"].DataType);
            Assert.True(double.TryParse(cells["G"].CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            Assert.Equal(list[code].Index, cells.TryGetValue("H", out var index) ? decimal.Parse(index.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture) : null);
            Assert.True(cells.TryGetValue("H", out var numeric) is false || numeric.DataType is null);
        }

        Assert.Equal(flags.Count, Sheet(workbook, ExportTables.Flags).Worksheet.Descendants<Row>().Count() - 1);
        var dismissed = Sheet(workbook, ExportTables.Flags).Worksheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Single(c => ColumnOf(c.CellReference!.Value!) == "G")).ToList();
        Assert.All(dismissed, c => Assert.Equal(CellValues.Boolean, c.DataType!.Value));

        // One table as CSV: UTF-8 with a byte order mark, comma-separated, the same figures.
        using var csv = await analyst.GetAsync($"/api/v1/cycles/{Year}/export?format=csv&tabel=inzendingen");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"benchmark-{Year}-inzendingen.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var records = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(header, records[0]);
        Assert.Equal(list.Count, records.Count - 1);
        Assert.All(records.Skip(1), r =>
        {
            Assert.Equal(Status(list[r[0]].Status), r[4]);
            Assert.Equal(list[r[0]].Index, r[7].Length == 0 ? null : decimal.Parse(r[7], NumberStyles.Float, CultureInfo.InvariantCulture));
        });

        // Every table's CSV in one zip; the flags' CSV has one row per flag of the API.
        using var zip = await analyst.GetAsync($"/api/v1/cycles/{Year}/export?format=csv");
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(ExportTables.All.Select(t => t + ".csv"), archive.Entries.Select(e => e.FullName));
        using var flagsCsv = new StreamReader(archive.GetEntry("signalen.csv")!.Open(), Encoding.UTF8);
        Assert.Equal(flags.Count, ParseCsv(await flagsCsv.ReadToEndAsync()).Count - 1);
    }

    [Fact]
    public async Task AMunicipalityKeyIsRefusedAnUnknownCycleIsNotFoundAndAnUnknownFormatIsABadRequest()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var municipality = server.Client(await server.CreateKeyAsync(Role.Municipality, "GM0363"));
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));

        using var forbidden = await municipality.GetAsync($"/api/v1/cycles/{Api.Cycle}/export?format=xlsx");
        using var unknown = await analyst.GetAsync("/api/v1/cycles/1999/export?format=xlsx");
        using var format = await analyst.GetAsync($"/api/v1/cycles/{Api.Cycle}/export?format=pdf");
        using var table = await analyst.GetAsync($"/api/v1/cycles/{Api.Cycle}/export?format=csv&tabel=geheim");

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            (forbidden.StatusCode, unknown.StatusCode, format.StatusCode, table.StatusCode));
    }

    [Fact]
    public async Task TheAnalystsReportsPageLinksToTheWorkbookAndTheCsvZipDownloadedWithTheSession()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        using var analyst = await Web.WebClient.SignedInAsync(server.Address, await server.CreateKeyAsync(Role.Analyst));
        using var municipality = await Web.WebClient.SignedInAsync(server.Address, await server.CreateKeyAsync(Role.Municipality, "GM0363"));

        var page = await analyst.GetStringAsync($"/analist/{Api.Cycle}/rapporten");
        var links = Regex.Matches(page, "id=\"export-(?<format>xlsx|csv)\" href=\"(?<href>[^\"]+)\"").ToDictionary(m => m.Groups["format"].Value, m => WebUtility.HtmlDecode(m.Groups["href"].Value));
        using var xlsx = await analyst.GetAsync(links["xlsx"]);
        using var zip = await analyst.GetAsync(links["csv"]);
        using var refused = await municipality.GetAsync(links["xlsx"]);
        using var wrong = await analyst.GetAsync($"/analist/{Api.Cycle}/rapporten?handler=Export&formaat=pdf");

        Assert.Equal((HttpStatusCode.OK, $"benchmark-{Api.Cycle}.xlsx"), (xlsx.StatusCode, xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        Assert.Equal(ExportTables.All, document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        Assert.Equal((HttpStatusCode.OK, "application/zip"), (zip.StatusCode, zip.Content.Headers.ContentType?.MediaType));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    private static string Status(string apiStatus) => ExportService.StatusText(Enum.Parse<SubmissionStatus>(apiStatus, ignoreCase: true));

    private static WorksheetPart Sheet(WorkbookPart workbook, string name) =>
        (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!.Value!);

    private static string ColumnOf(string reference) => new([.. reference.TakeWhile(char.IsLetter)]);

    private static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";

    /// <summary>RFC 4180: fields split by commas, records by CRLF, quoted fields may hold both and doubled quotes.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}
