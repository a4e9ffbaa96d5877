using System.CommandLine;
using System.Reflection;
using Benchmark.Storage;

namespace Benchmark.Cli.Commands;

internal static class BackupCommands
{
    // A backup moves far more per call than the service does (pages of large rows, transactions of up to 3 MB), so it
    // waits longer for each call than the service's 5 s before counting it as failed.
    private static readonly TimeSpan BulkNetworkTimeout = TimeSpan.FromSeconds(30);

    public static Command CreateBackup(CliContext context)
    {
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "New or empty folder to write the backup to", Required = true };
        var backup = new Command("backup", "Back up every table to a folder: one JSON Lines file per table and a manifest with row counts and hashes") { output, storage, prefix };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!.FullName;
            try
            {
                var counts = await Create(parse, storage, prefix).BackupAsync(folder, ToolVersion, cancellationToken);
                foreach (var count in counts)
                {
                    context.Output.WriteLine($"  {count.Table}: {count.Rows} rows{(count.Existed ? "" : " (no such table)")}");
                }

                context.Output.WriteLine($"Backup of {counts.Count} tables ({counts.Sum(c => c.Rows)} rows) written to {Path.TrimEndingDirectorySeparator(folder)}.");
                return 0;
            }
            catch (BackupRefusedException e)
            {
                context.Error.WriteLine(e.Message);
                context.Error.WriteLine("No backup was written.");
                return 2;
            }
        });
        return backup;
    }

    public static Command CreateRestore(CliContext context)
    {
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var from = new Option<DirectoryInfo>("--from") { Description = "Folder written by 'benchmark backup'", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Restore into tables that already hold rows: rows with the same keys are replaced, other rows are kept" };
        var restore = new Command("restore", "Restore a backup into the tables (of this or another --table-prefix); checks the whole backup before writing") { from, overwrite, storage, prefix };
        restore.SetAction(async (parse, cancellationToken) =>
        {
            var restorer = Create(parse, storage, prefix);
            try
            {
                var counts = await restorer.RestoreAsync(parse.GetValue(from)!.FullName, parse.GetValue(overwrite), cancellationToken);
                foreach (var count in counts)
                {
                    context.Output.WriteLine($"  {count.Table}: {count.Rows} rows");
                }

                var missing = restorer.Tables.Select(t => t.Name).Except(counts.Select(c => c.Table), StringComparer.Ordinal).ToList();
                foreach (var table in missing)
                {
                    context.Output.WriteLine($"  {table}: not in the backup, left as it is");
                }

                context.Output.WriteLine($"Restored {counts.Count} tables ({counts.Sum(c => c.Rows)} rows) with prefix '{parse.GetValue(prefix)}'.");
                return 0;
            }
            catch (BackupRefusedException e)
            {
                context.Error.WriteLine(e.Message);
                context.Error.WriteLine("Nothing was restored.");
                return 2;
            }
        });
        return restore;
    }

    private static string ToolVersion =>
        "benchmark " + (typeof(BackupCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    private static TableBackup Create(ParseResult parse, Option<string> storage, Option<string> prefix)
    {
        var settings = CliContext.Settings(parse, storage, prefix);
        settings.NetworkTimeout = BulkNetworkTimeout;
        return new TableBackup(settings, TimeProvider.System);
    }
}
