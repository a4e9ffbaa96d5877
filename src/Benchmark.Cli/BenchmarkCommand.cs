using System.CommandLine;
using Benchmark.Cli.Commands;

namespace Benchmark.Cli;

public static class BenchmarkCommand
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("Benchmark voor de e-overheid van gemeenten — maturity benchmark for municipal e-government.");
        root.Add(CliContext.StorageAccountOption());
        root.Add(QuestionnaireCommands.Create(context));
        root.Add(RegisterCommands.Create(context));
        root.Add(DemoCommands.Create(context));
        root.Add(ScoreCommand.Create(context));
        root.Add(KeyCommands.Create(context));
        root.Add(BackupCommands.CreateBackup(context));
        root.Add(BackupCommands.CreateRestore(context));
        root.Add(ExportCommand.Create(context));
        root.Add(OpenDataCommand.Create(context));
        foreach (var command in BenchmarkCommands.Create(context).Concat(ReportCommands.Create(context)))
        {
            root.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var parse = Create(context).Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Storage.StorageUnavailableException)
        {
            context.Error.WriteLine("Storage cannot be reached. Locally, scripts/run.sh starts Azurite; elsewhere, check --storage or $BENCHMARK_STORAGE.");
            return 3;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Storage:", StringComparison.Ordinal))
        {
            context.Error.WriteLine(e.Message.Replace("Storage:AccountName", "--storage-account", StringComparison.Ordinal).Replace("Storage:ConnectionString", "--storage", StringComparison.Ordinal));
            return 2;
        }
        catch (Azure.Identity.AuthenticationFailedException e)
        {
            context.Error.WriteLine("Could not sign in to the storage account with your Entra ID identity; run 'az login' first (and make sure you hold a Storage Table Data Contributor role on it). " + e.Message.Split('\n')[0]);
            return 3;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, or data this version does not understand: say what, without a wall of stack trace.
            context.Error.WriteLine($"benchmark failed: {e.GetType().Name}: {e.Message}");
            context.Error.WriteLine("Please report this with the command you ran. Set BENCHMARK_DEBUG=1 to see the details.");
            if (Environment.GetEnvironmentVariable("BENCHMARK_DEBUG") == "1")
            {
                context.Error.WriteLine(e);
            }

            return 1;
        }
    }
}
