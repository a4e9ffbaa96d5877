using System.CommandLine;
using Benchmark.Core.Demo;

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
        return new Command("demo", "Demo data") { generate };
    }
}
