using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Benchmark.Testing;
using Xunit.Abstractions;

namespace Benchmark.Cli.Tests;

/// <summary>
/// The README's command-line block, run line by line as written, and its quick start's test command. The quick start's
/// run command is <see cref="ReadmeCommandsQuickStartTests"/>: it needs no shared Azurite, so it runs beside these.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class ReadmeCommandsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>Commands whose optional parts would compute or render everything again.</summary>
    private static readonly string[] ExpensiveOptions = ["./benchmark compute ", "./benchmark reports generate "];

    /// <summary>What `./benchmark` runs: `dotnet run --project src/Benchmark.Cli --configuration Release`, whose build ends up here.</summary>
    private static readonly string BuiltCli = Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Cli", "bin", "Release", "net10.0", "benchmark.dll");

    [Fact]
    public void TheQuickStartsTestCommandIsTheOneCiRuns()
    {
        // scripts/test.sh runs this suite, so a test cannot run it; what can be checked is that CI runs exactly it.
        var quickStart = Readme.Block("Quick start");
        var ci = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".ci", "run")).Select(Readme.WithoutComment).Where(l => l.Length > 0).ToList();

        Assert.Equal<string>(["scripts/run.sh", "scripts/test.sh"], quickStart);
        Assert.Equal("exec " + quickStart[1], ci[^1]);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, quickStart[1])));
    }

    [Fact]
    public async Task TheCommandLineBlockRunsAsWrittenLineByLine()
    {
        var commands = Readme.Block("The command line");
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.StartsWith("./benchmark ", c, StringComparison.Ordinal));

        // A scratch folder with copies of what the lines' relative paths read (questionnaires/, data/), so what they write stays there.
        var scratch = CliRunner.TempFolder();
        try
        {
            CopyFolder("questionnaires", scratch);
            CopyFolder("data", scratch);
            await RunLinesAsync(commands, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task RunLinesAsync(IReadOnlyList<string> commands, string scratch)
    {
        // `./benchmark` in the scratch folder stands for the repository's: the first line goes through the repository's
        // script itself (dotnet run, which builds the command line), every other line runs the DLL that build made
        // (dotnet src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll), as dotnet run would after its build, without
        // checking the build again (about 10 s a line here).
        var standIn = Path.Combine(scratch, "benchmark");
        WriteScript(standIn, $"exec '{Path.Combine(RepositoryRoot.Path, "benchmark")}' \"$@\"");

        // Every line against the collection's Azurite (BENCHMARK_STORAGE), on tables of its own (BENCHMARK_TABLE_PREFIX).
        // `reports generate` needs no app: without --enqueue-only the command line takes the queue's messages itself.
        var tables = "readme" + Guid.NewGuid().ToString("N")[..8];
        foreach (var command in commands)
        {
            // A line with optional parts runs with them and then without. Except where they would compute or render
            // everything again (tens of seconds here): `compute` and `reports generate` run without them, as the quick start
            // runs them with theirs (compute --if-changed, reports generate --lang nl en).
            var forms = Readme.Forms(command);
            if (ExpensiveOptions.Any(e => command.StartsWith(e, StringComparison.Ordinal)))
            {
                forms = [forms[^1]];
            }

            foreach (var form in forms)
            {
                // A restore without --overwrite refuses tables that hold rows, by design: it restores into empty tables,
                // as onto new storage, here another table prefix.
                var restoreIntoEmpty = form.StartsWith("./benchmark restore ", StringComparison.Ordinal) && !form.Contains("--overwrite", StringComparison.Ordinal);
                var prefix = restoreIntoEmpty ? "readme" + Guid.NewGuid().ToString("N")[..8] : tables;
                var clock = Stopwatch.StartNew();
                var result = await ShellAsync(form, scratch, prefix);
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {form}");
                Assert.True(result.ExitCode == 0, $"`{form}` (README: `{command}`) exited with {result.ExitCode}:\n{result.Output}\n{result.Error}");
                if (restoreIntoEmpty)
                {
                    Assert.Matches(@"Restored \d+ tables \([1-9]\d* rows\)", result.Output);
                }

                WriteScript(standIn, $"exec dotnet '{BuiltCli}' \"$@\"");
            }
        }

        // What the lines say they write is there: every --out and --keys-out, and a report's HTML twin beside its PDF.
        var written = commands.SelectMany(c => OutputOption().Matches(c).Select(m => (Command: c, Path: Path.Combine(scratch, m.Groups[1].Value)))).ToList();
        Assert.Contains(written, w => w.Command.StartsWith("./benchmark report ", StringComparison.Ordinal));
        foreach (var (command, path) in written)
        {
            Assert.True(File.Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any()), $"`{command}` did not write {path}.");
            if (path.EndsWith(".pdf", StringComparison.Ordinal))
            {
                Assert.StartsWith("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4), StringComparison.Ordinal);
                Assert.Contains("<html lang=", File.ReadAllText(Path.ChangeExtension(path, ".html")), StringComparison.Ordinal);
            }
        }
    }

    private static void CopyFolder(string name, string into)
    {
        var source = Path.Combine(RepositoryRoot.Path, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(into, name, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void WriteScript(string path, string command)
    {
        File.WriteAllText(path, "#!/usr/bin/env bash\nset -euo pipefail\n" + command + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>One line as a shell runs it: its quotes, its globs, in <paramref name="folder"/>.</summary>
    private async Task<CliResult> ShellAsync(string line, string folder, string tablePrefix)
    {
        var start = new ProcessStartInfo("bash", ["-c", line])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BENCHMARK_STORAGE"] = azurite.ConnectionString;
        start.Environment["BENCHMARK_TABLE_PREFIX"] = tablePrefix;
        start.Environment.Remove("BENCHMARK_STORAGE_ACCOUNT");
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TestTimeouts.ReadmeCommand);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{line}` did not finish within {TestTimeouts.ReadmeCommand.TotalMinutes:0} minutes.");
        }

        return new CliResult(process.ExitCode, await standardOutput, await standardError);
    }

    [GeneratedRegex(@"--(?:out|keys-out) (\S+)")]
    private static partial Regex OutputOption();
}

/// <summary>
/// The README's quick start, `scripts/run.sh`, run as written (from the repository root, no arguments) on free loopback
/// ports and a data folder of its own (its PORT, AZURITE_*_PORT and BENCHMARK_DATA settings), then with what it prints.
/// </summary>
public sealed partial class ReadmeCommandsQuickStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheQuickStartRunsAsWrittenAndItsPrintedKeysShowTheProduct()
    {
        var command = Readme.Block("Quick start")[0];
        Assert.Equal("scripts/run.sh", command);
        var data = Path.Combine(Path.GetTempPath(), "benchmark-readme-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // The first start: demo generated and loaded, every round benchmarked, every report rendered.
            Banner first;
            Dictionary<string, string> runs;
            await using (var run = QuickStartProcess.Start(command, QuickStartSettings.Free(data)))
            {
                var printed = await run.BannerAsync(TestTimeouts.QuickStart);
                output.WriteLine($"first start: banner after {run.Clock.Elapsed.TotalSeconds:F0} s\n{run.Timeline()}");
                first = Banner.Parse(printed, run.Tail());
                runs = ComputedRun().Matches(printed).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                Assert.True(runs.Count >= 1 && runs.ContainsKey(first.Year), $"No round was benchmarked.\n{run.Tail()}");
                Assert.True(Rendered().IsMatch(printed), $"The reports were not all rendered.\n{run.Tail()}");

                await ShowsTheProductAsync(first, data, run.Tail());

                var clock = Stopwatch.StartNew();
                await run.InterruptAsync(run.Settings.Ports, TestTimeouts.QuickStartStop);
                output.WriteLine($"first start: stopped by Ctrl+C, ports closed after {clock.Elapsed.TotalSeconds:F1} s (exit code {run.ExitCode})");
            }

            // The second start on the same data: nothing loaded again, every round keeps its run, no report is rendered again.
            await using (var run = QuickStartProcess.Start(command, QuickStartSettings.Free(data)))
            {
                var printed = await run.BannerAsync(TestTimeouts.QuickStart);
                output.WriteLine($"second start: banner after {run.Clock.Elapsed.TotalSeconds:F0} s\n{run.Timeline()}");
                var second = Banner.Parse(printed, run.Tail());
                Assert.True(printed.Contains("Storage already holds data; nothing loaded.", StringComparison.Ordinal), $"The demo was loaded again.\n{run.Tail()}");
                foreach (var (year, id) in runs)
                {
                    Assert.True(printed.Contains($"Cycle {year}: unchanged since run {id}", StringComparison.Ordinal), $"Round {year} did not keep run {id}.\n{run.Tail()}");
                }

                Assert.True(UpToDate().IsMatch(printed), $"Reports were rendered again.\n{run.Tail()}");
                Assert.Equal((first.Code, first.MunicipalityKey, first.CouncilKey, first.AnalystKey), (second.Code, second.MunicipalityKey, second.CouncilKey, second.AnalystKey));
                using var municipality = Client(second.MunicipalityKey);
                Assert.Equal(HttpStatusCode.OK, (await municipality.GetAsync($"{second.Api}/cycles/{second.Year}/submissions/{second.Code}/position")).StatusCode);

                await run.InterruptAsync(run.Settings.Ports, TestTimeouts.QuickStartStop);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it is in the temporary folder.
            }
        }
    }

    /// <summary>What the banner promises, with its own keys: the municipality's position and advice, its council's report in both languages and formats, the pages, the sample files.</summary>
    private static async Task ShowsTheProductAsync(Banner banner, string data, string tail)
    {
        using var municipality = Client(banner.MunicipalityKey);
        foreach (var path in new[] { "position", "learn-from" })
        {
            using var answer = await municipality.GetAsync($"{banner.Api}/cycles/{banner.Year}/submissions/{banner.Code}/{path}");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}\n{tail}");
        }

        // Every `curl` under "Try:" works as printed.
        Assert.Contains(banner.Tries, t => t.Url.EndsWith($"/submissions/{banner.Code}/learn-from", StringComparison.Ordinal));
        foreach (var (key, url) in banner.Tries)
        {
            using var client = Client(key);
            using var answer = await client.GetAsync(url);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{url}: {answer.StatusCode}\n{tail}");
        }

        using var council = Client(banner.CouncilKey);
        Assert.Equal($"{banner.Api}/cycles/{banner.Year}/submissions/{banner.Code}/report", banner.ReportApi);
        var dutchPdf = await council.GetByteArrayAsync(banner.ReportApi);
        var englishPdf = await council.GetByteArrayAsync(banner.ReportApi + "?lang=en");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(dutchPdf, 0, 4), StringComparison.Ordinal);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(englishPdf, 0, 4), StringComparison.Ordinal);
        Assert.NotEqual(dutchPdf, englishPdf);
        Assert.Contains("<html lang=\"nl\"", await council.GetStringAsync(banner.ReportApi + "?format=html"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", await council.GetStringAsync(banner.ReportApi + "?format=html&lang=en"), StringComparison.Ordinal);

        // The web address leads to the sign-in page, where a demo key is entered.
        using var browser = Client(null);
        using var web = await browser.GetAsync(banner.Web);
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        Assert.Equal("/inloggen", web.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("name=\"sleutel\"", await web.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The sample report's files, in the data folder the script was given (never the repository's .data).
        Assert.StartsWith(Path.GetFullPath(data) + "/", banner.SamplePdf, StringComparison.Ordinal);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(banner.SamplePdf), 0, 4), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\"", File.ReadAllText(banner.SampleHtml), StringComparison.Ordinal);
        Assert.Contains(banner.Year, banner.SamplePdf, StringComparison.Ordinal);
    }

    private static HttpClient Client(string? key)
    {
        var client = new HttpClient { Timeout = TestTimeouts.HttpRequest };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    [GeneratedRegex(@"^Cycle (\d{4}): .* benchmarked in .* \(run (\d+)\)\.$", RegexOptions.Multiline)]
    private static partial Regex ComputedRun();

    [GeneratedRegex(@"^Done: [1-9]\d* \(0 already up to date\), failed: 0,", RegexOptions.Multiline)]
    private static partial Regex Rendered();

    [GeneratedRegex(@"^Done: ([1-9]\d*) \(\1 already up to date\), failed: 0,", RegexOptions.Multiline)]
    private static partial Regex UpToDate();
}

/// <summary>What scripts/run.sh prints when it runs: addresses, demo keys, requests to try and the sample report.</summary>
internal sealed partial record Banner(
    string Web,
    string Api,
    string Year,
    string Code,
    string MunicipalityKey,
    string CouncilKey,
    string AnalystKey,
    IReadOnlyList<(string Key, string Url)> Tries,
    string ReportApi,
    string SamplePdf,
    string SampleHtml)
{
    public static Banner Parse(string printed, string tail)
    {
        string One(Regex pattern, string what)
        {
            var match = pattern.Match(printed);
            Assert.True(match.Success, $"The banner shows no {what}.\n{tail}");
            return match.Groups[1].Value;
        }

        var approved = ApprovedMunicipalityLine().Match(printed);
        Assert.True(approved.Success, $"The banner shows no approved municipality's key.\n{tail}");
        var code = approved.Groups[1].Value;
        var council = CouncilKeyLine().Match(printed);
        Assert.True(council.Success && council.Groups[1].Value == code, $"The banner shows no key of {code}'s council.\n{tail}");
        return new Banner(
            One(WebLine(), "web address"),
            One(ApiLine(), "API address"),
            approved.Groups[2].Value,
            code,
            approved.Groups[3].Value,
            council.Groups[2].Value,
            One(AnalystKeyLine(), "analyst key"),
            TryLine().Matches(printed).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList(),
            One(ReportApiLine(), "report address"),
            One(SamplePdfLine(), "sample PDF"),
            One(SampleHtmlLine(), "sample HTML"));
    }

    [GeneratedRegex(@"^  Web: +(http://\S+)", RegexOptions.Multiline)]
    private static partial Regex WebLine();

    [GeneratedRegex(@"^  API: +(http://\S+/api/v1)$", RegexOptions.Multiline)]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"^  municipality (GM\d{4}) \(round (\d{4}) approved and benchmarked\): +(\S+)$", RegexOptions.Multiline)]
    private static partial Regex ApprovedMunicipalityLine();

    [GeneratedRegex(@"^  council of (GM\d{4}): +(\S+)$", RegexOptions.Multiline)]
    private static partial Regex CouncilKeyLine();

    [GeneratedRegex(@"^  analyst: +(\S+)$", RegexOptions.Multiline)]
    private static partial Regex AnalystKeyLine();

    [GeneratedRegex(@"^  curl -H ""Authorization: Bearer (\S+)"" (http://\S+)$", RegexOptions.Multiline)]
    private static partial Regex TryLine();

    [GeneratedRegex(@"^  API: +(http://\S+/report) ", RegexOptions.Multiline)]
    private static partial Regex ReportApiLine();

    [GeneratedRegex(@"^  PDF: +file://(\S+)$", RegexOptions.Multiline)]
    private static partial Regex SamplePdfLine();

    [GeneratedRegex(@"^  HTML twin: +file://(\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleHtmlLine();
}
