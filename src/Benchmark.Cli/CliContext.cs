using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Reports;
using Benchmark.Reports;
using Benchmark.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli;

/// <summary>Where the commands write, and where the questionnaires are; tests swap these.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = new TerminalWriter(output);

    public TextWriter Error { get; } = new TerminalWriter(error);

    /// <summary>Writing to a terminal (a progress bar may redraw its line), not to a file, a pipe or a test.</summary>
    public bool IsInteractive => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

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

    /// <summary>
    /// --storage-account: an Azure storage account reached with the signed-in identity (DefaultAzureCredential: the Azure CLI's
    /// sign-in on a workstation), as the deployed app reaches it; the account refuses keys, so a connection string cannot work there.
    /// On every command; when given, it wins over --storage.
    /// </summary>
    public static Option<string?> StorageAccountOption() => new(StorageAccountName)
    {
        Description = "Azure storage account to use with your Entra ID sign-in (az login) instead of a connection string (default: $BENCHMARK_STORAGE_ACCOUNT)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BENCHMARK_STORAGE_ACCOUNT") is { Length: > 0 } value ? value : null,
        Recursive = true,
    };

    private const string StorageAccountName = "--storage-account";

    public static StorageSettings Settings(ParseResult parse, Option<string> storage, Option<string> prefix)
    {
        var settings = new StorageSettings { ConnectionString = parse.GetValue(storage)!, AccountName = parse.GetValue<string?>(StorageAccountName), TablePrefix = parse.GetValue(prefix)! };
        settings.Validate();
        return settings;
    }

    /// <summary>
    /// The stores and services over storage, from the same composition root as the function app
    /// (<see cref="StorageServices.AddBenchmarkStorage"/>); the tables are created when missing.
    /// </summary>
    public static async Task<ServiceProvider> ServicesAsync(ParseResult parse, Option<string> storage, Option<string> prefix, QuestionnaireCatalog? catalog, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Settings(parse, storage, prefix));
        if (catalog is not null)
        {
            services.AddSingleton(catalog);
        }

        services.AddBenchmarkReports();
        services.AddBenchmarkStorage();
        services.AddBenchmarkApplication();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageSetup>().CreateIfNotExistsAsync(cancellationToken);
        return provider;
    }

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
