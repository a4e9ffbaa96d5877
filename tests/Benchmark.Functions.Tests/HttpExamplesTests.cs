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
        await using var server = await ApiServer.StartAsync(fixture);
        await Api.OpenCycleAsync(server);
        var municipality = "GM9001";
        using (var client = server.Client(await server.CreateKeyAsync(Role.Municipality, municipality)))
        {
            // The examples start from an existing version 1, as after the demo load.
            Assert.Equal(HttpStatusCode.OK, (await Api.SaveDraftAsync(client, municipality, Api.ValidSubmission(server, municipality))).StatusCode);
        }

        var variables = new Dictionary<string, string>
        {
            ["base"] = server.Address.ToString().TrimEnd('/'),
            ["municipality"] = municipality,
            ["municipalityKey"] = await server.CreateKeyAsync(Role.Municipality, municipality),
            ["otherMunicipalityKey"] = await server.CreateKeyAsync(Role.Municipality, "GM9002"),
            ["analystKey"] = await server.CreateKeyAsync(Role.Analyst),
        };
        var examples = Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "api.http")), variables);
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
