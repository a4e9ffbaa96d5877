using System.CommandLine;
using Benchmark.Core.Loading;

namespace Benchmark.Cli.Commands;

internal static class QuestionnaireCommands
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "The model or questionnaire files to check", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check model and questionnaire files; prints every problem with file, line and path") { files };
        validate.SetAction(parse =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var problems = QuestionnaireCatalog.ValidateFile(file.ToString());
                if (problems.Count == 0)
                {
                    context.Output.WriteLine($"{file}: OK");
                    continue;
                }

                failed++;
                foreach (var problem in problems)
                {
                    context.Error.WriteLine(problem);
                }

                context.Error.WriteLine($"{file}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
            }

            return failed == 0 ? 0 : 1;
        });

        return new Command("questionnaire", "Work with the maturity model and questionnaires") { validate };
    }
}
