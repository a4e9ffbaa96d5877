using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using CsCheck;

namespace Benchmark.Core.Tests;

/// <summary>The guarantees of docs/scoring.md §7, checked on random submissions to the real questionnaires.</summary>
public sealed class ScoringPropertyTests
{
    private const int Iterations = 300;

    public static TheoryData<string> Versions() => new(TestData.Real.Questionnaires.Select(q => q.Version));

    [Theory]
    [MemberData(nameof(Versions))]
    public void RaisingAnyAnswerNeverLowersAnyScore(string version)
    {
        var (model, questionnaire) = Load(version);
        var questions = questionnaire.Questions.ToList();
        Gen.Select(Gen.UInt.Array[questions.Count], Gen.Int[0, questions.Count - 1], Gen.UInt).Sample((seeds, index, other) =>
        {
            var submission = RandomSubmissions.Build(questionnaire, seeds);
            var question = questions[index];
            if (submission.AnswerTo(question.Id)?.Value is not { } current || ScoringEngine.ScoreAnswer(question, current) is not { } currentScore)
            {
                return;
            }

            var candidate = RandomSubmissions.Value(question, other);
            if (ScoringEngine.ScoreAnswer(question, candidate) is not { } candidateScore || candidateScore < currentScore)
            {
                return;
            }

            var before = ScoringEngine.Score(model, questionnaire, submission);
            var after = ScoringEngine.Score(model, questionnaire, submission.With(question.Id, submission.Answers[question.Id] with { Value = candidate }));
            AssertNotLower(before, after);
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void NotApplicableNeverLowersAScore(string version)
    {
        var (model, questionnaire) = Load(version);
        var allowed = questionnaire.Questions.Where(q => q.NotApplicableAllowed && q.IsScored).ToList();
        Assert.NotEmpty(allowed);
        Gen.Select(Gen.UInt.Array[questionnaire.Questions.Count()], Gen.Int[0, allowed.Count - 1]).Sample((seeds, index) =>
        {
            var question = allowed[index];
            var submission = RandomSubmissions.Build(questionnaire, seeds);
            if (question.Type == QuestionType.Level)
            {
                // For the level question, "not applicable" takes the whole block out: compare with every answer in it at its lowest.
                foreach (var other in questionnaire.BlocksById[question.BlockId].Questions)
                {
                    submission = RandomSubmissions.Lowest(other) is { } low ? submission.With(other.Id, Answer.Of(low, "x")) : submission;
                }
            }
            else
            {
                submission = submission.With(question.Id, Answer.Of(RandomSubmissions.Lowest(question)!, "x"));
            }

            var before = ScoringEngine.Score(model, questionnaire, submission);
            var after = ScoringEngine.Score(model, questionnaire, submission.With(question.Id, Answer.NotApplicableBecause("Niet van toepassing.")));
            AssertNotLower(before, after, exceptBlock: question.Type == QuestionType.Level ? question.BlockId : null);
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void DomainAndOverallScoresAreTheDocumentedWeightedMeans(string version)
    {
        var (model, questionnaire) = Load(version);
        Gen.UInt.Array[questionnaire.Questions.Count()].Sample(seeds =>
        {
            var card = ScoringEngine.Score(model, questionnaire, RandomSubmissions.Build(questionnaire, seeds));
            foreach (var domain in card.Domains.Where(d => d.Status == ScoreStatus.Scored))
            {
                var blocks = card.Blocks.Where(b => b.DomainId == domain.DomainId && b.Status == ScoreStatus.Scored).ToList();
                var expected = blocks.Sum(b => b.Score!.Value * model.BlocksById[b.BlockId].Weight) / blocks.Sum(b => model.BlocksById[b.BlockId].Weight);
                Assert.Equal(expected, domain.Score!.Value, 20);
            }

            var scored = card.Domains.Where(d => d.Status == ScoreStatus.Scored).ToList();
            if (scored.Count > 0)
            {
                var overall = scored.Sum(d => d.Score!.Value * d.Weight) / scored.Sum(d => d.Weight);
                Assert.Equal(overall, card.OverallScore!.Value, 20);
                Assert.Equal((overall - 1) / 4 * 100, card.Index!.Value, 18);
            }
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void MultiplyingAllWeightsByOneNumberChangesNothing(string version)
    {
        var (model, questionnaire) = Load(version);
        var scaled = new MaturityModel(
            model.Id,
            model.Version,
            model.Title,
            model.Description,
            model.Levels,
            model.Domains.Select(d => d with { Weight = d.Weight * 7 }).ToList(),
            model.Blocks.Select(b => b with { Weight = b.Weight * 3 }).ToList());
        Gen.UInt.Array[questionnaire.Questions.Count()].Sample(seeds =>
        {
            var submission = RandomSubmissions.Build(questionnaire, seeds);
            var original = ScoringEngine.Score(model, questionnaire, submission);
            var rescaled = ScoringEngine.Score(scaled, questionnaire, submission);
            Assert.Equal(Math.Round(original.Index ?? -1, 20), Math.Round(rescaled.Index ?? -1, 20));
        }, iter: 100);
    }

    [Fact]
    public void AHeavierBlockPullsItsDomainTowardsItsOwnScore()
    {
        var catalog = TestData.Example;
        var questionnaire = catalog.Version("2026")!;
        var submission = TestData.ExampleSubmission().With("mijnoverheid.niveau", Answer.Of(new LevelValue(5), "x")).With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(true)));
        var heavier = new MaturityModel(catalog.ModelForCycle(2026).Id, catalog.ModelForCycle(2026).Version, catalog.ModelForCycle(2026).Title, null, catalog.ModelForCycle(2026).Levels, catalog.ModelForCycle(2026).Domains,
            catalog.ModelForCycle(2026).Blocks.Select(b => b.Id == "mijnoverheid" ? b with { Weight = 6 } : b).ToList());

        var normal = ScoringEngine.Score(catalog.ModelForCycle(2026), questionnaire, submission).Domain("dienstverlening").Score!.Value;
        var weighted = ScoringEngine.Score(heavier, questionnaire, submission).Domain("dienstverlening").Score!.Value;

        // DigiD 2.30 (weight 2) and MijnOverheid 5 (weight 1 → 6).
        Assert.Equal(((2 * 2.30m) + 5m) / 3m, normal);
        Assert.Equal(((2 * 2.30m) + (6 * 5m)) / 8m, weighted);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ABlockScoreNeverContradictsItsLevel(string version)
    {
        var (model, questionnaire) = Load(version);
        Gen.UInt.Array[questionnaire.Questions.Count()].Sample(seeds =>
        {
            var card = ScoringEngine.Score(model, questionnaire, RandomSubmissions.Build(questionnaire, seeds));
            foreach (var block in card.Blocks.Where(b => b.Status == ScoreStatus.Scored))
            {
                Assert.Equal(block.StagedLevel!.Value, (int)decimal.Floor(block.Score!.Value));
                Assert.True(block.StagedLevel <= block.ClaimedLevel);
            }
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ScoringIsDeterministicAndIgnoresAnswerOrder(string version)
    {
        var (model, questionnaire) = Load(version);
        Gen.UInt.Array[questionnaire.Questions.Count()].Sample(seeds =>
        {
            var submission = RandomSubmissions.Build(questionnaire, seeds);
            var reversed = submission with { Answers = submission.Answers.Reverse().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) };
            var first = ScoringEngine.Score(model, questionnaire, submission);
            var second = ScoringEngine.Score(model, questionnaire, reversed);
            Assert.Equal(Describe(first), Describe(second));
        }, iter: 100);
    }

    private static string Describe(ScoreCard card) =>
        $"{card.Index}|{card.Completeness}|" + string.Join(";", card.Blocks.Select(b => $"{b.BlockId}:{b.Status}:{b.Score}:{b.StagedLevel}:{string.Join(",", b.Caps)}"))
        + string.Join(";", card.Domains.Select(d => $"{d.DomainId}:{d.Score}"));

    private static (MaturityModel Model, Questionnaire Questionnaire) Load(string version) =>
        (TestData.Real.ModelOfVersion(version), TestData.Real.Version(version)!);

    private static void AssertNotLower(ScoreCard before, ScoreCard after, string? exceptBlock = null)
    {
        foreach (var (b, a) in before.Blocks.Zip(after.Blocks).Where(p => p.First.BlockId != exceptBlock && p.First.Score is not null && p.Second.Score is not null))
        {
            Assert.True(a.Score >= b.Score, $"block {b.BlockId}: {b.Score} → {a.Score}");
            Assert.True(a.StagedLevel >= b.StagedLevel, $"staged level of {b.BlockId}: {b.StagedLevel} → {a.StagedLevel}");
        }

        foreach (var (b, a) in before.Domains.Zip(after.Domains).Where(p => p.First.Score is not null && p.Second.Score is not null))
        {
            Assert.True(a.Score >= b.Score, $"domain {b.DomainId}: {b.Score} → {a.Score}");
        }

        if (before.OverallScore is not null && after.OverallScore is not null)
        {
            Assert.True(after.OverallScore >= before.OverallScore, $"overall: {before.OverallScore} → {after.OverallScore}");
        }
    }
}

/// <summary>Turns a list of random numbers into a valid submission, one number per question, so CsCheck can shrink it.</summary>
internal static class RandomSubmissions
{
    public static Submission Build(Questionnaire questionnaire, uint[] seeds)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (question, seed) in questionnaire.Questions.Zip(seeds))
        {
            switch (seed % 10)
            {
                case 0:
                    break;
                case 1 when question.NotApplicableAllowed:
                    answers[question.Id] = Answer.NotApplicableBecause("Niet van toepassing.");
                    break;
                default:
                    answers[question.Id] = Answer.Of(Value(question, seed / 10), "Toelichting.");
                    break;
            }
        }

        return TestData.Empty(questionnaire) with { Answers = answers };
    }

    public static AnswerValue Value(Question question, uint seed) => question.Type switch
    {
        QuestionType.Level => new LevelValue(1 + (int)(seed % 5)),
        QuestionType.YesNo => new YesNoValue(seed % 2 == 1),
        QuestionType.Single => new ChoiceValue(question.Options[(int)(seed % (uint)question.Options.Count)].Id),
        QuestionType.Multi => Multi(question, seed),
        QuestionType.Number => new NumberValue(Number(question, seed)),
        _ => new TextValue("Tekst " + seed),
    };

    /// <summary>The answer with the lowest score, or null for unscored questions.</summary>
    public static AnswerValue? Lowest(Question question)
    {
        if (!question.IsScored)
        {
            return null;
        }

        return question.Type switch
        {
            QuestionType.Level => new LevelValue(1),
            QuestionType.YesNo => new YesNoValue(false),
            QuestionType.Single => new ChoiceValue(question.Options.MinBy(o => o.Value)!.Id),
            QuestionType.Multi => new MultiChoiceValue(question.Options.Where(o => o.Exclusive).Select(o => o.Id).Take(1).ToList()),
            QuestionType.Number => new NumberValue(Clamp(question, question.Scale!.ZeroAt)),
            _ => null,
        };
    }

    private static MultiChoiceValue Multi(Question question, uint seed)
    {
        var chosen = question.Options.Where((o, i) => !o.Exclusive && (seed >> i & 1) == 1).Select(o => o.Id).ToList();
        return chosen.Count == 0 && question.Options.FirstOrDefault(o => o.Exclusive) is { } none ? new MultiChoiceValue([none.Id]) : new MultiChoiceValue(chosen);
    }

    private static decimal Number(Question question, uint seed)
    {
        var min = question.Min ?? 0;
        var max = question.Max ?? min + 200;
        var span = (uint)Math.Max(1, Math.Min(1_000_000, max - min));
        var value = min + (seed % (span + 1));
        return Clamp(question, value);
    }

    private static decimal Clamp(Question question, decimal value) =>
        Math.Min(question.Max ?? decimal.MaxValue, Math.Max(question.Min ?? decimal.MinValue, value));
}
