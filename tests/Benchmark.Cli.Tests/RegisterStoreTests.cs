using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Cli.Tests;

/// <summary>A deployed service needs the real register of the year in storage; the CLI puts it there.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RegisterStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RegisterImportWithStorePutsTheYearsRegisterIntoStorage()
    {
        var prefix = "r" + Guid.NewGuid().ToString("N")[..10];

        var result = await CliRunner.Run("register", "import", CliRunner.RealRegisterCsv, "--year", "2026", "--store", "--storage", azurite.ConnectionString, "--table-prefix", prefix);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Stored as the register of 2026.", result.Output, StringComparison.Ordinal);
        var stored = await new RegisterStore(new BenchmarkTables(new StorageSettings { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }), TimeProvider.System).GetAsync(2026);
        Assert.NotNull(stored);
        Assert.Equal(342, stored.Municipalities.Count);
        Assert.Contains(stored.Municipalities, m => m.Code == "GM0363");
    }

    [Fact]
    public async Task RegisterImportWithoutStoreTouchesNoStorage()
    {
        // An address where nothing listens: the import must not try it.
        var result = await CliRunner.Run("register", "import", CliRunner.RealRegisterCsv, "--year", "2026", "--storage", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("Stored", result.Output, StringComparison.Ordinal);
    }
}
