namespace Benchmark.Core.Tests;

/// <summary>Finds the repository's folders from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Questionnaires => Path.Combine(Root, "questionnaires");

    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>The real register of 342 municipalities in ../shared/data (beside the repository, never in it).</summary>
    public static string RealRegisterCsv
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "gemeenten_nl_342.csv"));
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The real municipality register is expected beside the repository at {path} (shared/data).");
        }
    }

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
