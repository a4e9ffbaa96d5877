using Benchmark.Testing;

namespace Benchmark.Cli.Tests;

/// <summary>One Azurite (<see cref="AzuriteFixture"/>) for the command-line tests that store; each test uses its own table prefixes.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
