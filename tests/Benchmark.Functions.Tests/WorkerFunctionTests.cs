using System.Reflection;
using System.Text.Json.Nodes;
using Benchmark.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Benchmark.Functions.Tests;

/// <summary>
/// What the Functions host sees of the isolated worker: the functions the Worker SDK generates metadata for (from the
/// attributes; no hand-kept function.json), and host.json. End to end under a host: tests/Benchmark.WorkerHost.Tests.
/// </summary>
public sealed class WorkerFunctionTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot.Path, "src", "Benchmark.Functions");

    private static List<(string Name, MethodInfo Method)> Functions() =>
        typeof(WorkerFunctions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Select(method => (Name: method.GetCustomAttribute<FunctionAttribute>()?.Name, Method: method))
            .Where(f => f.Name is not null)
            .Select(f => (f.Name!, f.Method))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void TheWorkerHasOneCatchAllHttpFunctionAndTheReportQueueTrigger()
    {
        Assert.Equal([ReportEndpointsFunction, WorkerFunctions.HttpFunction], Functions().Select(f => f.Name));
    }

    private const string ReportEndpointsFunction = Endpoints.ReportEndpoints.GenerateReportFunction;

    [Fact]
    public void TheCatchAllFunctionTakesEveryPathAndEveryMethodTheAppUses()
    {
        var method = Functions().Single(f => f.Name == WorkerFunctions.HttpFunction).Method;
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(t => t is not null)!;
        Assert.Equal("{*path}", trigger.Route);
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel); // the app itself authenticates keys and sessions

        var app = BenchmarkApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:Worker"] = "false" }));
        var methods = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
            .Select(m => m.ToLowerInvariant())
            .Distinct()
            .ToList();
        Assert.NotEmpty(methods);
        Assert.Empty(methods.Except(trigger.Methods!));
    }

    [Fact]
    public void TheReportQueueTriggerListensOnTheQueueTheAppWritesToWithTheHostsRetries()
    {
        var method = Functions().Single(f => f.Name == ReportEndpointsFunction).Method;
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).Single(t => t is not null)!;
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, "host.json")))!;

        Assert.Equal(Storage.ReportStorage.QueueName, trigger.QueueName);
        Assert.Equal("AzureWebJobsStorage", trigger.Connection);

        // The host moves a message to the poison queue after this many attempts; the app's own worker and its batch
        // status count with the same number.
        Assert.Equal(Storage.ReportQueueWorker.DefaultMaxDequeueCount, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }

    [Fact]
    public void HostJsonServesTheRoutesFromTheRootAndIsNoLongerACustomHandlers()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);

        // The worker brings its own extensions (.azurefunctions/); a bundle is for other languages.
        Assert.Null(host["extensionBundle"]);

        // No prefix: the API names /api/… itself, and the web pages are served from the root.
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void NoHandKeptFunctionJsonIsLeft()
    {
        var handKept = Directory.EnumerateFiles(Source, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(handKept.Count == 0, "hand-kept function.json: " + string.Join(", ", handKept));
    }

    [Fact]
    public void OnlyTheFunctionsHostsCommandLineStartsTheWorker()
    {
        Assert.True(BenchmarkApp.StartedByFunctionsHost(["--host", "127.0.0.1", "--functions-uri", "http://127.0.0.1:5000/"]));
        Assert.True(BenchmarkApp.StartedByFunctionsHost(["--functions-uri=http://127.0.0.1:5000/"]));
        Assert.False(BenchmarkApp.StartedByFunctionsHost([]));
        Assert.False(BenchmarkApp.StartedByFunctionsHost(["--urls", "http://127.0.0.1:5000"]));
    }
}
