namespace Benchmark.Core.Tests;

/// <summary>Finds the repository's folders from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Questionnaires => Path.Combine(Root, "questionnaires");

    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>The real register of 342 municipalities, the project's own copy in data/ (provenance in data/README.md).</summary>
    public static string RealRegisterCsv => Path.Combine(Root, "data", "gemeenten_nl_342.csv");

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Benchmark.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Benchmark.sln not found above " + AppContext.BaseDirectory);
    }
}
