using Benchmark.Core.Demo;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

public sealed class DemoGeneratorTests
{
    private static readonly int[] Cycles = [2024, 2025, 2026];
    private static readonly Lazy<DemoDataSet> Seed1 = new(() => DemoGenerator.Generate(TestData.Real, 1, Cycles));

    [Fact]
    public void TheSameSeedWritesByteIdenticalFiles()
    {
        var first = WriteToTemp(DemoGenerator.Generate(TestData.Real, 7, Cycles));
        var second = WriteToTemp(DemoGenerator.Generate(TestData.Real, 7, Cycles));
        var other = WriteToTemp(DemoGenerator.Generate(TestData.Real, 8, Cycles));

        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.NotEqual(Snapshot(first), Snapshot(other));
    }

    [Fact]
    public void TheRegisterIsFictionalWithARealisticSpread()
    {
        var latest = Seed1.Value.Registers[^1];

        Assert.InRange(latest.Municipalities.Count, 330, 350);
        Assert.All(latest.Municipalities, m => Assert.StartsWith("GM9", m.Code, StringComparison.Ordinal));
        Assert.Equal(12, latest.Municipalities.Select(m => m.Province).Distinct().Count());
        Assert.Equal(8, latest.Municipalities.Select(m => m.SizeClass.Number).Distinct().Count());
        Assert.True(latest.Municipalities.Count(m => m.SizeClass.Number == 4) > latest.Municipalities.Count / 3, "most municipalities have 20–50k inhabitants");
        Assert.True(latest.Municipalities.Count(m => m.Collaborations.Count > 0) >= 20);
        Assert.Contains(latest.Municipalities, m => m.Predecessors.Count == 2);
        Assert.Equal(latest.Municipalities.Count, latest.Municipalities.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void NoDemoMunicipalityCarriesARealName()
    {
        var real = RegisterImporter.Import("real.csv", File.ReadAllText(RepositoryPaths.RealRegisterCsv), 2026).Register!;
        var realNames = real.Municipalities.SelectMany(m => new[] { m.Name, m.ShortName }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var realCodes = real.Municipalities.Select(m => m.Code).ToHashSet();

        foreach (var seed in new[] { 1, 2, 3, 42 })
        {
            var demo = DemoGenerator.Generate(TestData.Real, seed, Cycles).Registers.SelectMany(r => r.Municipalities).ToList();
            Assert.DoesNotContain(demo, m => realNames.Contains(m.Name) || realCodes.Contains(m.Code));
        }
    }

    [Fact]
    public void EverySubmissionIsValidAgainstItsQuestionnaire()
    {
        var catalog = TestData.Real;
        foreach (var submission in Seed1.Value.Submissions)
        {
            var json = SubmissionJson.Write(submission, catalog.Version(submission.QuestionnaireVersion)!);
            var (read, errors) = SubmissionJson.Read(json, catalog.Version, ValidationMode.Final, submission.Cycle, submission.Municipality);
            Assert.True(read is not null, $"{submission.Municipality} {submission.Cycle}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void CyclesUseTheirQuestionnaireAndMergedMunicipalitiesSubmitUnderTheirNewCode()
    {
        var data = Seed1.Value;

        Assert.Equal(["2024", "2024", "2026"], Cycles.Select(c => data.Submissions.First(s => s.Cycle == c).QuestionnaireVersion));
        foreach (var cycle in Cycles)
        {
            var codes = data.RegisterFor(cycle).Municipalities.Select(m => m.Code).ToHashSet();
            var submitted = data.Submissions.Where(s => s.Cycle == cycle).ToList();
            Assert.All(submitted, s => Assert.Contains(s.Municipality, codes));
            Assert.InRange(submitted.Count, codes.Count * 0.85, codes.Count * 0.99);
        }
    }

    [Fact]
    public void LargerAndCollaboratingMunicipalitiesTendToScoreHigherAndMostImprove()
    {
        var data = Seed1.Value;
        var cards = Score(data, 2026);
        var register = data.RegisterFor(2026);
        var small = cards.Where(c => register.Find(c.Municipality)!.SizeClass.Number <= 3).Average(c => c.Index!.Value);
        var large = cards.Where(c => register.Find(c.Municipality)!.SizeClass.Number >= 6).Average(c => c.Index!.Value);
        var alone = cards.Where(c => register.Find(c.Municipality)!.Collaborations.Count == 0).Average(c => c.Index!.Value);
        var together = cards.Where(c => register.Find(c.Municipality)!.Collaborations.Count > 0).Average(c => c.Index!.Value);

        Assert.True(large > small + 10, $"large {large:F1} vs small {small:F1}");
        Assert.True(together > alone, $"collaborating {together:F1} vs alone {alone:F1}");

        var before = Score(data, 2025).ToDictionary(c => c.Municipality, c => c.Index!.Value);
        var pairs = Score(data, 2026).Where(c => before.ContainsKey(c.Municipality)).Select(c => c.Index!.Value - before[c.Municipality]).ToList();
        Assert.True(pairs.Count(d => d > 0) > pairs.Count / 2, $"{pairs.Count(d => d > 0)} of {pairs.Count} improved");
        Assert.Contains(pairs, d => d < 0);
    }

    [Fact]
    public void SomeAnswersAreNotApplicableWithReasonsAndSomeSubmissionsAreIncomplete()
    {
        var data = Seed1.Value;
        var notApplicable = data.Submissions.SelectMany(s => s.Answers.Values).Where(a => a.NotApplicable).ToList();
        var cards = Score(data, 2026);

        Assert.NotEmpty(notApplicable);
        Assert.All(notApplicable, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));
        Assert.InRange(cards.Count(c => !c.IsComplete), cards.Count / 20, cards.Count / 4);
        Assert.True(data.Submissions.Count(s => s.ConsentToBeNamed) > data.Submissions.Count / 2);
        Assert.Contains(data.Submissions.SelectMany(s => s.Answers.Values), a => a.PracticeNote is not null);
        var explanations = data.Submissions.SelectMany(s => s.Answers.Values).Select(a => a.Explanation).OfType<string>().ToList();
        Assert.True(explanations.Distinct().Count() > 1000, $"{explanations.Distinct().Count()} distinct explanations");
    }

    [Fact]
    public void OnlyTheLatestCyclesDraftsAreIncompleteSinceWhatWasSubmittedWasComplete()
    {
        var data = Seed1.Value;
        var catalog = TestData.Real;

        var incomplete = data.Submissions.Where(s => !SubmissionCompleteness.IsComplete(catalog, s)).ToList();

        Assert.NotEmpty(incomplete);
        Assert.All(incomplete, s =>
        {
            Assert.Equal(Cycles[^1], s.Cycle);
            Assert.Equal(SubmissionStatus.Draft, DemoWorkflow.LatestStatus(s.Municipality));
        });
        Assert.Contains(data.Submissions, s => s.Cycle == Cycles[^1] && DemoWorkflow.LatestStatus(s.Municipality) == SubmissionStatus.Draft && SubmissionCompleteness.IsComplete(catalog, s));
    }

    private static List<ScoreCard> Score(DemoDataSet data, int cycle) =>
        data.Submissions.Where(s => s.Cycle == cycle)
            .Select(s => ScoringEngine.Score(TestData.Real.ModelForCycle(2026), TestData.Real.Version(s.QuestionnaireVersion)!, s))
            .Where(c => c.Index is not null)
            .ToList();

    private static string WriteToTemp(DemoDataSet data)
    {
        var folder = Path.Combine(Path.GetTempPath(), "benchmark-tests", Guid.NewGuid().ToString("N"));
        DemoWriter.Write(data, TestData.Real, folder);
        return folder;
    }

    private static string Snapshot(string folder) =>
        string.Join("\n", Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
}
