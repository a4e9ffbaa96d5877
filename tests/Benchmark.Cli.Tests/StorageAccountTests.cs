namespace Benchmark.Cli.Tests;

/// <summary>In Azure the storage account refuses keys; the CLI reaches it with the operator's Entra ID sign-in instead.</summary>
public sealed class StorageAccountTests
{
    [Fact]
    public async Task AStorageAccountNameThatCannotExistIsRefusedNamingTheOption()
    {
        var result = await CliRunner.Run("keys", "list", "--storage-account", "Not_An-Account");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--storage-account 'Not_An-Account' is not a storage account name", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task EveryStorageCommandTakesTheStorageAccountOption()
    {
        foreach (var command in new[] { new[] { "keys", "create", "--role", "analyst", "--label", "x" }, ["compute", "--cycle", "2026"], ["reports", "generate", "--cycle", "2026"], ["keys", "revoke", "k1"], ["backup", "--out", Path.Combine(CliRunner.TempFolder(), "backup")] })
        {
            var result = await CliRunner.Run([.. command, "--storage-account", "UPPERCASE"]);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)}: {result.ExitCode} {result.Error}");
            Assert.Contains("--storage-account 'UPPERCASE'", result.Error, StringComparison.Ordinal);
        }
    }
}
