using System.Reflection;

namespace Benchmark.Deployment.Tests;

/// <summary>The Bicep compiler from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class Bicep
{
    public static string Path { get; } = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("BicepPath is not set; is the Azure.Bicep.CommandLine.linux-x64 package restored?");
}
