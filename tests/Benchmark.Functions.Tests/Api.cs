using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>Helpers for talking to the API the way a client would.</summary>
internal static class Api
{
    public const int Cycle = 2026;
    public static readonly DateTimeOffset Deadline = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static string SubmissionPath(string municipality, int cycle = Cycle) => $"/api/v1/cycles/{cycle}/submissions/{municipality}";

    /// <summary>Opens the cycle through the API, as an analyst does.</summary>
    public static async Task OpenCycleAsync(ApiServer server, int cycle = Cycle, DateTimeOffset? deadline = null)
    {
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        var response = await analyst.PutAsJsonAsync($"/api/v1/cycles/{cycle}", new { deadline = deadline ?? Deadline });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A complete, valid set of answers for the current questionnaire (from the demo generator, complete ones only).</summary>
    public static JsonObject ValidSubmission(ApiServer server, string municipality, int seed = 5)
    {
        var catalog = server.Service<QuestionnaireCatalog>();
        var questionnaire = catalog.ForCycle(Cycle)!;
        var generated = DemoGenerator.Generate(catalog, seed, [Cycle]).Submissions
            // Complete, so it can be submitted, and without practice notes, so a test that wants one adds its own.
            .First(s => Benchmark.Core.Scoring.SubmissionCompleteness.IsComplete(catalog, s) && s.Answers.Values.All(a => a.PracticeNote is null));
        var json = SubmissionJson.Write(generated with { Municipality = municipality }, questionnaire);
        return JsonNode.Parse(json)!.AsObject();
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> SaveDraftAsync(HttpClient client, string municipality, JsonNode body, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, SubmissionPath(municipality) + "/draft") { Content = Json(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? etag = null, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : Json(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Imports the demo register of the cycle plus the given codes (size class 4, Utrecht), so benchmarking has a register.</summary>
    public static async Task ImportRegisterWithAsync(ApiServer server, params string[] codes)
    {
        var register = DemoGenerator.Generate(server.Service<QuestionnaireCatalog>(), 1, [Cycle]).Registers[^1];
        var extra = codes.Select(c => new Benchmark.Core.Register.Municipality(c, "Testgemeente " + c, "Testgemeente " + c, "Utrecht", 30_000, [], []));
        await server.Service<RegisterStore>().ImportAsync(register with { Municipalities = [.. register.Municipalities, .. extra] });
    }

    /// <summary>Every row of the server's submissions table, to check that nothing changed.</summary>
    public static async Task<string> SnapshotAsync(ApiServer server)
    {
        var rows = new List<string>();
        await foreach (var entity in server.Service<BenchmarkTables>().Submissions.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add($"{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
        }

        return string.Join("\n", rows.Order(StringComparer.Ordinal));
    }

    public static IReadOnlyList<string> ErrorPointers(JsonObject problem) =>
        problem["errors"]?.AsArray().Select(e => e!["pointer"]!.GetValue<string>()).ToList() ?? [];

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the benchmark command line in-process, as a person would type it.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> Cli(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Benchmark.Cli.BenchmarkCommand.RunAsync(args, new Benchmark.Cli.CliContext(output, error));
        return (code, output.ToString(), error.ToString());
    }
}
