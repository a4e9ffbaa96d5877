using System.Text.Json;
using Benchmark.Functions.Tests.Client;
using Benchmark.Testing;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NJsonSchema.CodeGeneration.CSharp;

namespace Benchmark.Functions.Tests;

/// <summary>
/// The OpenAPI document is a contract a client can be built on: a maintained generator (NSwag, from NuGet) turns the
/// served document into the C# client in Client/GeneratedBenchmarkClient.cs, and a municipality's whole journey runs
/// through that client alone.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class GeneratedClientTests(AzuriteFixture fixture)
{
    private const string RegenerateCommand =
        "UPDATE_GENERATED_CLIENT=1 dotnet test tests/Benchmark.Functions.Tests -c Release --filter \"FullyQualifiedName~GeneratedClientTests.TheCommittedClientIsWhatTheGeneratorMakesOfTheServedDocument\"";

    private static string GeneratedFile => Path.Combine(RepositoryRoot.Path, "tests", "Benchmark.Functions.Tests", "Client", "GeneratedBenchmarkClient.cs");

    [Fact]
    public async Task TheCommittedClientIsWhatTheGeneratorMakesOfTheServedDocument()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        using var anonymous = server.Client();
        var json = await anonymous.GetStringAsync("/api/openapi/v1.json");

        var code = await GenerateAsync(json);

        if (Environment.GetEnvironmentVariable("UPDATE_GENERATED_CLIENT") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(GeneratedFile)!);
            await File.WriteAllTextAsync(GeneratedFile, code);
        }

        var committed = File.Exists(GeneratedFile) ? (await File.ReadAllTextAsync(GeneratedFile)).ReplaceLineEndings("\n") : "";
        Assert.True(
            committed == code,
            $"{GeneratedFile} is not what NSwag generates from the served document; regenerate it with\n{RegenerateCommand}\nand commit the change.");
    }

    [Fact]
    public async Task AMunicipalityFillsInPatchesAndSubmitsItsSelfAssessmentThroughTheGeneratedClientAlone()
    {
        const string Municipality = "GM0363";
        await using var server = await ApiServer.StartAsync(fixture);

        // The keys are issued with the command line; everything else goes through the generated client.
        using var analystHttp = server.Client(await server.CreateKeyAsync(Benchmark.Core.Workflow.Role.Analyst));
        using var municipalityHttp = server.Client(await server.CreateKeyAsync(Benchmark.Core.Workflow.Role.Municipality, Municipality));
        var analyst = new BenchmarkClient(analystHttp);
        var client = new BenchmarkClient(municipalityHttp);
        await analyst.OpenCycleAsync(Api.Cycle, new OpenCycleRequest { Deadline = Api.Deadline });

        // Read the questionnaire and answer one block's level question in a first draft.
        var questionnaire = (await client.GetQuestionnaireAsync(Api.Cycle)).Result;
        var block = questionnaire.Domains.SelectMany(d => d.Blocks).First(b => b.Questions.Any(q => q.Type == "level"));
        var level = block.Questions.First(q => q.Type == "level");
        var first = await client.SaveDraftAsync(Api.Cycle, Municipality, new SubmissionAnswers
        {
            Municipality = Municipality,
            Cycle = Api.Cycle,
            Questionnaire = questionnaire.Version,
            Answers = new Dictionary<string, Answer> { [level.Id] = new() { Value = 2, Explanation = "Aangesloten voor de meeste diensten." } },
        });
        Assert.Equal("\"v1\"", ETag(first));

        // Patch part of it: a target and consent; the answer it does not name stays.
        var patched = await client.PatchDraftAsync(Api.Cycle, Municipality, new SubmissionPatch { ConsentToBeNamed = true, Targets = new Dictionary<string, int?> { [block.Id] = 4 } }, ETag(first));
        Assert.Equal("\"v2\"", ETag(patched));
        Assert.Equal(4, patched.Result.Submission.Targets![block.Id]);
        Assert.True(patched.Result.Submission.ConsentToBeNamed);
        Assert.Equal("2", patched.Result.Submission.Answers![level.Id].Value!.ToString());

        // A colleague's change based on the first version conflicts (412), and one without If-Match is refused (428).
        var stalePatch = new SubmissionPatch { Targets = new Dictionary<string, int?> { [block.Id] = 5 } };
        var stale = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.PatchDraftAsync(Api.Cycle, Municipality, stalePatch, ETag(first)));
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal("submission.stale", stale.Result.Code);
        var blind = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.PatchDraftAsync(Api.Cycle, Municipality, stalePatch));
        Assert.Equal(428, blind.StatusCode);

        // Submitting the incomplete draft is refused with every missing item: JSON pointers to questions of the questionnaire.
        var incomplete = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.SubmitSubmissionAsync(Api.Cycle, Municipality, ETag(patched)));
        Assert.Equal(400, incomplete.StatusCode);
        Assert.Equal("submission.incomplete", incomplete.Result.Code);
        var missing = incomplete.Result.Errors!.Select(e => e.Pointer).ToList();
        var questionIds = questionnaire.Domains.SelectMany(d => d.Blocks).SelectMany(b => b.Questions).Select(q => q.Id).ToHashSet();
        Assert.NotEmpty(missing);
        Assert.All(missing, pointer => Assert.Contains(pointer.Split('/')[2], questionIds));
        Assert.DoesNotContain($"/answers/{level.Id}", missing);
        Assert.Equal(ETag(patched), ETag(await client.GetSubmissionAsync(Api.Cycle, Municipality)));

        // Complete it (a whole draft: PUT) and submit.
        var complete = JsonSerializer.Deserialize<SubmissionAnswers>(Api.ValidSubmission(server, Municipality).ToJsonString())!;
        var saved = await client.SaveDraftAsync(Api.Cycle, Municipality, complete, ETag(patched));
        var submitted = await client.SubmitSubmissionAsync(Api.Cycle, Municipality, ETag(saved));
        Assert.Equal(SubmissionStatus.Submitted, submitted.Result.Status);
        Assert.Equal("\"v4\"", ETag(submitted));

        // Read the scores of what was submitted.
        var scores = (await client.GetScoresAsync(Api.Cycle, Municipality)).Result;
        Assert.True(scores.IsComplete);
        Assert.Equal(100, scores.Completeness);
        Assert.NotNull(scores.Index);
        Assert.Contains(scores.Blocks, b => b.BlockId == block.Id && b.Status == ScoreStatus.Scored);
    }

    private static string ETag(ApiResponse response) => Assert.Single(response.Headers["ETag"]);

    /// <summary>The client as a client's developer would generate it: one class, methods named after the operation ids, typed problems.</summary>
    internal static async Task<string> GenerateAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);

        // The server is wherever the document was read from; the client takes its base address from its HttpClient.
        document.Servers.Clear();
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "BenchmarkClient",
            OperationNameGenerator = new NSwag.CodeGeneration.OperationNameGenerators.SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = true,
            WrapResponses = true,
            ResponseClass = "ApiResponse",
            ExceptionClass = "ApiException",
            GenerateOptionalParameters = true,
            CSharpGeneratorSettings =
            {
                Namespace = "Benchmark.Functions.Tests.Client",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                ClassStyle = CSharpClassStyle.Poco,
            },
        };

        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        return code.ReplaceLineEndings("\n");
    }
}
