using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmark.Testing;
using Xunit.Abstractions;

namespace Benchmark.Functions.Tests;

/// <summary>
/// The served OpenAPI document is a contract a client can be generated from: it passes a maintained linter (Redocly CLI,
/// pinned in package-lock.json, with the rules in redocly.yaml) and says what the API really does.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class OpenApiContractTests(AzuriteFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TheServedOpenApiDocumentPassesTheLinterWithoutErrors()
    {
        var document = await ServedDocumentTextAsync();
        var file = Path.Combine(Path.GetTempPath(), $"benchmark-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (exitCode, report) = await LintAsync(file);

            // The warnings stay visible (dotnet test --logger "console;verbosity=detailed") though they do not fail the test.
            output.WriteLine(report);
            Assert.True(exitCode == 0, $"redocly lint exited with {exitCode}:\n{report}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EveryWriteOperationDescribesItsRequestBodyWithASchema()
    {
        var document = JsonNode.Parse(await ServedDocumentTextAsync())!.AsObject();

        // Closing a cycle and computing its benchmark act on the cycle in the path alone and read no body.
        var writes = Operations(document)
            .Where(o => o.Method is "post" or "put" or "patch")
            .Where(o => o.Operation["operationId"]!.GetValue<string>() is not ("CloseCycle" or "ComputeBenchmark"))
            .ToList();

        Assert.NotEmpty(writes);
        // A PATCH takes a JSON Merge Patch (RFC 7396), with its own media type; every other write takes JSON.
        Assert.All(writes, o => Assert.True(
            o.Operation["requestBody"]?["content"]?[o.Method == "patch" ? "application/merge-patch+json" : "application/json"]?["schema"] is not null,
            $"{o.Method.ToUpperInvariant()} {o.Path} has no request body schema of its media type"));
        Assert.Contains(writes, o => o.Method == "patch");
    }

    [Fact]
    public async Task TheBearerKeyIsTheSecuritySchemeOfEveryOperationButTheAnonymousOnes()
    {
        var document = JsonNode.Parse(await ServedDocumentTextAsync())!.AsObject();

        var scheme = document["components"]!["securitySchemes"]!["bearerKey"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Equal("bearerKey", document["security"]!.AsArray().Single()!.AsObject().Single().Key);

        var operations = Operations(document).ToList();
        var anonymous = operations.Where(o => o.Operation["security"] is JsonArray { Count: 0 }).Select(o => o.Path).Order().ToList();
        Assert.Equal(["/api/health"], anonymous);

        // The open data takes no key or the bearer key: anyone gets a closed cycle's, only analysts an open one's (docs/open-data.md).
        var keyOptional = operations.Where(o => o.Operation["security"] is JsonArray { Count: 2 } both && both[0]!.AsObject().Count == 0 && both[1]!.AsObject().Single().Key == "bearerKey").Select(o => o.Path).ToList();
        Assert.Equal(["/api/v1/cycles/{year}/open-data"], keyOptional);
        anonymous.AddRange(keyOptional);

        // Who may call what: every protected operation names its roles, and a municipality cannot open a cycle.
        Assert.All(operations.Where(o => !anonymous.Contains(o.Path)), o => Assert.NotEmpty(o.Operation["x-roles"]!.AsArray()));
        var openCycle = operations.Single(o => o.Operation["operationId"]?.GetValue<string>() == "OpenCycle").Operation;
        Assert.Equal(["analyst"], openCycle["x-roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("401", openCycle["responses"]!.AsObject().Select(r => r.Key));
        Assert.Contains("403", openCycle["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task OperationsWithIfMatchDocumentTheHeaderTheETagAndPreconditionFailed()
    {
        var document = JsonNode.Parse(await ServedDocumentTextAsync())!.AsObject();
        var operations = Operations(document).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(), o => o.Operation);

        foreach (var id in new[] { "SaveDraft", "SubmitSubmission", "ApproveSubmission", "RejectSubmission", "ReopenSubmission" })
        {
            var operation = operations[id];
            Assert.Contains(operation["parameters"]!.AsArray(), p => p!["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == "If-Match");
            Assert.Contains("412", operation["responses"]!.AsObject().Select(r => r.Key));
            Assert.NotNull(operation["responses"]!["200"]!["headers"]!["ETag"]);
        }

        Assert.NotNull(operations["GetSubmission"]["responses"]!["200"]!["headers"]!["ETag"]);
    }

    [Fact]
    public async Task EveryErrorResponseIsAProblemDetailsWithItsCode()
    {
        var document = JsonNode.Parse(await ServedDocumentTextAsync())!.AsObject();

        var problem = document["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.NotNull(problem["properties"]!["code"]);

        var errors = Operations(document)
            .SelectMany(o => o.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').Select(r => (o.Path, Status: r.Key, Response: r.Value!)))
            .ToList();
        Assert.True(errors.Count > 50, $"Only {errors.Count} error responses are documented.");
        Assert.Contains(errors, e => e.Path == "/api/v1/cycles/{year}" && e.Status == "404");
        Assert.Contains(errors, e => e.Path == "/api/v1/cycles/{year}/submissions/{municipality}/draft" && e.Status == "415");
        Assert.All(errors, e => Assert.True(
            e.Response["content"]?["application/problem+json"]?["schema"] is not null,
            $"{e.Path} {e.Status} is not application/problem+json"));
    }

    [Fact]
    public async Task TheMainOperationsShowExamplesOfWhatTheyTakeAndAnswer()
    {
        // The linter checks every example against its schema (no-invalid-media-type-examples); this checks they are there.
        var document = JsonNode.Parse(await ServedDocumentTextAsync())!.AsObject();
        var operations = Operations(document).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(), o => o.Operation);
        JsonNode? Example(string id, string status, string mediaType = "application/json") => operations[id]["responses"]![status]!["content"]![mediaType]!["example"];

        foreach (var id in new[] { "GetQuestionnaire", "GetSubmission", "SaveDraft", "PatchDraft", "SubmitSubmission", "GetScores", "GetPosition" })
        {
            Assert.True(Example(id, "200") is JsonObject, $"{id} has no example of its answer");
        }

        Assert.NotNull(operations["SaveDraft"]["requestBody"]!["content"]!["application/json"]!["example"]!["answers"]);
        Assert.NotNull(operations["PatchDraft"]["requestBody"]!["content"]!["application/merge-patch+json"]!["example"]!["answers"]);

        // The problems a municipality's client meets: the list of missing items, a stale and a missing If-Match.
        var incomplete = Example("SubmitSubmission", "400", "application/problem+json")!;
        Assert.Equal("submission.incomplete", incomplete["code"]!.GetValue<string>());
        Assert.All(incomplete["errors"]!.AsArray(), e => Assert.StartsWith("/answers/", e!["pointer"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("submission.stale", Example("PatchDraft", "412", "application/problem+json")!["code"]!.GetValue<string>());
        Assert.Equal("submission.version-required", Example("SaveDraft", "428", "application/problem+json")!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheDocumentNamesTheVersionedBasePath()
    {
        var document = JsonNode.Parse(await ServedDocumentTextAsync())!.AsObject();

        Assert.All(
            Operations(document).Where(o => o.Path != "/api/health"),
            o => Assert.StartsWith("/api/v1/", o.Path, StringComparison.Ordinal));
        Assert.Contains("/api/v1", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> ServedDocumentTextAsync()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var anonymous = server.Client();
        return await anonymous.GetStringAsync("/api/openapi/v1.json");
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key is "get" or "put" or "post" or "patch" or "delete"
        select (path.Key, operation.Key, operation.Value!.AsObject());

    /// <summary>Runs the pinned Redocly CLI from node_modules with node from PATH; it must not reach the network.</summary>
    private static async Task<(int ExitCode, string Output)> LintAsync(string file)
    {
        var cli = Path.Combine(RepositoryRoot.Path, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run scripts/setup.sh --npm (npm ci from package-lock.json).");
        var start = new ProcessStartInfo("node", [cli, "lint", file, "--config", Path.Combine(RepositoryRoot.Path, "redocly.yaml"), "--format", "stylish"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };

        // No usage telemetry and no update check: the tests stay off the network.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output + await error);
    }
}
