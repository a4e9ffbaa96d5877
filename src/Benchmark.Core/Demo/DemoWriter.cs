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

        // Start clean, so data of an earlier seed never mixes with this one.
        foreach (var old in Directory.GetFiles(directory, "register-*.json"))
        {
            File.Delete(old);
        }

        if (Directory.Exists(Path.Combine(directory, "submissions")))
        {
            Directory.Delete(Path.Combine(directory, "submissions"), recursive: true);
        }

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

/// <summary>Reads back what <see cref="DemoWriter"/> wrote.</summary>
public static class DemoFiles
{
    public static DemoDataSet Read(string directory, QuestionnaireCatalog catalog)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No demo data folder {directory}; run 'benchmark demo generate' first.");
        }

        var registers = Directory.GetFiles(directory, "register-*.json")
            .Select(f => RegisterJson.Read(File.ReadAllText(f)))
            .OrderBy(r => r.Year)
            .ToList();
        var submissions = new List<Submission>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, "submissions"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (submission, errors) = SubmissionJson.Read(File.ReadAllText(file), catalog.Version, ValidationMode.Draft);
            submissions.Add(submission ?? throw new InvalidDataException($"{file}: {string.Join("; ", errors)}"));
        }

        if (registers.Count == 0 || submissions.Count == 0)
        {
            throw new InvalidDataException($"{directory} holds no registers or no submissions.");
        }

        return new DemoDataSet(registers, submissions);
    }
}
