using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>One Azurite (<see cref="AzuriteFixture"/>) for the test classes of this collection; each gets its own tables (prefix) through its own server.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
