namespace Benchmark.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error);

internal static class CliRunner
{
    public static async Task<CliResult> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BenchmarkCommand.RunAsync(args, new CliContext(output, error));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static string Root { get; } = FindRoot();

    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The real register of 342 municipalities, the project's own copy in data/ (provenance in data/README.md).</summary>
    public static string RealRegisterCsv => Path.Combine(Root, "data", "gemeenten_nl_342.csv");

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "benchmark-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

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
