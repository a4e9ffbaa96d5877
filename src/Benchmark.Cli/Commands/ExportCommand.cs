using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Reports.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var questionnaires = new Option<DirectoryInfo>("--questionnaires") { Description = "Folder with the model and questionnaires" };
        var cycle = new Option<int>("--cycle") { Description = "The cycle (year)", Required = true };
        var format = new Option<string>("--format") { Description = "xlsx (default; one sheet per table) or csv", DefaultValueFactory = _ => ExportFiles.Xlsx };
        format.AcceptOnlyFromAmong([.. ExportFiles.Formats]);
        var table = new Option<string?>("--table") { Description = $"With csv: one table ({string.Join(", ", ExportTables.All)}); without it, a zip of every table's CSV" };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: the download's name, such as benchmark-2026.xlsx, in the current folder)" };
        var command = new Command("export", "Export a cycle for analysts: submissions, answers, scores, group statistics and flags, as an Excel workbook or CSV (docs/exports.md)")
        {
            cycle, format, table, output, storage, prefix, questionnaires,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosenFormat = parse.GetValue(format);
            var chosenTable = parse.GetValue(table);
            if (ExportFiles.Check(chosenFormat, chosenTable) is { } invalid)
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

            // Someone with the storage's keys reads everything an analyst does.
            var export = await services.GetRequiredService<ExportService>().ExportAsync(new Actor(KnownActors.CommandLine, Role.Analyst, null), parse.GetValue(cycle), cancellationToken);
            if (export.Failed)
            {
                context.Error.WriteLine(export.Refusal.Detail);
                return 1;
            }

            var file = ExportFiles.Render(export.Value, chosenFormat, chosenTable);
            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath(file.FileName);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            context.Output.WriteLine($"Cycle {export.Value.Cycle} written to {path}: {string.Join(", ", export.Value.Tables.Select(t => $"{t.Name} {t.Rows.Count} rows"))}.");
            return 0;
        });
        return command;
    }
}
