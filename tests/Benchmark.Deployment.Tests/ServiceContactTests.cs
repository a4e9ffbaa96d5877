using Benchmark.Functions.Web;
using Microsoft.Extensions.Configuration;

namespace Benchmark.Deployment.Tests;

/// <summary>The contact address the accessibility statement names: required in Azure, the demo's example address locally.</summary>
public sealed class ServiceContactTests
{
    [Fact]
    public void UnderTheFunctionsHostTheAppDoesNotStartWithoutAContactAddress()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ServiceContact.From(Configuration(null), hosted: true));

        Assert.Contains(ServiceContact.Setting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocalRunUsesTheDemosExampleAddress() =>
        Assert.Equal(ServiceContact.LocalExample, ServiceContact.From(Configuration(null), hosted: false).Email);

    [Fact]
    public void TheConfiguredAddressIsUsed() =>
        Assert.Equal("benchmark@vng.nl", ServiceContact.From(Configuration(" benchmark@vng.nl "), hosted: true).Email);

    [Theory]
    [InlineData("benchmark")]
    [InlineData("Benchmark <benchmark@vng.nl>")]
    public void SomethingThatIsNotAnAddressIsRefusedWithTheSettingsName(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ServiceContact.From(Configuration(value), hosted: false));

        Assert.Contains(ServiceContact.Setting, refused.Message, StringComparison.Ordinal);
        Assert.Contains(value, refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? email) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ServiceContact.Setting] = email }).Build();
}
