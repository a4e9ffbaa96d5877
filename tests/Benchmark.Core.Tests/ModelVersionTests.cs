using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests;

/// <summary>
/// Issue 15: the model of 2027 measures the obligations of 2026 with levels an analyst can check, names its sources,
/// asks for evidence, and leaves the rounds of earlier versions as they were (docs/model.md).
/// </summary>
public sealed class ModelVersionTests
{
    private static Questionnaire Latest => TestData.Real.Questionnaires[^1];

    private static MaturityModel LatestModel => TestData.Real.ModelOf(Latest);

    [Fact]
    public void TheLatestVersionHasItsOwnModelAndEarlierVersionsKeepTheirs()
    {
        Assert.Equal("2027", Latest.Version);
        Assert.Equal(2, TestData.Real.Models.Count);
        Assert.NotSame(TestData.Real.ModelForCycle(2026), TestData.Real.ModelForCycle(2027));
        Assert.Same(TestData.Real.ModelForCycle(2024), TestData.Real.ModelForCycle(2026));
        Assert.Equal(Latest.ModelId, TestData.Real.ModelForCycle(2027).Id);
    }

    [Fact]
    public void EveryBlockOfTheLatestModelNamesItsSourcesAndHasCheckableConditionsForLevelsThreeFourAndFive()
    {
        var problems = new List<string>();
        foreach (var block in LatestModel.Blocks)
        {
            if (block.Sources.Count == 0)
            {
                problems.Add($"{block.Id}: no sources");
            }

            var questions = Latest.BlocksById[block.Id].Questions;
            foreach (var level in new[] { 3, 4, 5 })
            {
                if (!questions.Any(q => q.RequiredForLevel == level))
                {
                    problems.Add($"{block.Id}: no condition for level {level}");
                }
            }

            if (questions.Single(q => q.Type == QuestionType.Level).EvidenceFromLevel is not (4 or 5))
            {
                problems.Add($"{block.Id}: a claim of level 4 or 5 asks for no evidence");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryQuestionOfTheLatestVersionHasTextAndHelpInDutchAndEnglish()
    {
        var missing = Latest.Questions
            .Where(q => string.IsNullOrWhiteSpace(q.Text.Nl) || string.IsNullOrWhiteSpace(q.Text.En) || q.Help is null || string.IsNullOrWhiteSpace(q.Help.Nl) || string.IsNullOrWhiteSpace(q.Help.En) || q.Help.Nl == q.Help.En)
            .Select(q => q.Id)
            .ToList();

        Assert.True(missing.Count == 0, "without help in both languages: " + string.Join(", ", missing));
    }

    [Fact]
    public void LevelFiveOfTheLatestModelNeverAsksAMunicipalityToHelpOthers()
    {
        var model = LatestModel;
        Assert.DoesNotContain("helpt andere gemeenten", model.Levels.Single(l => l.Level == 5).Description.Nl, StringComparison.OrdinalIgnoreCase);
        var reaching = model.Blocks.Where(b => b.DescribeLevel(5).Nl.Contains("andere gemeenten", StringComparison.OrdinalIgnoreCase)).Select(b => b.Id).ToList();
        Assert.True(reaching.Count == 0, "level 5 reaches into other municipalities in: " + string.Join(", ", reaching));
    }

    /// <summary>The themes of issue 15 ("What changed by 2026"), each with words only a question about it would use.</summary>
    public static TheoryData<string, string[]> Themes() => new()
    {
        { "Omgevingswet and the DSO", ["Omgevingsloket", "omgevingsplan", "Digitaal Stelsel Omgevingswet"] },
        { "Wmebv", ["Wmebv", "elektronisch bestuurlijk verkeer"] },
        { "Wdo", ["Wet digitale overheid", "Wdo"] },
        { "Woo active disclosure", ["actief openbaar", "actieve openbaarmaking", "Woo-index"] },
        { "cloud and digital sovereignty", ["cloud"] },
        { "BIO2", ["BIO2"] },
        { "Cyberbeveiligingswet", ["Cyberbeveiligingswet"] },
        { "AI Act", ["AI-verordening"] },
        { "Algoritmeregister", ["Algoritmeregister"] },
        { "BRK", ["Basisregistratie Kadaster", "BRK"] },
        { "BRO", ["Basisregistratie Ondergrond", "BRO"] },
        { "WKPB", ["publiekrechtelijke beperking", "Wkpb"] },
        { "Stelselcatalogus", ["Stelselcatalogus"] },
        { "FSC", ["FSC", "Federatieve Service Connectiviteit"] },
        { "EU digital identity wallet", ["wallet"] },
    };

    [Theory]
    [MemberData(nameof(Themes))]
    public void TheLatestVersionMeasuresTheTheme(string theme, string[] words)
    {
        var measuring = Latest.Questions
            .Where(q => q.IsScored)
            .Where(q => words.Any(w => (q.Text.Nl + " " + q.Help?.Nl).Contains(w, StringComparison.Ordinal)))
            .Select(q => q.Id)
            .ToList();

        Assert.True(measuring.Count > 0, $"no scored question of version {Latest.Version} measures {theme}");
    }

    [Fact]
    public void AClaimOfLevelFourWithoutEvidenceIsFlaggedAndWithEvidenceItIsNot()
    {
        var catalog = TestData.Real;
        var submission = DemoGenerator.Generate(catalog, 3, [2027]).Submissions.First(s => s.Cycle == 2027);
        var block = Latest.Blocks[0];
        var level = block.LevelQuestion;
        var claimed = submission.With(level.Id, new Answer(new LevelValue(4), false, null, "Zo staat het ervoor bij ons."));
        var proven = submission.With(level.Id, new Answer(new LevelValue(4), false, null, "Zo staat het ervoor bij ons.") { Evidence = "https://www.example.nl/verantwoording" });

        IReadOnlyList<PlausibilityFlag> Flags(Submission s) =>
            PlausibilityRules.Check(LatestModel, Latest, s, ScoringEngine.Score(LatestModel, Latest, s), null, []);

        Assert.Contains(Flags(claimed), f => f.Rule == FlagRule.LevelWithoutEvidence && f.BlockId == block.BlockId);
        Assert.DoesNotContain(Flags(proven), f => f.Rule == FlagRule.LevelWithoutEvidence && f.BlockId == block.BlockId);
    }

    [Fact]
    public void EvidenceIsReadAndWrittenWithTheLevelQuestionAndRefusedElsewhere()
    {
        var catalog = TestData.Real;
        var submission = DemoGenerator.Generate(catalog, 3, [2027]).Submissions.First(s => s.Cycle == 2027);
        var block = Latest.Blocks[0];
        var withEvidence = submission.With(block.LevelQuestion.Id, new Answer(new LevelValue(4), false, null, "Toelichting bij het niveau.") { Evidence = "raadsvoorstel 2027-014" });

        var (read, errors) = SubmissionJson.Read(SubmissionJson.Write(withEvidence, Latest), catalog.Version, ValidationMode.Draft);
        Assert.Empty(errors);
        Assert.Equal("raadsvoorstel 2027-014", read!.AnswerTo(block.LevelQuestion.Id)!.Evidence);

        var other = block.Questions.First(q => q.Type != QuestionType.Level);
        var json = SubmissionJson.Write(submission, Latest).Replace($"\"{other.Id}\": {{", $"\"{other.Id}\": {{\"evidence\": \"https://www.example.nl\", ", StringComparison.Ordinal);
        var (_, refused) = SubmissionJson.Read(json, catalog.Version, ValidationMode.Draft);
        Assert.Contains(refused, e => e.Pointer == $"/answers/{other.Id}/evidence");
    }

    [Fact]
    public void ASubmissionOf2026CarriedToTheNewVersionKeepsEveryAnswerWhoseQuestionStayedAndScoresAsDocumented()
    {
        var catalog = TestData.Real;
        var submission = DemoGenerator.Generate(catalog, 2, [2026]).Submissions.First(s => ScoringEngine.Score(catalog.ModelForCycle(2026), catalog.Version("2026")!, s).IsComplete);
        var carried = SubmissionTranslator.Translate(catalog, submission, Latest.Version);

        // Questions that kept their id keep their answer; questions new in 2027 are unanswered, never "not applicable".
        foreach (var question in Latest.Questions)
        {
            var before = submission.AnswerTo(question.Id);
            var after = carried.AnswerTo(question.Id);
            if (catalog.Version("2026")!.QuestionsById.ContainsKey(question.Id) && before is not null)
            {
                Assert.Equal(before.Value, after?.Value);
            }
            else if (Latest.Mapping!.Changes.Any(c => c.Kind == MappingKind.Added && c.To.Contains(question.Id)))
            {
                Assert.Null(after);
            }
        }

        // Scored on the new model, a block new in 2027 is unanswered; the 2026 round itself still scores on its own model.
        var card = ScoringEngine.Score(LatestModel, Latest, carried);
        var newBlocks = LatestModel.Blocks.Where(b => !catalog.ModelForCycle(2026).BlocksById.ContainsKey(b.Id)).Select(b => b.Id).ToList();
        Assert.NotEmpty(newBlocks);
        Assert.All(newBlocks, id => Assert.Equal(ScoreStatus.Unanswered, card.Block(id).Status));
        Assert.Same(catalog.ModelOfVersion("2026"), catalog.ModelForCycle(2026));
        Assert.Equal("gemeentelijke-e-overheid", catalog.ModelForCycle(2026).Id);

        // Across model versions nothing is compared: the levels do not mean the same. Trends list the earlier years as
        // measured with another model, without a score, and no "change since last year" or level-jump flag is made.
        Assert.Null(ComparisonBasis.Compare(catalog, submission, carried with { Cycle = 2027 }));
        var data = DemoGenerator.Generate(catalog, 2, [2026, 2027]);
        var years = new List<int> { 2026, 2027 };
        var history = Trends.Comparable(catalog, Latest.Version, years
            .Select(y => new CycleSubmissions(y, data.RegisterFor(y), data.Submissions.Where(s => s.Cycle == y).ToList())).ToList());
        var code = data.Submissions.First(s => s.Cycle == 2027 && data.Submissions.Any(p => p.Cycle == 2026 && p.Municipality == s.Municipality)).Municipality;
        var trend = Trends.ForIndex(code, history, data.RegisterFor(2027));
        Assert.Equal([(2026, (decimal?)null, TrendPoint.OtherModel), (2027, trend[1].Score, "own")], trend.Select(p => (p.Cycle, p.Score, p.Source)));
        Assert.NotNull(trend[1].Score);
    }
}
