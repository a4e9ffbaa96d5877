using System.Text.RegularExpressions;

namespace Benchmark.Cli.Tests;

public sealed partial class CommandTests
{
    [Fact]
    public async Task ValidateAcceptsEveryShippedQuestionnaireFile()
    {
        var files = Directory.GetFiles(CliRunner.InRoot("questionnaires"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

        var result = await CliRunner.Run(["questionnaire", "validate", .. files]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(files.Length, result.Output.Split('\n').Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ValidateRejectsABrokenFileNamingFileLineAndProblem()
    {
        var folder = CliRunner.TempFolder();
        foreach (var file in Directory.GetFiles(CliRunner.InRoot("questionnaires"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var model = Path.Combine(folder, "model.yaml");
        var lines = File.ReadAllLines(model);
        var weightLine = Array.FindIndex(lines, l => l.TrimStart().StartsWith("weight:", StringComparison.Ordinal));
        lines[weightLine] = lines[weightLine].Split("weight:")[0] + "weight: -3";
        File.WriteAllLines(model, lines);

        var result = await CliRunner.Run("questionnaire", "validate", model);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{model}:{weightLine + 1}:", result.Error, StringComparison.Ordinal);
        Assert.Contains("negative weight -3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterImportReports342MunicipalitiesAndTheirSizeClasses()
    {
        var output = Path.Combine(CliRunner.TempFolder(), "register-2026.json");

        var result = await CliRunner.Run("register", "import", CliRunner.RealRegisterCsv, "--year", "2026", "--out", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Imported 342 municipalities (register 2026)", result.Output, StringComparison.Ordinal);
        var counts = SizeClassLine().Matches(result.Output).Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([5, 5, 54, 181, 65, 14, 14, 4], counts);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public async Task RegisterImportWritesNothingWhenOneRowIsBad()
    {
        var folder = CliRunner.TempFolder();
        var csv = Path.Combine(folder, "bad.csv");
        var lines = File.ReadAllLines(CliRunner.RealRegisterCsv);
        lines[100] = lines[100].Replace(",", ",X", StringComparison.Ordinal);
        File.WriteAllLines(csv, lines);
        var output = Path.Combine(folder, "register.json");

        var result = await CliRunner.Run("register", "import", csv, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{csv}:101:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing imported", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task DemoGenerateThenScorePrintsIndexDomainsBlocksLevelsAndCompleteness()
    {
        var folder = CliRunner.TempFolder();

        var generate = await CliRunner.Run("demo", "generate", "--seed", "1", "--out", folder);
        Assert.True(generate.ExitCode == 0, generate.Error);
        Assert.Contains("register-2026.json: 342 municipalities", generate.Output, StringComparison.Ordinal);

        var submission = Directory.GetFiles(Path.Combine(folder, "submissions", "2026")).Order(StringComparer.Ordinal).First();
        var score = await CliRunner.Run("score", submission, "--register", Path.Combine(folder, "register-2026.json"));

        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Matches(@"Index: \d+,\d / 100", score.Output);
        Assert.Matches(@"Volledigheid: \d+,\d%", score.Output);
        Assert.Contains("Dienstverlening aan inwoners", score.Output, StringComparison.Ordinal);
        Assert.Contains("DigiD", score.Output, StringComparison.Ordinal);
        Assert.Contains("Niveau", score.Output, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileNameWithoutExtension(submission), score.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreSpeaksEnglishOnRequest()
    {
        var result = await CliRunner.Run("score", CliRunner.InRoot("docs", "worked-example", "submission.json"), "--questionnaires", CliRunner.InRoot("docs", "worked-example"), "--lang", "en");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Index: 42.5 / 100", result.Output, StringComparison.Ordinal);
        Assert.Contains("Completeness: 87.5%", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreRejectsAnInvalidSubmissionWithPointers()
    {
        var file = Path.Combine(CliRunner.TempFolder(), "bad.json");
        File.WriteAllText(file, """{"municipality":"GM9999","cycle":2026,"questionnaire":"2026","answers":{"digid.niveau":{"value":8}}}""");

        var result = await CliRunner.Run("score", file, "--questionnaires", CliRunner.InRoot("docs", "worked-example"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/answers/digid.niveau/value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileIsAClearErrorNotACrash()
    {
        var result = await CliRunner.Run("score", "/nonexistent/submission.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("file not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportRendersOneCouncilReportAndItsHtmlTwinFromFilesWithoutStorage()
    {
        var folder = CliRunner.TempFolder();
        var generate = await CliRunner.Run("demo", "generate", "--seed", "1", "--out", folder);
        Assert.True(generate.ExitCode == 0, generate.Error);
        var pdf = Path.Combine(folder, "out", "GM9007.pdf");

        // No --storage and nothing listening: the report comes from the files alone.
        var report = await CliRunner.Run("report", "gm9007", "--out", pdf, "--data", folder, "--lang", "en");

        Assert.True(report.ExitCode == 0, report.Error);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf).AsSpan(0, 5)), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", File.ReadAllText(Path.ChangeExtension(pdf, ".html")), StringComparison.Ordinal);
        Assert.Contains("Digital maturity", report.Output, StringComparison.Ordinal);

        var national = await CliRunner.Run("report", "national", "--out", Path.Combine(folder, "out", "national.pdf"), "--data", folder);
        Assert.True(national.ExitCode == 0, national.Error);
        Assert.Contains("Landelijk beeld", national.Output, StringComparison.Ordinal);

        var unknown = await CliRunner.Run("report", "GM0001", "--out", Path.Combine(folder, "out", "x.pdf"), "--data", folder);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("GM0001 has no submission in cycle 2026", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "out", "x.pdf")));

        var noData = await CliRunner.Run("report", "GM9007", "--out", Path.Combine(folder, "out", "y.pdf"), "--data", Path.Combine(folder, "missing"));
        Assert.Equal(2, noData.ExitCode);
        Assert.Contains("demo generate", noData.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+(\d)\s+.*?\s(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SizeClassLine();
}
