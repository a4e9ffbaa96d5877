using System.CommandLine;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Cli.Commands;

internal static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("submission") { Description = "A submission JSON file" };
        var questionnaires = new Option<DirectoryInfo>("--questionnaires") { Description = "Folder with the model and questionnaires (default: the ones shipped with the tool)" };
        var registerOption = new Option<FileInfo>("--register") { Description = "A register JSON file, to print the municipality's name" };
        var language = new Option<string>("--lang") { Description = "nl (default) or en", DefaultValueFactory = _ => "nl" };
        language.AcceptOnlyFromAmong("nl", "en");
        var command = new Command("score", "Score one submission: overall index, domain and block scores, levels and completeness")
        {
            file, questionnaires, registerOption, language,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                context.Error.WriteLine($"{path}: file not found");
                return 2;
            }

            var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
            if (catalog is null)
            {
                return 2;
            }

            var (submission, errors) = SubmissionJson.Read(File.ReadAllText(path.FullName), catalog.Version, ValidationMode.Draft);
            if (submission is null)
            {
                context.Error.WriteLine($"{path}: the submission is not valid:");
                foreach (var error in errors)
                {
                    context.Error.WriteLine("  " + error);
                }

                return 1;
            }

            string? name = null;
            if (parse.GetValue(registerOption) is { } registerFile)
            {
                try
                {
                    name = RegisterJson.Read(File.ReadAllText(registerFile.FullName)).Find(submission.Municipality)?.EverydayName;
                }
                catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
                {
                    context.Error.WriteLine($"{registerFile}: {(e is FileNotFoundException ? "file not found" : "not a register file written by 'register import' or 'demo generate'")}");
                    return 2;
                }
            }

            var card = ScoringEngine.Score(catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, submission);
            context.Output.Write(ScoreCardText.Format(card, catalog.ModelOfVersion(submission.QuestionnaireVersion), catalog.Version(submission.QuestionnaireVersion)!, Languages.Parse(parse.GetValue(language)), name));
            return 0;
        });
        return command;
    }
}
