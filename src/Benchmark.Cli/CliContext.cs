using Benchmark.Core.Loading;

namespace Benchmark.Cli;

/// <summary>Where the commands write, and where the questionnaires are; tests swap these.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The questionnaires shipped beside the executable, unless a folder is given.</summary>
    public static string DefaultQuestionnaireFolder => Path.Combine(AppContext.BaseDirectory, "questionnaires");

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
