using System.Globalization;
using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Demo;

/// <summary>Writes a demo data set as files: one register per year and one submission per municipality per cycle.</summary>
public static class DemoWriter
{
    public static IReadOnlyList<string> Write(DemoDataSet data, QuestionnaireCatalog catalog, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var register in data.Registers)
        {
            written.Add(WriteFile(Path.Combine(directory, $"register-{register.Year.ToString(CultureInfo.InvariantCulture)}.json"), RegisterJson.Write(register)));
        }

        foreach (var submission in data.Submissions)
        {
            var path = Path.Combine(directory, "submissions", submission.Cycle.ToString(CultureInfo.InvariantCulture), submission.Municipality + ".json");
            written.Add(WriteFile(path, SubmissionJson.Write(submission, catalog.Version(submission.QuestionnaireVersion)!)));
        }

        written.Add(WriteFile(Path.Combine(directory, "README.txt"),
            "Demo data: every municipality, name, collaboration and answer here is invented (codes GM9001 and up).\n" +
            "Fictieve demodata: alle gemeenten, namen, samenwerkingsverbanden en antwoorden zijn verzonnen.\n"));
        return written;
    }

    private static string WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
