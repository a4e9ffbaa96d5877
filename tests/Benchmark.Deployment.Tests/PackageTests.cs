using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Deployment.Tests;

/// <summary>The zip that goes to Azure holds everything the host needs and answers as the host would use it.</summary>
public sealed class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static string FunctionsFolder => Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "Functions");

    [Fact]
    public void TheZipHoldsHostJsonEveryFunctionTheQuestionnairesAndTheFontsBesideAnExecutableHandler()
    {
        using var zip = ZipFile.OpenRead(package.ZipPath);
        var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "host.json")), Read(entries["host.json"]));
        var functions = Directory.GetDirectories(FunctionsFolder);
        Assert.NotEmpty(functions);
        foreach (var function in functions)
        {
            var name = Path.GetFileName(function) + "/function.json";
            Assert.True(entries.ContainsKey(name), $"{name} is not in the package");
            Assert.Equal(File.ReadAllText(Path.Combine(function, "function.json")), Read(entries[name]));
        }

        foreach (var needed in new[] { "fonts/SourceSans3-Regular.ttf", "fonts/SourceSans3-Semibold.ttf", "fonts/SourceSans3-It.ttf", "questionnaires/model.yaml", "wwwroot/css/site.css", "wwwroot/css/utrecht-components.css" })
        {
            Assert.True(entries.TryGetValue(needed, out var entry) && entry.Length > 0, $"{needed} is missing or empty in the package");
        }

        // The host starts host.json's defaultExecutablePath; without its executable bit the start fails on Linux.
        var mode = (UnixFileMode)((entries["Benchmark.Functions"].ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"the handler's mode in the zip is {mode}");
    }

    [Fact]
    public void TheHandlerIsSelfContainedAndCompiledAheadOfTime()
    {
        // Self-contained: the runtime is in the package (the platform's 'custom' stack has no .NET of its own).
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Unpacked, "Benchmark.Functions.runtimeconfig.json")))!;
        Assert.NotNull(runtimeConfig["runtimeOptions"]!["includedFrameworks"]);
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "libcoreclr.so")));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(package.Unpacked, "Benchmark.Functions")).HasFlag(UnixFileMode.UserExecute), "unpacking lost the executable bit");

        // ReadyToRun, composite: the project's assemblies and the framework's are compiled together into one native image,
        // so generic code shared between them is not compiled again at start (a cold start took 136 ms longer without).
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "Benchmark.Functions.r2r.dll")), "the composite native image is missing");
        foreach (var assembly in new[] { "Benchmark.Core.dll", "Benchmark.Storage.dll", "Benchmark.Reports.dll", "Benchmark.Functions.dll", "System.Private.CoreLib.dll", "Microsoft.AspNetCore.Mvc.RazorPages.dll" })
        {
            using var reader = new PEReader(File.OpenRead(Path.Combine(package.Unpacked, assembly)));
            Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is not ReadyToRun");
        }
    }

    [Fact]
    public async Task TheUnpackedHandlerAnswersForwardedHttpRequestsForTheApiAndThePages()
    {
        using var health = await package.Handler.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());

        using var cycles = await Send(HttpMethod.Get, "/api/v1/cycles", package.AnalystKey);
        Assert.Equal(HttpStatusCode.OK, cycles.StatusCode);
        Assert.Contains(JsonNode.Parse(await cycles.Content.ReadAsStringAsync())!.AsArray(), c => c!["year"]!.GetValue<int>() == PackageFixture.Cycle);

        using var anonymous = await package.Handler.GetAsync("/api/v1/cycles");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var invalid = await Send(HttpMethod.Post, $"/api/v1/cycles/{PackageFixture.Cycle}/reports", package.AnalystKey, "{\"languages\": [");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);

        using var signIn = await package.Handler.GetAsync("/inloggen");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("<html lang=\"nl\"", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var css = await package.Handler.GetAsync("/assets/css/utrecht-components.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheUnpackedHandlerRendersAReportFromAQueueTriggerInvocation()
    {
        // The app puts the batch's messages on the queue; the host would take one and post it to /GenerateReport.
        var batch = await package.Storage.Service<ReportBatchService>().StartAsync(PackageFixture.Cycle, ["nl"], "test");
        Assert.True(batch.Refusal is null, batch.Refusal?.Detail);
        var queue = package.Storage.Service<ReportStorage>().Queue;
        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        var (council, text) = messages.Select(m => (Message: ReportMessage.Parse(m.MessageText), Text: m.MessageText))
            .First(m => m.Message.Batch == batch.Value!.Id && m.Message.Subject != ReportMessage.National);

        using var first = await Invoke(text, dequeueCount: 1);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);
        var answer = JsonNode.Parse(firstBody)!;
        Assert.NotNull(answer["Outputs"]); // the host reads its own casing
        Assert.True(answer.AsObject().ContainsKey("ReturnValue"));
        Assert.StartsWith("Rendered " + council.Subject, answer["Logs"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var pdf = await package.Storage.Service<ReportStorage>().Files.GetBlobClient(ReportStorage.BlobName(PackageFixture.Cycle, council.Subject, "nl", "pdf")).DownloadContentAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf.Value.Content.ToArray(), 0, 5));

        // The same message delivered again (the queue promises at least once) renders nothing twice.
        using var again = await Invoke(text, dequeueCount: 2);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already rendered", JsonNode.Parse(await again.Content.ReadAsStringAsync())!["Logs"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        using var download = await Send(HttpMethod.Get, $"/api/v1/cycles/{PackageFixture.Cycle}/submissions/{council.Subject}/report?format=pdf", package.AnalystKey);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        // An invocation the handler cannot read is a failure the host retries, with the reason in the logs.
        using var unreadable = await Invoke("not a report message", dequeueCount: 1);
        Assert.Equal(HttpStatusCode.InternalServerError, unreadable.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await unreadable.Content.ReadAsStringAsync())!["Logs"]!.AsArray());
    }

    [Fact]
    public async Task WithoutApplicationInsightsTheHandlerWritesItsTracesAndLogsToTheConsole()
    {
        using (await package.Handler.GetAsync("/api/health"))
        {
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!package.Output.Any(line => line.Contains("url.path: /api/health", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var output = package.Output.ToList();
        Assert.Contains(output, line => line.StartsWith("Activity.DisplayName:", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("url.path: /api/health", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("service.name: " + Functions.Telemetry.ServiceName, StringComparison.Ordinal));
        Assert.Contains(output, line => line.StartsWith("LogRecord.", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return package.Handler.SendAsync(request);
    }

    /// <summary>A queue trigger's invocation as the Functions host sends it to a custom handler.</summary>
    private Task<HttpResponseMessage> Invoke(string message, int dequeueCount)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = message },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Id"] = Guid.NewGuid().ToString(),
                ["InsertionTime"] = now,
                ["sys"] = new JsonObject { ["MethodName"] = ReportFunction, ["UtcNow"] = now, ["RandGuid"] = Guid.NewGuid().ToString() },
            },
        };
        return package.Handler.PostAsync("/" + ReportFunction, new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private const string ReportFunction = "GenerateReport";

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
