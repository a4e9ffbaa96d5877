using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Benchmark.Storage;

namespace Benchmark.Reliability.Tests;

/// <summary>Storage that accepts connections but never answers (an overloaded or half-dead endpoint) must read as unavailable, not as a bug.</summary>
public sealed class StorageTimeoutTests
{
    [Fact]
    public async Task AStorageCallThatTimesOutIsStorageUnavailableNotACancellation()
    {
        // A listener that takes connections and says nothing: every request runs into the SDK's network time-out.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 16);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(300);
        var table = new TableClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            "Cycles",
            options);

        var started = DateTime.UtcNow;
        var thrown = await Assert.ThrowsAsync<StorageUnavailableException>(() => BenchmarkTables.Guard(() => table.GetEntityIfExistsAsync<TableEntity>("cycle", "2026")));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the time-out took too long");
        Assert.IsAssignableFrom<OperationCanceledException>(thrown.InnerException is AggregateException aggregate ? aggregate.InnerExceptions[0] : thrown.InnerException);
    }
}
