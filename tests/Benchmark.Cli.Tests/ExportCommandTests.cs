using System.Text;
using Benchmark.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Benchmark.Cli.Tests;

/// <summary>`benchmark export` against the collection's Azurite (issue 18): the workbook and a CSV of a computed demo round.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ExportCommandTests(AzuriteFixture storage)
{
    [Fact]
    public async Task TheCommandLineWritesTheWorkbookWithASheetPerTableAndOneTablesCsv()
    {
        var prefix = "export" + Guid.NewGuid().ToString("N")[..8];
        string[] tables = ["--storage", storage.ConnectionString, "--table-prefix", prefix];
        var folder = CliRunner.TempFolder();
        var generate = await CliRunner.Run("demo", "generate", "--seed", "3", "--cycles", "2026", "--out", folder);
        Assert.True(generate.ExitCode == 0, generate.Error);
        var load = await CliRunner.Run(["demo", "load", "--from", folder, "--keys-out", Path.Combine(folder, "keys.txt"), .. tables]);
        Assert.True(load.ExitCode == 0, load.Error);
        var compute = await CliRunner.Run(["compute", "--cycle", "2026", .. tables]);
        Assert.True(compute.ExitCode == 0, compute.Error);
        var workbook = Path.Combine(folder, "benchmark-2026.xlsx");
        var csv = Path.Combine(folder, "scores.csv");

        var xlsx = await CliRunner.Run(["export", "--cycle", "2026", "--format", "xlsx", "--out", workbook, .. tables]);
        var scores = await CliRunner.Run(["export", "--cycle", "2026", "--format", "csv", "--table", "scores", "--out", csv, .. tables]);
        var unknown = await CliRunner.Run(["export", "--cycle", "1999", "--out", Path.Combine(folder, "niets.xlsx"), .. tables]);

        Assert.True(xlsx.ExitCode == 0, xlsx.Error);
        Assert.True(scores.ExitCode == 0, scores.Error);
        using var document = SpreadsheetDocument.Open(workbook, false);
        Assert.Equal(["inzendingen", "antwoorden", "scores", "groepsstatistieken", "signalen"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var scoreSheet = (WorksheetPart)document.WorkbookPart.GetPartById(document.WorkbookPart.Workbook.Sheets.Elements<Sheet>().Single(s => s.Name == "scores").Id!.Value!);
        var lines = File.ReadAllText(csv, Encoding.UTF8).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Gemeentecode,Gemeente,Status,Meegeteld in benchmark,Index,", lines[0], StringComparison.Ordinal);
        Assert.Equal(scoreSheet.Worksheet.Descendants<Row>().Count(), lines.Length);
        Assert.Contains($"scores {lines.Length - 1} rows", scores.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder, "niets.xlsx")));
    }
}
