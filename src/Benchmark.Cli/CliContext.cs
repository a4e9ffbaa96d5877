using System.CommandLine;
using Benchmark.Core.Loading;
using Benchmark.Storage;

namespace Benchmark.Cli;

/// <summary>Where the commands write, and where the questionnaires are; tests swap these.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Writing to a terminal (a progress bar may redraw its line), not to a file, a pipe or a test.</summary>
    public bool IsInteractive => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>The questionnaires shipped beside the executable, unless a folder is given.</summary>
    public static string DefaultQuestionnaireFolder => Path.Combine(AppContext.BaseDirectory, "questionnaires");

    /// <summary>--storage: the connection string; defaults to BENCHMARK_STORAGE, then to Azurite.</summary>
    public static Option<string> StorageOption() => new("--storage")
    {
        Description = "Storage connection string (default: $BENCHMARK_STORAGE, else Azurite: UseDevelopmentStorage=true)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BENCHMARK_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true",
    };

    public static Option<string> TablePrefixOption() => new("--table-prefix")
    {
        Description = "Prefix of the table names (default: $BENCHMARK_TABLE_PREFIX, else none)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BENCHMARK_TABLE_PREFIX") ?? "",
    };

    public static BenchmarkTables Tables(ParseResult parse, Option<string> storage, Option<string> prefix) =>
        new(new StorageSettings { ConnectionString = parse.GetValue(storage)!, TablePrefix = parse.GetValue(prefix)! });

    public QuestionnaireCatalog? LoadCatalog(string? folder)
    {
        var result = QuestionnaireCatalog.TryLoadDirectory(folder ?? DefaultQuestionnaireFolder);
        if (result.Succeeded)
        {
            return result.Value;
        }

        Error.WriteLine("The questionnaires could not be loaded:");
        foreach (var problem in result.Problems)
        {
            Error.WriteLine("  " + problem);
        }

        return null;
    }
}
