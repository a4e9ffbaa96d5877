using Benchmark.Core.Model;
using Benchmark.Core.Submissions;

using Benchmark.Core.Scoring;

namespace Benchmark.Core.Tests;

// The scoring engine as it was before issue 19 took the LINQ out of its hot path, kept as the reference the faster one
// must agree with byte for byte.

/// <summary>
/// The previous scoring engine: turns answers into scores. Every rule is documented, with a worked example, in docs/scoring.md;
/// keep the two in step.
/// </summary>
public static class ReferenceScoringEngine
{
    /// <summary>A condition for a level is met when its question scores at least this.</summary>
    public const decimal ConditionMet = 0.5m;

    /// <summary>Supporting answers add at most this to the level, so a score never shows a level that was not reached.</summary>
    public const decimal MaxProgress = 0.99m;

    public static ScoreCard Score(MaturityModel model, Questionnaire questionnaire, Submission submission)
    {
        if (submission.QuestionnaireVersion != questionnaire.Version)
        {
            throw new ArgumentException($"The submission answers questionnaire {submission.QuestionnaireVersion}, not {questionnaire.Version}.", nameof(submission));
        }

        var blocks = questionnaire.Blocks.Select(b => ScoreBlock(model.BlocksById[b.BlockId], b, submission)).ToList();
        var domains = model.Domains.Select(d => ScoreDomain(model, d, blocks)).ToList();

        var scoredDomains = domains.Where(d => d.Status == ScoreStatus.Scored).ToList();
        decimal? overall = scoredDomains.Count == 0 ? null : WeightedMean(scoredDomains.Select(d => (d.Score!.Value, d.Weight)));
        decimal? index = overall is null ? null : LevelToIndex(overall.Value);

        var required = blocks.Sum(b => RequiredCount(questionnaire.BlocksById[b.BlockId]));
        var done = blocks.Sum(b => DoneCount(questionnaire.BlocksById[b.BlockId], b));
        var completeness = required == 0 ? 100m : 100m * done / required;

        return new ScoreCard(submission.Municipality, submission.Cycle, questionnaire.Version, index, overall, completeness, required, done, domains, blocks);
    }

    /// <summary>The level scale (1 to 5) onto the index (0 to 100): level 1 everywhere is 0, level 5 everywhere is 100.</summary>
    public static decimal LevelToIndex(decimal score) => (score - MaturityModel.LowestLevel) / (MaturityModel.HighestLevel - MaturityModel.LowestLevel) * 100m;

    /// <summary>The score of one answer, 0 to 1; null when the question is not scored.</summary>
    public static decimal? ScoreAnswer(Question question, AnswerValue value)
    {
        if (!question.IsScored)
        {
            return null;
        }

        return (question.Type, value) switch
        {
            (QuestionType.Level, LevelValue level) => (level.Level - MaturityModel.LowestLevel) / (decimal)(MaturityModel.HighestLevel - MaturityModel.LowestLevel),
            (QuestionType.YesNo, YesNoValue yesNo) => yesNo.Yes ? 1m : 0m,
            (QuestionType.Single, ChoiceValue choice) => question.Option(choice.OptionId)?.Value ?? throw Mismatch(question, value),
            (QuestionType.Multi, MultiChoiceValue multi) => multi.OptionIds.Sum(id => question.Option(id)?.Value ?? throw Mismatch(question, value)) / question.Options.Sum(o => o.Value),
            (QuestionType.Number, NumberValue number) => Clamp01((number.Number - question.Scale!.ZeroAt) / (question.Scale.FullAt - question.Scale.ZeroAt)),
            _ => throw Mismatch(question, value),
        };
    }

    private static ArgumentException Mismatch(Question question, AnswerValue value) =>
        new($"Answer {value} does not fit {question.Type.Name()} question '{question.Id}'.", nameof(value));

    private static decimal Clamp01(decimal value) => Math.Clamp(value, 0m, 1m);

