using Benchmark.Core.Model;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Scoring;

/// <summary>
/// Turns answers into scores. Every rule is documented, with a worked example, in docs/scoring.md;
/// keep the two in step.
/// </summary>
public static class ScoringEngine
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

        // Loops rather than LINQ here and below: scoring runs once per submission of a whole cycle (issue 19, 100,000
        // organisations), and the allocations were most of its cost. The arithmetic, and its order, is unchanged.
        var blocks = new List<BlockScore>(questionnaire.Blocks.Count);
        int required = 0, done = 0;
        foreach (var questions in questionnaire.Blocks)
        {
            var block = ScoreBlock(model.BlocksById[questions.BlockId], questions, submission, out var blockRequired, out var blockDone);
            blocks.Add(block);
            required += blockRequired;
            done += blockDone;
        }

        var domains = new List<DomainScore>(model.Domains.Count);
        foreach (var domain in model.Domains)
        {
            domains.Add(ScoreDomain(model, domain, blocks));
        }

        decimal? overall = null;
        decimal sum = 0, weights = 0;
        foreach (var domain in domains)
        {
            if (domain.Status == ScoreStatus.Scored)
            {
                sum += domain.Score!.Value * domain.Weight;
                weights += domain.Weight;
                overall = 0m;
            }
        }

        if (overall is not null)
        {
            overall = weights == 0 ? 0m : sum / weights;
        }

        decimal? index = overall is null ? null : LevelToIndex(overall.Value);
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

    private static BlockScore ScoreBlock(BuildingBlock block, QuestionnaireBlock questions, Submission submission, out int required, out int done)
    {
        var levelQuestion = questions.LevelQuestion;
        var levelAnswer = submission.AnswerTo(levelQuestion.Id);
        var blockNotApplicable = levelAnswer?.NotApplicable == true;
        var target = submission.Targets.TryGetValue(block.Id, out var t) ? t : (int?)null;

        var questionScores = new List<QuestionScore>(questions.Questions.Count);
        required = 0;
        done = 0;
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
            if (question.Required)
            {
                required++;
                if (status != QuestionStatus.Unanswered)
                {
                    done++;
                }
            }
        }

        var completeness = Percentage(done, required);

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
        var caps = new List<LevelCap>();
        for (var i = 0; i < questions.Questions.Count; i++)
        {
            var question = questions.Questions[i];
            if (question.RequiredForLevel is { } requiredFor && requiredFor <= claimed.Level && !IsMet(question, questionScores[i], questionScores))
            {
                caps.Add(new LevelCap(
                    question.Id,
                    requiredFor,
                    Unanswered: questionScores[i].Status == QuestionStatus.Unanswered,
                    NotApplicable: questionScores[i].Status == QuestionStatus.NotApplicable));
            }
        }

        // Lowest level first, then by id: question ids are unique in a block, so no two caps tie and any sort gives one order.
        caps.Sort(static (a, b) => a.RequiredForLevel != b.RequiredForLevel ? a.RequiredForLevel.CompareTo(b.RequiredForLevel) : string.CompareOrdinal(a.QuestionId, b.QuestionId));
        var staged = caps.Count == 0 ? claimed.Level : Math.Max(MaturityModel.LowestLevel, caps[0].RequiredForLevel - 1);

        // Progress within the level: the weighted share of positive supporting answers, kept below the next level.
        decimal sum = 0, weights = 0;
        var supporting = 0;
        foreach (var q in questionScores)
        {
            if (q.Counted)
            {
                sum += q.Score!.Value * q.Weight;
                weights += q.Weight;
                supporting++;
            }
        }

        var progress = supporting == 0 ? 0m : Math.Min(MaxProgress, weights == 0 ? 0m : sum / weights);
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
    private static bool IsMet(Question condition, QuestionScore result, List<QuestionScore> results) => result.Status switch
    {
        QuestionStatus.Answered => result.Score >= ConditionMet,
        QuestionStatus.NotApplicable when condition.NotApplicableInstead is { } instead =>
            Find(results, instead) is { Status: QuestionStatus.Answered, Score: { } score } && score >= ConditionMet,
        _ => false,
    };

    // A search rather than a dictionary per block: it is needed only for a not-applicable condition with a question in its place.
    private static QuestionScore Find(List<QuestionScore> results, string questionId)
    {
        foreach (var result in results)
        {
            if (string.Equals(result.QuestionId, questionId, StringComparison.Ordinal))
            {
                return result;
            }
        }

        throw new KeyNotFoundException($"The question '{questionId}' is not in this block.");
    }

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
        int inDomain = 0, scored = 0, notApplicable = 0, unanswered = 0;
        decimal sum = 0, weights = 0;
        foreach (var block in blocks)
        {
            if (block.DomainId != domain.Id)
            {
                continue;
            }

            inDomain++;
            switch (block.Status)
            {
                case ScoreStatus.Scored:
                    scored++;
                    var weight = model.BlocksById[block.BlockId].Weight;
                    sum += block.Score!.Value * weight;
                    weights += weight;
                    break;
                case ScoreStatus.NotApplicable:
                    notApplicable++;
                    break;
                case ScoreStatus.Unanswered:
                    unanswered++;
                    break;
            }
        }

        if (scored == 0)
        {
            var status = inDomain > 0 && notApplicable == inDomain ? ScoreStatus.NotApplicable : ScoreStatus.Unanswered;
            return new DomainScore(domain.Id, status, null, domain.Weight, 0, notApplicable, unanswered);
        }

        var score = weights == 0 ? 0m : sum / weights;
        return new DomainScore(domain.Id, ScoreStatus.Scored, score, domain.Weight, scored, notApplicable, unanswered);
    }

    private static decimal Percentage(int part, int whole) => whole == 0 ? 100m : 100m * part / whole;
}
