using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Benchmark.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Functions.Tests;

/// <summary>The Functions host only forwards what a function.json declares: every route needs one, and every one needs its route.</summary>
public sealed partial class FunctionManifestTests
{
    private static string FunctionsFolder => Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "Functions");

    [Fact]
    public void EveryRouteHasItsFunctionJsonAndEveryFunctionJsonHasItsRoute()
    {
        // As under the Functions host, where the queue trigger's route is mapped too.
        var app = BenchmarkApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:MapQueueTrigger"] = "true", ["Reports:Worker"] = "false" }));
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

        // The web pages share one catch-all function, which sends every path no other function claims to the handler.
        var pages = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.False(page.RoutePattern.RawText!.StartsWith("api/", StringComparison.OrdinalIgnoreCase), $"page {page.RoutePattern.RawText} is under /api, which the catch-all does not serve"));
        var routes = endpoints.Except(pages)
            .Select(e => (
                Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(unnamed) " + e.RoutePattern.RawText,
                Route: Normalize(e.RoutePattern.RawText!),
                Methods: string.Join(",", (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal))))
            .Append((Name: WebPagesFunction, Route: "/{*path}", Methods: "get,post"))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var functions = Directory.GetDirectories(FunctionsFolder).Select(folder =>
            {
                var name = Path.GetFileName(folder);
                var trigger = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!["bindings"]!.AsArray().First(b => b!["direction"]!.GetValue<string>() == "in")!;
                return trigger["type"]!.GetValue<string>() == "httpTrigger"
                    ? (
                        Name: name,
                        Route: Normalize("/" + trigger["route"]!.GetValue<string>()),
                        Methods: string.Join(",", trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToLowerInvariant()).Order(StringComparer.Ordinal)))

                    // Any other trigger reaches a custom handler as a POST to /{function name}.
                    : (Name: name, Route: Normalize("/" + name), Methods: "post");
            })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(routes);
        Assert.Equal(routes, functions);
    }

    private const string WebPagesFunction = "WebPages";

    [Fact]
    public void TheWebPagesFunctionTakesEveryPathAndMethodThePagesUse()
    {
        var trigger = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, WebPagesFunction, "function.json")))!["bindings"]![0]!;

        Assert.Equal("{*path}", trigger["route"]!.GetValue<string>());
        Assert.Equal(["get", "post"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("anonymous", trigger["authLevel"]!.GetValue<string>()); // the app itself signs users in
    }

    [Fact]
    public void TheReportQueueTriggerListensOnTheQueueTheAppWritesTo()
    {
        var binding = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, "GenerateReport", "function.json")))!["bindings"]![0]!;
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "host.json")))!;

        Assert.Equal("queueTrigger", binding["type"]!.GetValue<string>());
        Assert.Equal(Storage.ReportStorage.QueueName, binding["queueName"]!.GetValue<string>());
        Assert.Equal("message", binding["name"]!.GetValue<string>());
        Assert.Equal(Storage.ReportQueueWorker.DefaultMaxDequeueCount, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
        Assert.NotNull(host["extensionBundle"]);
    }

    [Fact]
    public void HostJsonForwardsHttpRequestsToTheHandler()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions", "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("Benchmark.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        // No prefix: the API's functions name /api/… themselves, and the web pages are served from the root.
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void TheBuildOutputHasHostJsonAndAFolderPerFunctionBesideTheHandler()
    {
        var output = AppContext.BaseDirectory;

        Assert.True(File.Exists(Path.Combine(output, "host.json")));
        foreach (var function in Directory.GetDirectories(FunctionsFolder).Select(Path.GetFileName))
        {
            Assert.True(File.Exists(Path.Combine(output, function!, "function.json")), $"{function}/function.json is not beside the handler");
        }
    }

    [Fact]
    public async Task TheHandlerListensOnTheCustomHandlerPortTheHostGivesIt()
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Benchmark.Functions.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ASPNETCORE_URLS"] = "", ["Security__Secret"] = Benchmark.Testing.ApiServer.TestSecret },
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 100 && response is null; attempt++)
            {
                try
                {
                    response = await client.GetAsync("/api/health");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.NotNull(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>'/api/v1/cycles/{year:int}/' → '/api/v1/cycles/{year}': constraints and trailing slashes do not matter to the host.</summary>
    private static string Normalize(string route) => Constraint().Replace(route.TrimEnd('/'), "{$1}").ToLowerInvariant();

    [GeneratedRegex(@"\{([A-Za-z]+):[^}]+\}")]
    private static partial Regex Constraint();

}
