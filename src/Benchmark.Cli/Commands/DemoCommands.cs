using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Scoring;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli.Commands;

internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed gives identical output", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write to", Required = true };
        var cycles = new Option<int[]>("--cycles") { Description = "Cycles to generate (default: 2024 2025 2026)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [2024, 2025, 2026] };
        var questionnaires = new Option<DirectoryInfo>("--questionnaires") { Description = "Folder with the model and questionnaires" };
        var generate = new Command("generate", "Generate a fictional register and synthetic submissions") { seed, output, cycles, questionnaires };
        generate.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
            if (catalog is null)
            {
                return 2;
            }

            DemoDataSet data;
            try
            {
                data = DemoGenerator.Generate(catalog, parse.GetValue(seed), parse.GetValue(cycles)!);
            }
            catch (ArgumentException e)
            {
                context.Error.WriteLine(e.Message.Split(" (Parameter", 2)[0]);
                return 2;
            }

            var folder = parse.GetValue(output)!.FullName;
            DemoWriter.Write(data, catalog, folder);
            context.Output.WriteLine($"Fictional demo data written to {folder}:");
            foreach (var register in data.Registers)
            {
                context.Output.WriteLine($"  register-{register.Year}.json: {register.Municipalities.Count} municipalities");
            }

            foreach (var cycle in data.Submissions.GroupBy(s => s.Cycle))
            {
                context.Output.WriteLine($"  submissions/{cycle.Key}/: {cycle.Count()} submissions (questionnaire {cycle.First().QuestionnaireVersion})");
            }

            return 0;
        });
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var from = new Option<DirectoryInfo>("--from") { Description = "Folder written by 'demo generate'", Required = true };
        var deadline = new Option<DateTimeOffset>("--deadline") { Description = "Deadline of the open (latest) cycle; default: 31 December of that year, 23:59 Dutch time", };
        var keysFile = new Option<FileInfo>("--keys-out") { Description = "Also create demo keys (one municipality, its council, one analyst) and write them to this file" };
        var ifEmpty = new Option<bool>("--if-empty") { Description = "Load only when storage holds no cycles yet (demo keys are still created when the --keys-out file is missing)" };
        var load = new Command("load", "Put demo data into storage: registers, cycles and submissions with their history") { from, deadline, keysFile, ifEmpty, storage, prefix, questionnaires };
        load.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
            if (catalog is null)
            {
                return 2;
            }

            var folder = parse.GetValue(from)!.FullName;
            DemoDataSet data;
            try
            {
                data = DemoFiles.Read(folder, catalog);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException)
            {
                context.Error.WriteLine($"{folder}: {e.Message}");
                return 2;
            }

            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, catalog, cancellationToken);
            var loader = services.GetRequiredService<DemoLoader>();
            var latest = data.Submissions.Max(s => s.Cycle);
            if (parse.GetValue(ifEmpty) && await loader.HoldsDataAsync(cancellationToken))
            {
                context.Output.WriteLine("Storage already holds data; nothing loaded.");
            }
            else
            {
                var summary = await loader
                    .LoadAsync(data, parse.GetValue(deadline) is { Year: > 1 } given ? given : DutchTime.EndOfYear(latest), cancellationToken);
                context.Output.WriteLine($"Loaded {summary.Registers} registers, {summary.Cycles} cycles and {summary.Submissions} submissions.");
            }

            if (parse.GetValue(keysFile) is { } keyFile && !(parse.GetValue(ifEmpty) && keyFile.Exists))
            {
                var keys = services.GetRequiredService<KeyService>();
                async Task<string> CreateAsync(Role role, string? code, string label)
                {
                    var created = await keys.CreateAsync(DemoLoader.DemoActor, new CreateKey(role, code, label), cancellationToken);
                    return created.Succeeded ? created.Value.Secret : throw new InvalidOperationException(created.Refusal.Detail);
                }

                // Keys that show the whole product: a municipality whose latest round is approved and benchmarked (its
                // position, learn-from and council report), its council, a municipality still filling in an incomplete draft,
                // another municipality (whose answers the first may not read) and an analyst.
                var inLatest = data.Submissions.Where(x => x.Cycle == latest).Select(x => x.Municipality).ToHashSet(StringComparer.Ordinal);
                var everyCycle = data.Submissions.GroupBy(x => x.Municipality, StringComparer.Ordinal)
                    .Where(g => g.Select(x => x.Cycle).Distinct().Count() == data.Submissions.Select(x => x.Cycle).Distinct().Count())
                    .Select(g => g.Key)
                    .ToHashSet(StringComparer.Ordinal);
                var municipalities = data.RegisterFor(latest).Municipalities.Where(m => inLatest.Contains(m.Code)).ToList();
                var municipality = municipalities.First(m => everyCycle.Contains(m.Code) && DemoLoader.LatestStatus(m.Code) == SubmissionStatus.Approved);
                // A draft with work left, so submitting it shows the list of what is missing.
                var drafting = municipalities.First(m => DemoLoader.LatestStatus(m.Code) == SubmissionStatus.Draft
                    && !SubmissionCompleteness.IsComplete(catalog, data.Submissions.First(x => x.Cycle == latest && x.Municipality == m.Code)));
                var other = municipalities.First(m => m.Code != municipality.Code && m.Code != drafting.Code);
                var forMunicipality = await CreateAsync(Role.Municipality, municipality.Code, $"Informatiemanager {municipality.EverydayName} (demo)");
                var forCouncil = await CreateAsync(Role.Council, municipality.Code, $"Griffie {municipality.EverydayName} (demo)");
                var forDrafting = await CreateAsync(Role.Municipality, drafting.Code, $"Informatiemanager {drafting.EverydayName} (demo)");
                var forOther = await CreateAsync(Role.Municipality, other.Code, $"Informatiemanager {other.EverydayName} (demo)");
                var forAnalyst = await CreateAsync(Role.Analyst, null, "Analist benchmark (demo)");
                Directory.CreateDirectory(keyFile.DirectoryName!);
                await File.WriteAllTextAsync(keyFile.FullName,
                    $"municipality={municipality.Code} {forMunicipality}\n" +
                    $"council={municipality.Code} {forCouncil}\n" +
                    $"draft-municipality={drafting.Code} {forDrafting}\n" +
                    $"other-municipality={other.Code} {forOther}\n" +
                    $"analyst {forAnalyst}\n", cancellationToken);
                context.Output.WriteLine($"Demo keys written to {keyFile.FullName}.");
            }

            return 0;
        });

        return new Command("demo", "Demo data") { generate, load };
    }
}
