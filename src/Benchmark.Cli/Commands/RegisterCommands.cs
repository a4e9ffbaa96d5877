using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Register;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli.Commands;

internal static class RegisterCommands
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("csv") { Description = "CSV with one municipality per row and a header row" };
        var year = new Option<int>("--year") { Description = "The register's year (per 1 January); default: this year", DefaultValueFactory = _ => DateTime.UtcNow.Year };
        var map = new Option<string[]>("--map") { Description = "Map a register field to a column, e.g. --map population=inwoners_2025 (fields: " + string.Join(", ", RegisterImporter.ColumnAliases.Keys) + ")", AllowMultipleArgumentsPerToken = true };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter (default: detected from the header: , ; or tab)" };
        var output = new Option<FileInfo>("--out") { Description = "Write the register as JSON to this file (written only when every row is valid)" };
        var store = new Option<bool>("--store") { Description = "Also put the register into storage, as the year's register the service benchmarks against (replaces an earlier import of that year)" };
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var import = new Command("import", "Import a year's municipality register from CSV; all rows or none") { file, year, map, delimiter, output, store, storage, prefix };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                context.Error.WriteLine($"{path}: file not found");
                return 2;
            }

            var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in parse.GetValue(map) ?? [])
            {
                var parts = entry.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    context.Error.WriteLine($"--map '{entry}': expected field=column, e.g. population=inwoners");
                    return 2;
                }

                mapping[parts[0].Trim()] = parts[1].Trim();
            }

            char? separator = parse.GetValue(delimiter) switch
            {
                null => null,
                "\\t" or "tab" => '\t',
                { Length: 1 } single => single[0],
                _ => (char)0,
            };
            if (separator == (char)0)
            {
                context.Error.WriteLine($"--delimiter '{parse.GetValue(delimiter)}': give one character, or 'tab'");
                return 2;
            }

            var result = RegisterImporter.ImportBytes(path.ToString(), File.ReadAllBytes(path.FullName), parse.GetValue(year), mapping, separator);
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems)
                {
                    context.Error.WriteLine(problem);
                }

                context.Error.WriteLine($"Nothing imported: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}.");
                return 1;
            }

            var register = result.Register!;
            context.Output.WriteLine($"Imported {register.Municipalities.Count} {(register.Municipalities.Count == 1 ? "municipality" : "municipalities")} (register {register.Year}) from {path}.");
            if (result.IgnoredColumns.Count > 0)
            {
                context.Output.WriteLine($"Columns not used: {string.Join(", ", result.IgnoredColumns)}.");
            }

            context.Output.WriteLine();
            context.Output.WriteLine("CBS size class            Municipalities");
            foreach (var sizeClass in SizeClass.All)
            {
                context.Output.WriteLine($"  {sizeClass.Number}  {sizeClass.Label,-20}  {register.Municipalities.Count(m => m.SizeClass == sizeClass),5}");
            }

            context.Output.WriteLine();
            context.Output.WriteLine("Coarse split              Municipalities");
            foreach (var coarse in CoarseSizeClass.All)
            {
                context.Output.WriteLine($"     {coarse.Label,-20}  {register.Municipalities.Count(m => m.CoarseSizeClass == coarse),5}");
            }

            context.Output.WriteLine();
            context.Output.WriteLine("Province                  Municipalities");
            foreach (var province in Provinces.All)
            {
                context.Output.WriteLine($"     {province,-20}  {register.Municipalities.Count(m => m.Province == province),5}");
            }

            if (parse.GetValue(output) is { } target)
            {
                WriteAtomically(target.FullName, RegisterJson.Write(register));
                context.Output.WriteLine();
                context.Output.WriteLine($"Written to {target}.");
            }

            if (parse.GetValue(store))
            {
                await using var services = await CliContext.ServicesAsync(parse, storage, prefix, null, cancellationToken);
                await services.GetRequiredService<RegisterService>().ImportAsync(register, cancellationToken);
                context.Output.WriteLine();
                context.Output.WriteLine($"Stored as the register of {register.Year}.");
            }

            return 0;
        });
        return new Command("register", "The yearly municipality register") { import };
    }

    /// <summary>Write to a temporary file and move it into place, so a failure never leaves half a register.</summary>
    private static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
