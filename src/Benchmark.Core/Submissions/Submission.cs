namespace Benchmark.Core.Submissions;

/// <summary>A municipality's self-assessment for one cycle, answered against one questionnaire version.</summary>
public sealed record Submission(
    string Municipality,
    int Cycle,
    string QuestionnaireVersion,
    bool ConsentToBeNamed,
    IReadOnlyDictionary<string, Answer> Answers,
    IReadOnlyDictionary<string, int> Targets)
{
    public Answer? AnswerTo(string questionId) => Answers.GetValueOrDefault(questionId);
}

/// <summary>
/// One answer: a value, or "not applicable" with a reason. An answer with neither is a draft note
/// (an explanation written before the value) and counts as unanswered.
/// </summary>
public sealed record Answer(AnswerValue? Value, bool NotApplicable, string? Reason, string? Explanation, PracticeNote? PracticeNote = null)
{
    public bool IsAnswered => Value is not null || NotApplicable;

    /// <summary>
    /// For a level question: where an analyst can check the level claimed, a link or a document reference (e.g.
    /// "https://…/toegankelijkheidsverklaring" or "raadsvoorstel 2026-014"). Asked from the block's
    /// <see cref="Model.Question.EvidenceFromLevel"/> on; a claim without it is flagged.
    /// </summary>
    public string? Evidence { get; init; }

    public static Answer Of(AnswerValue value, string? explanation = null) => new(value, false, null, explanation);

    public static Answer NotApplicableBecause(string reason) => new(null, true, reason, null);
}

/// <summary>What worked, told by the municipality so others can learn from it; shown to others only after an analyst approves it.</summary>
public sealed record PracticeNote(string Text, string? ContactRole);

public abstract record AnswerValue;

public sealed record LevelValue(int Level) : AnswerValue;

public sealed record YesNoValue(bool Yes) : AnswerValue;

public sealed record ChoiceValue(string OptionId) : AnswerValue;

public sealed record MultiChoiceValue(IReadOnlyList<string> OptionIds) : AnswerValue
{
    public bool Equals(MultiChoiceValue? other) => other is not null && OptionIds.SequenceEqual(other.OptionIds);

    public override int GetHashCode() => OptionIds.Aggregate(17, (hash, id) => HashCode.Combine(hash, id));
}

public sealed record NumberValue(decimal Number) : AnswerValue;

public sealed record TextValue(string Text) : AnswerValue;
