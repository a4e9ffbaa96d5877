using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Benchmark.Core.Application;
using Benchmark.Storage;
using Benchmark.Testing;
using Benchmark.WorkerHost.Tests.Rpc;

namespace Benchmark.WorkerHost.Tests;

/// <summary>
/// The package that goes to Azure, started as the Functions host starts a .NET isolated worker and driven over the
/// host's own protocol: the functions it reports, HTTP through the catch-all function (API, pages, a form with its
/// antiforgery token), report messages through the queue trigger (rendered, and retried into the poison queue), shutdown.
/// </summary>
public sealed partial class WorkerPackageTests(WorkerPackageFixture package) : IClassFixture<WorkerPackageFixture>
{
    private const string HttpFunction = "WebPages";
    private const string ReportFunction = "GenerateReport";

    /// <summary>The visitor's address: HTTPS at the platform's front end, as in Azure (the app's cookies are Secure there).</summary>
    private static readonly Uri FrontEnd = new("https://benchmark.example.nl/");

    [Fact]
    public void TheZipHoldsTheWorkerHostJsonTheGeneratedMetadataTheQuestionnairesAndTheFonts()
    {
        using var zip = ZipFile.OpenRead(package.ZipPath);
        var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "host.json")), Read(entries["host.json"]));
        Assert.DoesNotContain(entries.Keys, name => name.EndsWith("function.json", StringComparison.Ordinal));
        foreach (var needed in new[] { "Benchmark.Functions.dll", "functions.metadata", "worker.config.json", "extensions.json", "fonts/SourceSans3-Regular.ttf", "fonts/SourceSans3-Semibold.ttf", "fonts/SourceSans3-It.ttf", "questionnaires/model.yaml", "wwwroot/css/site.css", "wwwroot/css/utrecht-components.css" })
        {
            Assert.True(entries.TryGetValue(needed, out var entry) && entry.Length > 0, $"{needed} is missing or empty in the package");
        }

        Assert.Contains(entries.Keys, name => name.StartsWith(".azurefunctions/", StringComparison.Ordinal) && name.EndsWith(".dll", StringComparison.Ordinal));
        var config = JsonNode.Parse(Read(entries["worker.config.json"]))!["description"]!;
        Assert.Equal("dotnet-isolated", config["language"]!.GetValue<string>());
    }

    [Fact]
    public void TheWorkerIsSelfContainedAndCompiledAheadOfTime()
    {
        // worker.config.json names the apphost, so the host starts the worker without a .NET of its own.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Unpacked, "worker.config.json")))!["description"]!;
        Assert.NotEqual("dotnet", config["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "libcoreclr.so")));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(package.Unpacked, "Benchmark.Functions")).HasFlag(UnixFileMode.UserExecute), "unpacking lost the executable bit");

        // Composite ReadyToRun: about half the cold start of the framework-dependent package (docs/PERFORMANCE.md).
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "Benchmark.Functions.r2r.dll")), "the composite native image is missing");
        foreach (var assembly in new[] { "Benchmark.Functions.dll", "Microsoft.Azure.Functions.Worker.Core.dll", "System.Private.CoreLib.dll", "Microsoft.AspNetCore.Mvc.RazorPages.dll" })
        {
            using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(package.Unpacked, assembly)));
            Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is not ReadyToRun");
        }
    }

    [Fact]
    public void TheWorkerReportsTheGeneratedFunctionsAndItsHttpUri()
    {
        Assert.Equal([ReportFunction, HttpFunction], package.Host.Functions.Keys.Order(StringComparer.Ordinal));
        Assert.True(package.Host.HttpUri.IsLoopback);

        var http = package.Host.Functions[HttpFunction];
        var trigger = http.Bindings.Values.Single(b => b.Direction == BindingInfo.Types.Direction.In);
        Assert.Equal("httpTrigger", trigger.Type);
        Assert.Contains(http.RawBindings, raw => raw.Contains("\"route\":\"{*path}\"", StringComparison.Ordinal));

        var queue = package.Host.Functions[ReportFunction];
        Assert.Equal("queueTrigger", queue.Bindings.Values.Single().Type);
        Assert.Contains(queue.RawBindings, raw => raw.Contains($"\"queueName\":\"{ReportStorage.QueueName}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCatchAllFunctionServesTheApiThePagesAndTheAssets()
    {
        var (health, invocation) = await Send(HttpMethod.Get, "/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);

        var (cycles, _) = await Send(HttpMethod.Get, "/api/v1/cycles", package.AnalystKey);
        Assert.Equal(HttpStatusCode.OK, cycles.StatusCode);
        Assert.Contains(JsonNode.Parse(await cycles.Content.ReadAsStringAsync())!.AsArray(), c => c!["year"]!.GetValue<int>() == WorkerPackageFixture.Cycle);
        Assert.Equal("no-store", cycles.Headers.CacheControl?.ToString());

        var (anonymous, _) = await Send(HttpMethod.Get, "/api/v1/cycles");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var (invalid, _) = await Send(HttpMethod.Post, $"/api/v1/cycles/{WorkerPackageFixture.Cycle}/reports", package.AnalystKey, "{\"languages\": [");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);

        var (openApi, _) = await Send(HttpMethod.Get, "/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var paths = JsonNode.Parse(await openApi.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        Assert.Contains("/api/v1/cycles", paths.Select(p => p.Key));
        Assert.DoesNotContain(paths, p => p.Key.Contains("path", StringComparison.Ordinal)); // not the catch-all function's route

        var (signIn, _) = await Send(HttpMethod.Get, "/inloggen");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("<html lang=\"nl\"", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(signIn.Headers.GetValues("Content-Security-Policy").SingleOrDefault());

        var (missing, _) = await Send(HttpMethod.Get, "/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType); // the app's own error page

        var (css, _) = await Send(HttpMethod.Get, "/assets/css/utrecht-components.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFormPostWithItsAntiforgeryTokenSignsInAndOneWithoutIsRefused()
    {
        var cookies = new CookieContainer();
        var (form, _) = await Send(HttpMethod.Get, "/inloggen", cookies: cookies);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync());
        Assert.True(token.Success, "the sign-in form has no antiforgery field");

        var (refused, _) = await Send(HttpMethod.Post, "/inloggen", form: new() { ["sleutel"] = package.AnalystKey, ["terug"] = "/analist" }, cookies: cookies);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var (signedIn, invocation) = await Send(HttpMethod.Post, "/inloggen", form: new() { ["__bm_af"] = WebUtility.HtmlDecode(token.Groups[1].Value), ["sleutel"] = package.AnalystKey, ["terug"] = "/analist" }, cookies: cookies);
        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(cookies.GetCookies(FrontEnd).Cast<Cookie>(), c => c.Name == "bm-sessie" && c.Secure && c.HttpOnly);

        var (analyst, _) = await Send(HttpMethod.Get, signedIn.Headers.Location!.OriginalString, cookies: cookies);
        Assert.Equal(HttpStatusCode.OK, analyst.StatusCode);
    }

    [Fact]
    public async Task AQueueMessageRendersItsReportThroughTheQueueTrigger()
    {
        var batch = await package.Storage.Service<ReportService>().StartAsync(WorkerPackageFixture.Cycle, ["nl"], "test");
        Assert.True(batch.Refusal is null, batch.Refusal?.Detail);
        var queue = package.Storage.Service<ReportStorage>().Queue;

        // As the host's listener: take the batch's messages until a council report is rendered.
        FunctionsHost.Delivery? council = null;
        for (var i = 0; i < 100 && council is null; i++)
        {
            var delivery = await package.Host.DeliverOnceAsync(ReportFunction, queue, package.Storage.Service<ReportStorage>().Poison);
            Assert.NotNull(delivery);
            var message = ReportMessage.Parse(delivery.Text);
            if (message.Batch == batch.Value!.Id)
            {
                Assert.True(delivery.Succeeded, "the invocation failed: " + delivery.Answer.Result.Exception?.Message);
                council = message.Subject == ReportMessage.National ? null : delivery;
            }
        }

        Assert.NotNull(council);
        var subject = ReportMessage.Parse(council.Text).Subject;
        var pdf = await package.Storage.Service<ReportStorage>().Files.GetBlobClient(ReportStorage.BlobName(WorkerPackageFixture.Cycle, subject, "nl", "pdf")).DownloadContentAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf.Value.Content.ToArray(), 0, 5));

        // The same message again (the queue delivers at least once) renders nothing twice, and succeeds.
        var again = await package.Host.InvokeQueueAsync(ReportFunction, council.Text, dequeueCount: 2);
        Assert.Equal(StatusResult.Types.Status.Success, again.Result.Status);

        var (download, _) = await Send(HttpMethod.Get, $"/api/v1/cycles/{WorkerPackageFixture.Cycle}/submissions/{subject}/report?format=pdf", package.AnalystKey);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AMessageThatKeepsFailingEndsInThePoisonQueueAfterMaxDequeueCount()
    {
        // Not one of the app's messages (no batch token): refused every time, rendering nothing.
        var storage = package.Storage.Service<ReportStorage>();
        var forged = System.Text.Json.JsonSerializer.Serialize(new ReportMessage("forged-" + Guid.NewGuid().ToString("N"), WorkerPackageFixture.Cycle, "GM0363", ["nl"]), BenchmarkStore.Json);
        await storage.Queue.SendMessageAsync(forged);

        var attempts = new List<FunctionsHost.Delivery>();
        for (var i = 0; i < 200 && !(await storage.Poison.PeekMessagesAsync(32)).Value.Any(m => m.MessageText == forged); i++)
        {
            var delivery = await package.Host.DeliverOnceAsync(ReportFunction, storage.Queue, storage.Poison);
            Assert.NotNull(delivery);
            if (delivery.Text == forged)
            {
                attempts.Add(delivery);
            }
        }

        Assert.True(package.Host.MaxDequeueCount == attempts.Count, $"attempts {string.Join(", ", attempts.Select(a => a.DequeueCount))}: {string.Join(" | ", attempts.Select(a => a.Answer.Result.Exception?.Message))}");
        Assert.Equal(Enumerable.Range(1, attempts.Count).Select(n => (long)n), attempts.Select(a => a.DequeueCount));
        Assert.All(attempts, a => Assert.Equal(StatusResult.Types.Status.Failure, a.Answer.Result.Status));
        Assert.Contains((await storage.Poison.PeekMessagesAsync(32)).Value, m => m.MessageText == forged);
        Assert.DoesNotContain((await storage.Queue.PeekMessagesAsync(32)).Value, m => m.MessageText == forged);
    }

    [Fact]
    public async Task ASecondWorkerStartsAnswersAndStopsOnWorkerTerminate()
    {
        await using var second = await FunctionsHost.StartAsync(package.Unpacked, package.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FrontEnd, "/api/health"));
        var (health, _) = await second.SendHttpAsync(HttpFunction, request);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var exitCode = await second.TerminateAsync(TimeSpan.FromSeconds(5));
        Assert.True(second.Worker.HasExited);
        Assert.Equal(0, exitCode);
    }

    private async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> Send(HttpMethod method, string path, string? key = null, string? json = null, Dictionary<string, string>? form = null, CookieContainer? cookies = null)
    {
        var uri = new Uri(FrontEnd, path);
        using var request = new HttpRequestMessage(method, uri);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        else if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (cookies?.GetCookieHeader(uri) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var answer = await package.Host.SendHttpAsync(HttpFunction, request);
        if (cookies is not null && answer.Response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                cookies.SetCookies(uri, cookie);
            }
        }

        return answer;
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex("name=\"__bm_af\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__bm_af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
