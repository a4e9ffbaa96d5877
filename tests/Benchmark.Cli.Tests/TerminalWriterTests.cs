namespace Benchmark.Cli.Tests;

/// <summary>Whatever a command prints, a control or bidirectional character in it reaches the terminal as an escape, never raw.</summary>
public sealed class TerminalWriterTests
{
    [Fact]
    public void EscAndARightToLeftOverrideArePrintedAsEscapesWhileTabsLineBreaksAndEmojiPassAsTheyAre()
    {
        using var inner = new StringWriter();
        using var terminal = new TerminalWriter(inner);

        terminal.Write("rood: \u001B[31m\tklaar\r\n");
        terminal.WriteLine($"notitie {"\u202Eesrever"} {42}");
        foreach (var c in "😀\u0000")
        {
            terminal.Write(c);
        }

        terminal.Flush();
        Assert.Equal("rood: \\u001B[31m\tklaar\r\n" + "notitie \\u202Eesrever 42" + inner.NewLine + "😀\\u0000", inner.ToString());
    }

    [Fact]
    public async Task AScoreOfAFileWhoseErrorQuotesAnEscapeSequencePrintsItEscaped()
    {
        var folder = CliRunner.TempFolder();
        var file = Path.Combine(folder, "submission.json");
        await File.WriteAllTextAsync(file, "{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"x\\u001b]0;pwned\\u0007\":1,\"answers\":{}}");

        var result = await CliRunner.Run("score", file, "--questionnaires", CliRunner.InRoot("docs", "worked-example"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown property 'x\\u001B]0;pwned\\u0007'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', result.Error);
    }

    [Fact]
    public async Task ARegisterWithAnEscapeSequenceInANameIsRefusedWithItsLineAndPrintsNothingRaw()
    {
        var folder = CliRunner.TempFolder();
        var csv = Path.Combine(folder, "gemeenten.csv");
        await File.WriteAllTextAsync(csv, "gm_code,cbs_naam,naam_kort,provincie,inwoners\nGM0001,Eerste,Eerste,Utrecht,12000\nGM0002,Twee\u001B[2Jde,Tweede,Utrecht,12000\n");

        var result = await CliRunner.Run("register", "import", csv, "--year", "2026", "--out", Path.Combine(folder, "register.json"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("gemeenten.csv:3: name contains a control character (U+001B) at position 5", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', result.Output + result.Error);
        Assert.False(File.Exists(Path.Combine(folder, "register.json")));
    }
}
