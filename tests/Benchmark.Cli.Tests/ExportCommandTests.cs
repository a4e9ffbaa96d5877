using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Benchmark.Cli.Tests;

/// <summary>
/// `benchmark export` and `benchmark open-data` against the collection's Azurite (issue 18): the workbook, a CSV and the
/// open data of one computed demo round, generated, loaded and computed once for both tests.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ExportCommandTests(AzuriteFixture storage)
{
    private static readonly Lock Gate = new();
    private static Task<Round>? computed;

    private sealed record Round(string Folder, string[] Tables);

    [Fact]
    public async Task TheCommandLineWritesTheWorkbookWithASheetPerTableAndOneTablesCsv()
    {
        var (folder, tables) = await RoundAsync();
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

    [Fact]
    public async Task TheCommandLineWritesTheOpenDataAsJsonAndAsACsvZipOfTheSameRunWithoutTheMunicipalitiesThatDidNotConsent()
    {
        var (folder, tables) = await RoundAsync();
        var jsonPath = Path.Combine(folder, "open-data.json");
        var zipPath = Path.Combine(folder, "open-data.zip");

        var json = await CliRunner.Run(["open-data", "--cycle", "2026", "--format", "json", "--out", jsonPath, .. tables]);
        var zip = await CliRunner.Run(["open-data", "--cycle", "2026", "--format", "csv", "--out", zipPath, .. tables]);
        var wrongTable = await CliRunner.Run(["open-data", "--cycle", "2026", "--format", "csv", "--table", "scores", "--out", Path.Combine(folder, "niets.csv"), .. tables]);

        Assert.True(json.ExitCode == 0, json.Error);
        Assert.True(zip.ExitCode == 0, zip.Error);
        Assert.Equal(2, wrongTable.ExitCode);
        Assert.Contains("--table must be one of", wrongTable.Error, StringComparison.Ordinal);
        var data = JsonNode.Parse(await File.ReadAllTextAsync(jsonPath))!;
        var runId = data["metadata"]!["runId"]!.GetValue<string>();
        Assert.Contains($"(run {runId})", json.Output, StringComparison.Ordinal);
        Assert.NotEmpty(data["leaders"]!.AsArray());

        // Every municipality that did not consent to be named, as the loaded submissions say, is in no file.
        var withheld = Directory.GetFiles(Path.Combine(folder, "submissions", "2026"), "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .Where(s => s["consentToBeNamed"]?.GetValue<bool>() != true)
            .Select(s => s["municipality"]!.GetValue<string>())
            .ToList();
        Assert.NotEmpty(withheld);
        var texts = new List<string> { await File.ReadAllTextAsync(jsonPath) };
        using (var archive = ZipFile.OpenRead(zipPath))
        {
            Assert.Equal(["metadata.csv", "measures.csv", "groups.csv", "statistics.csv", "leaders.csv"], archive.Entries.Select(e => e.FullName));
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                texts.Add(await reader.ReadToEndAsync());
            }
        }

        Assert.Contains($"run_id,{runId}\r\n", texts[1], StringComparison.Ordinal);
        Assert.All(texts, text => Assert.All(withheld, code => Assert.DoesNotContain(code, text, StringComparison.Ordinal)));
    }

    /// <summary>A demo round (seed 3, 2026) in its own tables, loaded and computed once for every test of the class.</summary>
    private Task<Round> RoundAsync()
    {
        lock (Gate)
        {
            return computed ??= PrepareAsync(storage.ConnectionString);
        }
    }

    private static async Task<Round> PrepareAsync(string connectionString)
    {
        var prefix = "export" + Guid.NewGuid().ToString("N")[..8];
        string[] tables = ["--storage", connectionString, "--table-prefix", prefix];
        var folder = CliRunner.TempFolder();
        var generate = await CliRunner.Run("demo", "generate", "--seed", "3", "--cycles", "2026", "--out", folder);
        Assert.True(generate.ExitCode == 0, generate.Error);
        var load = await CliRunner.Run(["demo", "load", "--from", folder, "--keys-out", Path.Combine(folder, "keys.txt"), .. tables]);
        Assert.True(load.ExitCode == 0, load.Error);
        var compute = await CliRunner.Run(["compute", "--cycle", "2026", .. tables]);
        Assert.True(compute.ExitCode == 0, compute.Error);
        return new Round(folder, tables);
    }
}
