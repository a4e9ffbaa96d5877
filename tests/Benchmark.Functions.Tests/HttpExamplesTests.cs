using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Benchmark.Core.Workflow;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>docs/api.http is documentation people copy from: every example runs, in order, and answers as its "expect" line says.</summary>
[Collection(AzuriteTests.Name)]
public sealed partial class HttpExamplesTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task EveryExampleInTheHttpFileAnswersAsDocumented()
    {
        // The demo as scripts/run.sh makes it: generated (seed 1), loaded with its keys, every round benchmarked and
        // the reports rendered; the examples then run with the keys the demo printed.
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["Reports:Worker"] = "false" });
        var folder = Path.Combine(Path.GetTempPath(), "benchmark-tests", Guid.NewGuid().ToString("N"));
        var keysFile = Path.Combine(folder, "demo-keys.txt");
        string[] storage = ["--storage", fixture.ConnectionString, "--table-prefix", server.TablePrefix];
        await RunCliAsync(["demo", "generate", "--seed", "1", "--out", folder]);
        await RunCliAsync(["demo", "load", "--from", folder, "--keys-out", keysFile, .. storage]);
        foreach (var year in new[] { "2024", "2025", "2026" })
        {
            await RunCliAsync(["compute", "--cycle", year, "--if-changed", .. storage]);
        }

        await RunCliAsync(["reports", "generate", "--cycle", "2026", "--lang", "nl", "en", .. storage]);
        var printed = (await File.ReadAllLinesAsync(keysFile))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0].Split('=')[0], parts => (Code: parts[0].Contains('=', StringComparison.Ordinal) ? parts[0].Split('=')[1] : "", Key: parts[^1]), StringComparer.Ordinal);

        var variables = new Dictionary<string, string>
        {
            ["base"] = server.Address.ToString().TrimEnd('/'),
            ["approvedMunicipality"] = printed["municipality"].Code,
            ["approvedKey"] = printed["municipality"].Key,
            ["councilKey"] = printed["council"].Key,
            ["municipality"] = printed["draft-municipality"].Code,
            ["municipalityKey"] = printed["draft-municipality"].Key,
            ["otherMunicipalityKey"] = printed["other-municipality"].Key,
            ["analystKey"] = printed["analyst"].Key,
        };

        // The first submitted round in code order that is complete, as the file says: the one an analyst can approve.
        using (var analyst = new HttpClient { BaseAddress = server.Address })
        {
            analyst.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", variables["analystKey"]);
            var listed = System.Text.Json.Nodes.JsonNode.Parse(await analyst.GetStringAsync("api/v1/cycles/2026/submissions?status=submitted"))!;
            variables["submittedMunicipality"] = listed["items"]!.AsArray()
                .Where(i => i!["completeness"]!.GetValue<decimal>() == 100m)
                .Select(i => i!["municipality"]!.GetValue<string>())
                .Order(StringComparer.Ordinal)
                .First();
        }

        // The codes written in the file are the demo's own, so the examples read as they run.
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "api.http"));
        Assert.Contains($"@approvedMunicipality = {variables["approvedMunicipality"]}", text, StringComparison.Ordinal);
        Assert.Contains($"@municipality = {variables["municipality"]}", text, StringComparison.Ordinal);
        Assert.Contains($"@submittedMunicipality = {variables["submittedMunicipality"]}", text, StringComparison.Ordinal);
        var examples = Parse(text, variables);
        Assert.True(examples.Count >= 15, $"{examples.Count} examples");

        using var http = new HttpClient();
        var failures = new List<string>();
        foreach (var example in examples)
        {
            using var request = new HttpRequestMessage(new HttpMethod(example.Method), example.Url);
            if (example.Body is not null)
            {
                request.Content = new StringContent(example.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = null;
            }

            foreach (var (name, value) in example.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content ??= new StringContent("");
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await http.SendAsync(request);
            if ((int)response.StatusCode != example.Expected)
            {
                failures.Add($"{example.Title}: expected {example.Expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task RunCliAsync(string[] arguments)
    {
        var run = await Api.Cli(arguments);
        Assert.True(run.ExitCode == 0, $"benchmark {string.Join(' ', arguments)}: {run.Error}");
    }

    private sealed record Example(string Title, int Expected, string Method, string Url, List<(string Name, string Value)> Headers, string? Body);

    private static List<Example> Parse(string text, Dictionary<string, string> variables)
    {
        text = Variable().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
        var examples = new List<Example>();
        foreach (var block in text.Split("\n###").Skip(1))
        {
            var lines = block.Split('\n');
            var title = lines[0].Trim();
            var expected = int.Parse(lines.First(l => l.StartsWith("# expect ", StringComparison.Ordinal))["# expect ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var rest = lines.Skip(1).Where(l => !l.StartsWith('#')).SkipWhile(string.IsNullOrWhiteSpace).ToList();
            var requestLine = rest[0].Split(' ', 2);
            var headers = rest.Skip(1).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToList();
            var body = string.Join('\n', rest.Skip(1 + headers.Count).SkipWhile(string.IsNullOrWhiteSpace)).Trim();
            examples.Add(new Example(title, expected, requestLine[0], requestLine[1].Trim(), headers, body.Length == 0 ? null : body));
        }

        return examples;
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Variable();
}
