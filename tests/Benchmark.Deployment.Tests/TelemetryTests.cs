using System.Collections.Concurrent;
using System.IO.Compression;
using Azure.Identity;
using Benchmark.Core.Workflow;
using Benchmark.Functions;
using Benchmark.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Deployment.Tests;

/// <summary>Where the app's OpenTelemetry goes: Application Insights when its connection string is set, nowhere otherwise unless the console is asked for.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void WithoutAConnectionStringNoTelemetryIsExportedAndWithOneItGoesToApplicationInsights()
    {
        Assert.Equal(TelemetryExporter.None, Telemetry.ChooseExporter(Configuration()));
        Assert.Equal(TelemetryExporter.Console, Telemetry.ChooseExporter(Configuration((Telemetry.ExporterSetting, "console"))));
        Assert.Equal(TelemetryExporter.AzureMonitor, Telemetry.ChooseExporter(Configuration((Telemetry.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000"))));
        Assert.Equal(TelemetryExporter.None, Telemetry.ChooseExporter(Configuration((Telemetry.ExporterSetting, "none"), (Telemetry.ConnectionStringSetting, "InstrumentationKey=x"))));
    }

    [Theory]
    [InlineData("prometheus")]
    [InlineData("7")]
    public void AnExporterThatDoesNotExistIsRefusedWithTheSettingsName(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Telemetry.ChooseExporter(Configuration((Telemetry.ExporterSetting, value))));

        Assert.Contains(Telemetry.ExporterSetting, refused.Message, StringComparison.Ordinal);
        Assert.Contains(value, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplicationInsightsWithoutAConnectionStringIsRefused()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Telemetry.ChooseExporter(Configuration((Telemetry.ExporterSetting, "azuremonitor"))));

        Assert.Contains(Telemetry.ConnectionStringSetting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAuthenticationStringPicksTheUserAssignedIdentityAndMustAskForEntraId()
    {
        Assert.Null(Telemetry.EntraCredential(null));
        Assert.IsType<ManagedIdentityCredential>(Telemetry.EntraCredential("ClientId=6b2f9a4e-0000-4000-8000-000000000001;Authorization=AAD"));
        Assert.IsType<DefaultAzureCredential>(Telemetry.EntraCredential("Authorization=AAD"));

        var refused = Assert.Throws<InvalidOperationException>(() => Telemetry.EntraCredential("ClientId=abc"));
        Assert.Contains(Telemetry.AuthenticationSetting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAConnectionStringRequestsStorageCallsLogsAndMetricsReachApplicationInsights()
    {
        // Application Insights' ingestion, played on loopback: the exporter posts its telemetry to {IngestionEndpoint}/v2.1/track.
        var received = new ConcurrentQueue<string>();
        var ingestionBuilder = WebApplication.CreateSlimBuilder();
        ingestionBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var ingestion = ingestionBuilder.Build();
        ingestion.MapPost("/v2.1/track", async (HttpRequest request) =>
        {
            var body = request.Headers.ContentEncoding.ToString() == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var reader = new StreamReader(body);
            var text = await reader.ReadToEndAsync();
            var items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var item in items)
            {
                received.Enqueue(item);
            }

            return Results.Json(new { itemsReceived = items.Length, itemsAccepted = items.Length, errors = Array.Empty<object>() });
        });
        await ingestion.StartAsync();
        var endpoint = ingestion.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var azurite = await AzuriteFixture.StartOwnAsync();
        var server = await ApiServer.StartAsync(azurite, new Dictionary<string, string?>
        {
            [Telemetry.ExporterSetting] = "auto",
            [Telemetry.ConnectionStringSetting] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={endpoint}/;LiveEndpoint={endpoint}/",
            ["Telemetry:LiveMetrics"] = "false",
        });
        try
        {
            var key = await server.CreateKeyAsync(Role.Analyst);
            using var client = server.Client(key);
            using (await client.GetAsync("/api/health"))
            {
            }

            using (await client.GetAsync("/api/v1/cycles"))
            {
            }
        }
        finally
        {
            // Stopping the app flushes every exporter.
            await server.DisposeAsync();
        }

        // Stopping flushes; the last posts may still be on their way.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(received.Any(i => i.Contains("\"RequestData\"", StringComparison.Ordinal)) && received.Any(i => i.Contains("\"MetricData\"", StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var all = string.Join('\n', received);
        Assert.Contains("\"RequestData\"", all, StringComparison.Ordinal);
        Assert.Contains("/api/health", all, StringComparison.Ordinal);
        Assert.Contains("\"RemoteDependencyData\"", all, StringComparison.Ordinal); // the storage calls
        Assert.Contains("\"MessageData\"", all, StringComparison.Ordinal); // the logs
        Assert.Contains("\"MetricData\"", all, StringComparison.Ordinal);
        Assert.Contains($"\"ai.cloud.role\":\"{Telemetry.ServiceName}\"", all, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
