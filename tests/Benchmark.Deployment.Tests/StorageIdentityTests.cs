using Azure.Core;
using Benchmark.Functions;
using Benchmark.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Deployment.Tests;

/// <summary>One setting, Storage:AccountName, switches the app from Azurite's connection string to the account's endpoints and the app's identity.</summary>
public sealed class StorageIdentityTests
{
    [Fact]
    public void WithAnAccountNameTheAppUsesTheAccountsEndpoints()
    {
        var app = BenchmarkApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:AccountName"] = "stbenchmark42",
            ["Storage:ConnectionString"] = "",
            [Telemetry.ExporterSetting] = "none",
        }));

        Assert.Equal(new Uri("https://stbenchmark42.table.core.windows.net/"), app.Services.GetRequiredService<BenchmarkTables>().Service.Uri);
        var reports = app.Services.GetRequiredService<ReportStorage>();
        Assert.Equal(new Uri("https://stbenchmark42.blob.core.windows.net/reports"), reports.Files.Uri);
        Assert.Equal(new Uri("https://stbenchmark42.queue.core.windows.net/reports"), reports.Queue.Uri);
    }

    [Fact]
    public async Task EveryStorageClientAsksTheIdentityForATokenAndNeverUsesAKey()
    {
        // A credential that refuses: the call must stop at the token, before anything is sent.
        var credential = new RefusingCredential();
        var settings = new StorageSettings { AccountName = "stbenchmark42", ConnectionString = "", Credential = credential };
        var tables = new BenchmarkTables(settings);
        var reports = new ReportStorage(settings, tables);

        await Assert.ThrowsAsync<RefusedException>(() => tables.Cycles.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("cycle", "2026"));
        await Assert.ThrowsAsync<RefusedException>(() => reports.Queue.PeekMessageAsync());
        await Assert.ThrowsAsync<RefusedException>(() => reports.Files.ExistsAsync());

        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
    }

    [Theory]
    [InlineData("UpperCase")]
    [InlineData("st")]
    [InlineData("name.with.dots")]
    [InlineData("waytoolongforastorageaccount1")]
    public void AnAccountNameThatCannotExistIsRefusedNamingTheSetting(string name)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new BenchmarkTables(new StorageSettings { AccountName = name }));

        Assert.Contains($"Storage:AccountName '{name}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnAccountNameAnEmptyConnectionStringIsRefused()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new BenchmarkTables(new StorageSettings { ConnectionString = " " }));

        Assert.Contains("Storage:ConnectionString", refused.Message, StringComparison.Ordinal);
    }

    private sealed class RefusedException() : Exception("no token in tests");

    private sealed class RefusingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            throw new RefusedException();
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