    private static BlockScore ScoreBlock(BuildingBlock block, QuestionnaireBlock questions, Submission submission)
    {
        var levelQuestion = questions.LevelQuestion;
        var levelAnswer = submission.AnswerTo(levelQuestion.Id);
        var blockNotApplicable = levelAnswer?.NotApplicable == true;
        var target = submission.Targets.TryGetValue(block.Id, out var t) ? t : (int?)null;

        var questionScores = new List<QuestionScore>();
        foreach (var question in questions.Questions)
        {
            var answer = submission.AnswerTo(question.Id);
            var status = answer switch
            {
                _ when blockNotApplicable && question != levelQuestion => answer?.IsAnswered == true ? QuestionStatus.SetAside : QuestionStatus.NotApplicable,
                { NotApplicable: true } => QuestionStatus.NotApplicable,
                { Value: not null } => QuestionStatus.Answered,
                _ => QuestionStatus.Unanswered,
            };
            var questionScore = status == QuestionStatus.Answered ? ScoreAnswer(question, answer!.Value!) : null;

            // An unanswered condition for a level counts as not met, in the level and in the progress alike,
            // so that leaving it blank never pays better than answering it honestly. A not-applicable condition
            // without a question in its place is the same: "not applicable" must never be a way past a level gate.
            if (!blockNotApplicable && CountsAsNotMet(question, status))
            {
                questionScore = 0m;
            }

            var counted = questionScore is not null && question.Type != QuestionType.Level;
            questionScores.Add(new QuestionScore(question.Id, status, questionScore, question.Weight, counted));
        }

        var completeness = Percentage(DoneCount(questions, questionScores), RequiredCount(questions));

        if (blockNotApplicable)
        {
            return new BlockScore(block.Id, block.DomainId, ScoreStatus.NotApplicable, null, null, null, [], 100m, target, null, null, questionScores);
        }

        if (levelAnswer?.Value is not LevelValue claimed)
        {
            return new BlockScore(block.Id, block.DomainId, ScoreStatus.Unanswered, null, null, null, [], completeness, target, null, null, questionScores);
        }

        // The level reached: the claimed level, unless a condition for it (or a lower level) is not met.
        // An unanswered condition counts as not met; a not-applicable one is judged by the question the
        // questionnaire puts in its place, and without one it is not met either.
        var results = questionScores.ToDictionary(q => q.QuestionId, StringComparer.Ordinal);
        var caps = questions.Questions
            .Where(q => q.RequiredForLevel is not null && q.RequiredForLevel <= claimed.Level)
            .Select(q => (Question: q, Result: results[q.Id]))
            .Where(p => !IsMet(p.Question, p.Result, results))
            .Select(p => new LevelCap(
                p.Question.Id,
                p.Question.RequiredForLevel!.Value,
                Unanswered: p.Result.Status == QuestionStatus.Unanswered,
                NotApplicable: p.Result.Status == QuestionStatus.NotApplicable))
            .OrderBy(c => c.RequiredForLevel)
            .ThenBy(c => c.QuestionId, StringComparer.Ordinal)
            .ToList();
        var staged = caps.Count == 0 ? claimed.Level : Math.Max(MaturityModel.LowestLevel, caps[0].RequiredForLevel - 1);

        // Progress within the level: the weighted share of positive supporting answers, kept below the next level.
        var supporting = questionScores.Where(q => q.Counted).ToList();
        var progress = supporting.Count == 0 ? 0m : Math.Min(MaxProgress, WeightedMean(supporting.Select(q => (q.Score!.Value, q.Weight))));
        var score = Math.Min(MaturityModel.HighestLevel, staged + progress);

        decimal? gap = target is null ? null : Math.Max(0m, target.Value - score);
        decimal? percentToTarget = target switch
        {
            null => null,
            MaturityModel.LowestLevel => 100m,
            _ => Math.Clamp((score - MaturityModel.LowestLevel) / (target.Value - MaturityModel.LowestLevel) * 100m, 0m, 100m),
        };

        return new BlockScore(block.Id, block.DomainId, ScoreStatus.Scored, score, claimed.Level, staged, caps, completeness, target, gap, percentToTarget, questionScores);
    }

    /// <summary>
    /// Whether a condition for a level holds. Answered: it scores at least <see cref="ConditionMet"/>. Not applicable:
    /// the question in its place (<see cref="Question.NotApplicableInstead"/>) is answered and scores at least that.
    /// Anything else, including a not-applicable condition with nothing in its place, is not met.
    /// </summary>
    private static bool IsMet(Question condition, QuestionScore result, Dictionary<string, QuestionScore> results) => result.Status switch
    {
        QuestionStatus.Answered => result.Score >= ConditionMet,
        QuestionStatus.NotApplicable when condition.NotApplicableInstead is { } instead =>
            results[instead] is { Status: QuestionStatus.Answered, Score: { } score } && score >= ConditionMet,
        _ => false,
    };

    /// <summary>
    /// A condition that is unanswered, or not applicable with nothing in its place, scores 0 in the progress too, so
    /// that neither leaving it blank nor calling it "not applicable" ever scores better than an honest "no".
    /// </summary>
    private static bool CountsAsNotMet(Question question, QuestionStatus status) =>
        question.RequiredForLevel is not null && question.IsScored && status switch
        {
            QuestionStatus.Unanswered => true,
            QuestionStatus.NotApplicable => question.NotApplicableInstead is null,
            _ => false,
        };

    private static DomainScore ScoreDomain(MaturityModel model, Domain domain, List<BlockScore> blocks)
    {
        var inDomain = blocks.Where(b => b.DomainId == domain.Id).ToList();
        var scored = inDomain.Where(b => b.Status == ScoreStatus.Scored).ToList();
        var notApplicable = inDomain.Count(b => b.Status == ScoreStatus.NotApplicable);
        var unanswered = inDomain.Count(b => b.Status == ScoreStatus.Unanswered);
        if (scored.Count == 0)
        {
            var status = inDomain.Count > 0 && notApplicable == inDomain.Count ? ScoreStatus.NotApplicable : ScoreStatus.Unanswered;
            return new DomainScore(domain.Id, status, null, domain.Weight, 0, notApplicable, unanswered);
        }

        var score = WeightedMean(scored.Select(b => (b.Score!.Value, model.BlocksById[b.BlockId].Weight)));
        return new DomainScore(domain.Id, ScoreStatus.Scored, score, domain.Weight, scored.Count, notApplicable, unanswered);
    }

    private static decimal WeightedMean(IEnumerable<(decimal Value, decimal Weight)> items)
    {
        decimal sum = 0, weights = 0;
        foreach (var (value, weight) in items)
        {
            sum += value * weight;
            weights += weight;
        }

        return weights == 0 ? 0m : sum / weights;
    }

    private static decimal Percentage(int part, int whole) => whole == 0 ? 100m : 100m * part / whole;

    private static int RequiredCount(QuestionnaireBlock block) => block.Questions.Count(q => q.Required);

    private static int DoneCount(QuestionnaireBlock block, BlockScore score) => DoneCount(block, score.Questions);

    private static int DoneCount(QuestionnaireBlock block, IReadOnlyList<QuestionScore> scores) =>
        block.Questions.Zip(scores).Count(p => p.First.Required && p.Second.Status != QuestionStatus.Unanswered);
}

