namespace Benchmark.Core.Scoring;

public enum ScoreStatus
{
    /// <summary>Has a score.</summary>
    Scored,

    /// <summary>Answered as not applicable; left out of every average.</summary>
    NotApplicable,

    /// <summary>Not (yet) answered; left out of the averages and lowers completeness.</summary>
    Unanswered,
}

/// <summary>The scores of one submission. Scores are kept at full precision; round only when showing them.</summary>
/// <param name="Index">The overall index, 0 to 100; null when no block could be scored.</param>
/// <param name="OverallScore">The overall score on the level scale, 1 to 5.</param>
/// <param name="Completeness">Share of required questions answered or marked not applicable, 0 to 100.</param>
/// <param name="CompletedQuestions">Required questions answered or not applicable (all of a block that is not applicable).</param>
public sealed record ScoreCard(
    string Municipality,
    int Cycle,
    string QuestionnaireVersion,
    decimal? Index,
    decimal? OverallScore,
    decimal Completeness,
    int RequiredQuestions,
    int CompletedQuestions,
    IReadOnlyList<DomainScore> Domains,
    IReadOnlyList<BlockScore> Blocks)
{
    public bool IsComplete => Completeness == 100m;

    public BlockScore Block(string blockId) => Blocks.First(b => b.BlockId == blockId);

    public DomainScore Domain(string domainId) => Domains.First(d => d.DomainId == domainId);
}

public sealed record DomainScore(
    string DomainId,
    ScoreStatus Status,
    decimal? Score,
    decimal Weight,
    int BlocksScored,
    int BlocksNotApplicable,
    int BlocksUnanswered);

/// <summary>The score of one building block.</summary>
/// <param name="Score">The staged level plus progress towards the next (0 to 0.99): 1.00 to 5.00, and never below or past the staged level.</param>
/// <param name="ClaimedLevel">The level the municipality chose.</param>
/// <param name="StagedLevel">The level reached: the claimed level, lowered where a condition for a level is not met.</param>
/// <param name="Caps">The unmet conditions that lowered the staged level.</param>
public sealed record BlockScore(
    string BlockId,
    string DomainId,
    ScoreStatus Status,
    decimal? Score,
    int? ClaimedLevel,
    int? StagedLevel,
    IReadOnlyList<LevelCap> Caps,
    decimal Completeness,
    int? Target,
    decimal? GapToTarget,
    decimal? PercentToTarget,
    IReadOnlyList<QuestionScore> Questions);

/// <summary>
/// A condition for a level that the answers do not meet: answered negatively, not answered, or "not applicable"
/// while nothing in its place is met (docs/scoring.md, §2).
/// </summary>
public sealed record LevelCap(string QuestionId, int RequiredForLevel, bool Unanswered = false, bool NotApplicable = false);

public enum QuestionStatus
{
    Answered,
    NotApplicable,
    Unanswered,

    /// <summary>Answered, but the whole block is not applicable, so the answer is set aside.</summary>
    SetAside,
}

/// <param name="Score">0 to 1; null when the question is not scored or has no answer.</param>
/// <param name="Counted">Whether it entered the block's progress (every scored question except the level question).</param>
public sealed record QuestionScore(string QuestionId, QuestionStatus Status, decimal? Score, decimal Weight, bool Counted);
