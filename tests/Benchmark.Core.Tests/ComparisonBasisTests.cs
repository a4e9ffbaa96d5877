using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;

namespace Benchmark.Core.Tests;

/// <summary>Comparing cycles answered with different questionnaire versions on what both versions measure (docs/benchmarking.md).</summary>
public sealed class ComparisonBasisTests
{
    private static readonly QuestionnaireCatalog Real = TestData.Real;
    private static readonly Questionnaire V2024 = Real.Version("2024")!;
    private static readonly Questionnaire V2026 = Real.Version("2026")!;

    [Fact]
    public void AConditionTheEarlierQuestionnaireDidNotAskNeverHoldsACarriedOverSubmissionBelowALevel()
    {
        var newCondition = V2026.QuestionsById["mijnoverheid.berichtenbox"];
        Assert.False(V2024.QuestionsById.ContainsKey(newCondition.Id));
        var earlier = Reaching(V2024, newCondition.RequiredForLevel!.Value) with { Cycle = 2025 };

        var card = ComparisonBasis.Between(Real, "2024", "2026").Score(Real, earlier);

        var block = card.Block(newCondition.BlockId);
        Assert.Equal(newCondition.RequiredForLevel, block.StagedLevel);
        Assert.Empty(block.Caps);
        Assert.DoesNotContain(block.Questions, q => q.QuestionId == newCondition.Id);
    }

    [Fact]
    public void SubmissionsToBothVersionsWithTheSameAnswersToTheSharedQuestionsShowNoChange()
    {
        var (before, now) = SameAnswersInBothVersions();

        var comparison = ComparisonBasis.Compare(Real, before, now)!;

        Assert.Equal(comparison.Before.Index, comparison.Now.Index);
        Assert.Equal(
            comparison.Before.Blocks.Select(b => (b.BlockId, b.StagedLevel, b.Score)),
            comparison.Now.Blocks.Select(b => (b.BlockId, b.StagedLevel, b.Score)));

        // Without the common basis the new conditions, answered "no" in the later year, would show as a fall.
        var plain = ScoringEngine.Score(Real.ModelForCycle(2026), V2026, now);
        Assert.Contains(plain.Blocks, b => b.StagedLevel < comparison.Before.Block(b.BlockId).StagedLevel);
    }

    [Fact]
    public void ChangingOneSharedAnswerShowsExactlyThatChange()
    {
        var (before, now) = SameAnswersInBothVersions();
        var shared = V2026.QuestionsById["e-factureren.aandeel-e-facturen"];
        Assert.Equal("e-factureren.percentage", V2026.Mapping!.Changes.Single(c => c.To.Contains(shared.Id)).From);
        var other = now.Answers[shared.Id].Value == new NumberValue(shared.Scale!.ZeroAt) ? shared.Scale.FullAt : shared.Scale.ZeroAt;
        var changed = now.With(shared.Id, Answer.Of(new NumberValue(other)));

        var comparison = ComparisonBasis.Compare(Real, before, changed)!;

        var moved = comparison.Before.Blocks.Zip(comparison.Now.Blocks).Where(p => p.First.Score != p.Second.Score).Select(p => p.First.BlockId);
        Assert.Equal([shared.BlockId], moved);
        var questionsThatMoved = comparison.Before.Block(shared.BlockId).Questions.Zip(comparison.Now.Block(shared.BlockId).Questions)
            .Where(p => p.First.Score != p.Second.Score)
            .Select(p => (p.First.QuestionId, p.Second.Score));
        Assert.Equal([(shared.Id, ScoringEngine.ScoreAnswer(shared, new NumberValue(other)))], questionsThatMoved);
    }

    [Fact]
    public void ABlockWhoseScoredQuestionsDifferBetweenTheVersionsIsMarkedAndOneThatKeptThemIsNot()
    {
        var basis = ComparisonBasis.Between(Real, "2024", "2026");

        // Conditions added (berichtenbox, sourcingkeuze), dropped (upl) and split (fg-en-register) mark their blocks.
        Assert.Contains("mijnoverheid", basis.ChangedBlocks);
        Assert.Contains("gedeelde-dienstverlening", basis.ChangedBlocks);
        Assert.Contains("samenwerkende-catalogi", basis.ChangedBlocks);
        Assert.Contains("privacy-avg", basis.ChangedBlocks);

        // Only renamed (same weight, same condition) or unscored changes leave a block's definition as it was.
        Assert.DoesNotContain("e-factureren", basis.ChangedBlocks);
        Assert.DoesNotContain("e-formulieren", basis.ChangedBlocks);
        var unchanged = V2026.Blocks.Where(b => b.Questions.Where(q => q.IsScored).All(q => V2024.QuestionsById.TryGetValue(q.Id, out var old) && old.RequiredForLevel == q.RequiredForLevel && old.Weight == q.Weight)
                                                && V2024.BlocksById[b.BlockId].Questions.Where(q => q.IsScored).All(q => V2026.QuestionsById.ContainsKey(q.Id)))
            .Select(b => b.BlockId)
            .ToList();
        Assert.NotEmpty(unchanged);
        Assert.All(unchanged, id => Assert.DoesNotContain(id, basis.ChangedBlocks));
        Assert.Empty(ComparisonBasis.Between(Real, "2026", "2026").ChangedBlocks);
    }

