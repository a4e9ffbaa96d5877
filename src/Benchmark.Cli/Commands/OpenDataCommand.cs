using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli.Commands;

internal static class OpenDataCommand
{
    public static Command Create(CliContext context)
    {
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var questionnaires = new Option<DirectoryInfo>("--questionnaires") { Description = "Folder with the model and questionnaires" };
        var cycle = new Option<int>("--cycle") { Description = "The cycle (year)", Required = true };
        var format = new Option<string>("--format") { Description = "json (default; the whole data set) or csv", DefaultValueFactory = _ => OpenDataFiles.Json };
        format.AcceptOnlyFromAmong([.. OpenDataFiles.Formats]);
        var table = new Option<string?>("--table") { Description = $"With csv: one table ({string.Join(", ", OpenDataTables.All)}); without it, a zip of every table's CSV" };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: the download's name, such as open-data-2026.json, in the current folder)" };
        var command = new Command("open-data", "Write a cycle's open data for publication: the statistics small-group protection allows and the leaders who consented to be named, as JSON or CSV (docs/open-data.md)")
        {
            cycle, format, table, output, storage, prefix, questionnaires,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosenFormat = parse.GetValue(format);
            var chosenTable = parse.GetValue(table);
            if (OpenDataFiles.Check(chosenFormat, chosenTable) is { } invalid)
            {
                context.Error.WriteLine(invalid.Detail.Replace("tabel", "--table", StringComparison.Ordinal).Replace("format=csv", "--format csv", StringComparison.Ordinal));
                return 2;
            }

            var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
            if (catalog is null)
            {
                return 2;
            }

            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, catalog, cancellationToken);

            // Someone with the storage's keys reads everything an analyst does, so also a round that is not closed yet.
            var data = await services.GetRequiredService<OpenDataService>().OpenDataAsync(new Actor(KnownActors.CommandLine, Role.Analyst, null), parse.GetValue(cycle), cancellationToken);
            if (data.Failed)
            {
                context.Error.WriteLine(data.Refusal.Detail);
                return 1;
            }

            var file = OpenDataFiles.Render(data.Value, chosenFormat, chosenTable);
            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath(file.FileName);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            context.Output.WriteLine($"Open data of cycle {data.Value.Metadata.Cycle} (run {data.Value.Metadata.RunId}) written to {path}: {data.Value.Groups.Count} groups, {data.Value.Statistics.Count} statistics, {data.Value.Leaders.Count} named leaders.");
            return 0;
        });
        return command;
    }
}
