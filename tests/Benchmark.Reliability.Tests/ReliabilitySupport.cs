using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Reliability.Tests;

/// <summary>
/// The reliability runs stop and restart storage and load the machine: they run one after another, each with its own
/// Azurite, so one run's outage or load never shows up in another's numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityRuns
{
    public const string Name = "Reliability";
}

/// <summary>Talking to the API as a client would, for the reliability runs.</summary>
internal static class ReliabilityApi
{
    public const int Year = 2026;
    public static readonly DateTimeOffset Deadline = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);

    /// <summary>Far above what the runs send, so the rate limit never answers for storage.</summary>
    public static Dictionary<string, string?> Settings(bool reportWorker = false) => new()
    {
        ["RateLimit:PermitsPerMinute"] = "10000000",
        ["Reports:Worker"] = reportWorker ? "true" : "false",
    };

    public static string SubmissionPath(string municipality) => $"/api/v1/cycles/{Year}/submissions/{municipality}";

    /// <summary>Imports the demo register and opens the cycle through the API, as an analyst does; returns the register's codes.</summary>
    public static async Task<IReadOnlyList<string>> OpenCycleWithDemoRegisterAsync(ApiServer server)
    {
        var register = DemoGenerator.Generate(server.Service<QuestionnaireCatalog>(), 1, [Year]).Registers[^1];
        await server.Service<RegisterStore>().ImportAsync(register);
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        using var opened = await analyst.PutAsJsonAsync($"/api/v1/cycles/{Year}", new { deadline = Deadline });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return register.Municipalities.Select(m => m.Code).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A complete, valid set of answers (so it can also be submitted); generating it is costly, so a run makes it once and copies it per municipality with <see cref="For"/>.</summary>
    public static JsonObject ValidAnswers(ApiServer server)
    {
        var catalog = server.Service<QuestionnaireCatalog>();
        var questionnaire = catalog.ForCycle(Year)!;
        var generated = DemoGenerator.Generate(catalog, 5, [Year]).Submissions
            .First(s => ScoringEngine.Score(catalog.ModelForCycle(2026), questionnaire, s).IsComplete);
        return JsonNode.Parse(SubmissionJson.Write(generated, questionnaire))!.AsObject();
    }

    public static JsonObject For(JsonObject answers, string municipality)
    {
        var copy = answers.DeepClone().AsObject();
        copy["municipality"] = municipality;
        return copy;
    }

    /// <summary>The answer whose explanation carries each writer's mark: the first one that has an explanation.</summary>
    public static string MarkedQuestion(JsonObject answers) =>
        answers["answers"]!.AsObject().First(a => a.Value?["explanation"] is not null).Key;

    public static JsonObject WithMark(JsonObject answers, string question, string mark)
    {
        var copy = answers.DeepClone().AsObject();
        copy["answers"]![question]!["explanation"] = mark;
        return copy;
    }

    /// <summary>The mark in a submission response (GET, PUT, a version).</summary>
    public static string? MarkOf(JsonObject response, string question) =>
        response["submission"]?["answers"]?[question]?["explanation"]?.GetValue<string>();

    public static int VersionOf(HttpResponseMessage response) =>
        int.Parse(response.Headers.ETag!.Tag.Trim('"')[1..], System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<HttpResponseMessage> SaveDraftAsync(HttpClient client, string municipality, JsonNode body, string? etag, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, SubmissionPath(municipality) + "/draft")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await client.SendAsync(request, cancellationToken);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string municipality, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SubmissionPath(municipality) + "/submit");
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken = default) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/>, a few at a time, so checks do not flood Azurite.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await work(item));

    public static string Milliseconds(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