    [Fact]
    public void ABasisFromALaterVersionBackToAnEarlierOneIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ComparisonBasis.Between(Real, "2026", "2024"));
    }

    [Fact]
    public void ATrendOverBothVersionsMarksTheEarlierPointOfAChangedBlockAndMovesOnlyWhereAnswersMoved()
    {
        var (before, now) = SameAnswersInBothVersions();
        var register = DemoGenerator.Generate(Real, 1, [2025, 2026]);
        var municipality = register.RegisterFor(2026).Municipalities[0];
        var history = Trends.Comparable(
            Real,
            "2026",
            [
                new CycleSubmissions(2025, register.RegisterFor(2025), [before with { Municipality = municipality.Code }]),
                new CycleSubmissions(2026, register.RegisterFor(2026), [now with { Municipality = municipality.Code }]),
            ]);

        var index = Trends.ForIndex(municipality.Code, history, register.RegisterFor(2026));
        var mijnOverheid = Trends.ForBlock(municipality.Code, "mijnoverheid", history, register.RegisterFor(2026));
        var digid = Trends.ForBlock(municipality.Code, "digid", history, register.RegisterFor(2026));

        Assert.Equal(index[0].Score, index[1].Score);
        Assert.Equal(ComparisonBasis.Between(Real, "2024", "2026").ChangedBlocks.Order(StringComparer.Ordinal), index[0].ChangedBlocks);
        Assert.False(index[1].DefinitionChanged);
        Assert.Equal([true, false], mijnOverheid.Select(p => p.DefinitionChanged));
        Assert.Equal([false, false], digid.Select(p => p.DefinitionChanged));
    }

    [Fact]
    public void TheCouncilReportSaysTheYearsAreComparedOnWhatBothQuestionnairesAskAndNamesEachChangedBlock()
    {
        var data = DemoGenerator.Generate(Real, 1, [2025, 2026]);
        var reports = new OfflineReports(data, Real, 2026);
        var municipality = reports.Municipalities.First(m => data.Submissions.Any(s => s.Cycle == 2025 && s.Municipality == m));
        var input = reports.CouncilInput(municipality, new DateOnly(2026, 11, 22));
        var changed = ComparisonBasis.Between(Real, "2024", "2026").ChangedBlocks;

        var dutch = CouncilReportBuilder.Build(input, Language.Dutch).Summary.Change;
        var english = CouncilReportBuilder.Build(input, Language.English).Summary.Change;

        Assert.StartsWith("Op de vragen die beide vragenlijsten stellen, ", dutch, StringComparison.Ordinal);
        Assert.StartsWith("On the questions both questionnaires ask, ", english, StringComparison.Ordinal);
        Assert.Contains("Met alle vragen van 2026 is de index ", dutch, StringComparison.Ordinal);
        Assert.Contains("With every question of 2026 the index is ", english, StringComparison.Ordinal);
        Assert.Contains($"Bij {changed.Count} bouwstenen zijn de vragen na 2025 veranderd: ", dutch, StringComparison.Ordinal);
        Assert.Contains($"The questions on {changed.Count} building blocks changed after 2025: ", english, StringComparison.Ordinal);
        var dutchList = dutch[dutch.IndexOf("zijn de vragen na 2025 veranderd: ", StringComparison.Ordinal)..];
        var englishList = english[english.IndexOf("changed after 2025: ", StringComparison.Ordinal)..];
        Assert.All(changed, id => Assert.Contains(Real.ModelForCycle(2026).BlocksById[id].Name.Nl, dutchList, StringComparison.Ordinal));
        Assert.All(changed, id => Assert.Contains(Real.ModelForCycle(2026).BlocksById[id].Name.En, englishList, StringComparison.Ordinal));
        Assert.DoesNotContain(Real.ModelForCycle(2026).BlocksById["digid"].Name.Nl + ":", dutch, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkedExampleInBenchmarkingMdComparesLikeWithLike()
    {
        // Hand-computed in docs/benchmarking.md, "Comparing across questionnaire versions", on the mini questionnaires.
        var mini = QuestionnaireCatalog.LoadDirectory(RepositoryPaths.Fixture("mini"));
        var before = TestData.ReadValid(
            """
            {"municipality":"GM9999","cycle":2025,"questionnaire":"2024","answers":{
              "digid.niveau":{"value":3,"explanation":"x"},
              "digid.sms-controle":{"value":true},
              "digid.aanvragen":{"value":["verhuizing"]},
              "bio.niveau":{"value":3,"explanation":"x"},
              "bio.audit":{"value":"gepland"},
              "bio.oud":{"value":false}}}
            """,
            mini,
            ValidationMode.Draft);
        var now = TestData.ReadValid(
            """
            {"municipality":"GM9999","cycle":2026,"questionnaire":"2026","answers":{
              "digid.niveau":{"value":3,"explanation":"x"},
              "digid.sms":{"value":true},
              "digid.aanvragen":{"value":["verhuizing","parkeren"]},
              "bio.niveau":{"value":3,"explanation":"x"},
              "bio.audit":{"value":"gepland"},
              "bio.incidenten":{"value":0}}}
            """,
            mini,
            ValidationMode.Draft);

        var ownBefore = ScoringEngine.Score(mini.ModelForCycle(2026), mini.Version("2024")!, before);
        var ownNow = ScoringEngine.Score(mini.ModelForCycle(2026), mini.Version("2026")!, now);
        var comparison = ComparisonBasis.Compare(mini, before, now)!;

        Assert.Equal((3.25m, 3.75m), (ownBefore.Block("bio").Score, ownNow.Block("bio").Score));
        Assert.Equal((3.50m, 3.50m), (comparison.Before.Block("bio").Score, comparison.Now.Block("bio").Score));
        Assert.Equal((3.70m, 3.90m), (comparison.Before.Block("digid").Score, comparison.Now.Block("digid").Score));
        Assert.Equal(["bio", "mijnoverheid"], comparison.ChangedBlocks.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A 2024-version submission with varied answers, and a 2026-version one with the same answers to every question
    /// both versions ask, every new condition answered "no" and every other new question answered at its best.
    /// </summary>
    private static (Submission Before, Submission Now) SameAnswersInBothVersions()
    {
        var before = Varied(V2024) with { Cycle = 2025 };
        var carried = SubmissionTranslator.Translate(Real, before, "2026");
        var answers = carried.Answers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var question in V2026.Questions.Where(q => q.IsScored && !answers.ContainsKey(q.Id)))
        {
            answers[question.Id] = Answer.Of(question.RequiredForLevel is null ? Best(question) : Worst(question));
        }

        return (before, carried with { Cycle = 2026, Answers = answers });
    }

    /// <summary>Levels 1 to 4 across the blocks, conditions met up to the level, other answers in between.</summary>
    private static Submission Varied(Questionnaire questionnaire)
    {
        int[] levels = [2, 3, 4, 3, 1];
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (block, i) in questionnaire.Blocks.Select((b, i) => (b, i)))
        {
            var level = levels[i % levels.Length];
            foreach (var (question, j) in block.Questions.Where(q => q.IsScored).Select((q, j) => (q, j)))
            {
                answers[question.Id] = Answer.Of(question switch
                {
                    { Type: QuestionType.Level } => new LevelValue(level),
                    { RequiredForLevel: { } required } => required <= level ? Best(question) : Worst(question),
                    _ => j % 2 == 0 ? Best(question) : Worst(question),
                }, $"Niveau {level}, zie het jaarverslag.");
            }
        }

        return TestData.Empty(questionnaire) with { Answers = answers };
    }

    private static AnswerValue Worst(Question question) => question.Type switch
    {
        QuestionType.YesNo => new YesNoValue(false),
        QuestionType.Single => new ChoiceValue(question.Options.MinBy(o => o.Value)!.Id),
        QuestionType.Multi => new MultiChoiceValue([]),
        QuestionType.Number => new NumberValue(question.Scale!.ZeroAt),
        _ => throw new ArgumentException($"{question.Id} is not scored by an answer of this kind.", nameof(question)),
    };

    /// <summary>Every block answered at <paramref name="level"/>, with every condition up to it met and every other scored question at its best.</summary>
    private static Submission Reaching(Questionnaire questionnaire, int level)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var question in questionnaire.Questions.Where(q => q.IsScored))
        {
            answers[question.Id] = question.Type == QuestionType.Level
                ? Answer.Of(new LevelValue(level), $"Niveau {level}, zie het jaarverslag.")
                : Answer.Of(Best(question));
        }

        return TestData.Empty(questionnaire) with { Answers = answers };
    }

    private static AnswerValue Best(Question question) => question.Type switch
    {
        QuestionType.YesNo => new YesNoValue(true),
        QuestionType.Single => new ChoiceValue(question.Options.MaxBy(o => o.Value)!.Id),
        QuestionType.Multi => new MultiChoiceValue(question.Options.Where(o => !o.Exclusive).Select(o => o.Id).ToList()),
        QuestionType.Number => new NumberValue(question.Scale!.FullAt),
        _ => throw new ArgumentException($"{question.Id} is not scored by an answer of this kind.", nameof(question)),
    };
}
