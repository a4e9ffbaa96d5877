namespace Benchmark.Core.Model;

/// <summary>One version of the yearly self-assessment: the questions asked per building block.</summary>
public sealed class Questionnaire
{
    public Questionnaire(
        string id,
        string version,
        string modelId,
        int firstCycle,
        LocalizedText title,
        LocalizedText? introduction,
        IReadOnlyList<QuestionnaireBlock> blocks,
        QuestionnaireMapping? mapping)
    {
        Id = id;
        Version = version;
        ModelId = modelId;
        FirstCycle = firstCycle;
        Title = title;
        Introduction = introduction;
        Blocks = blocks;
        Mapping = mapping;
        QuestionsById = blocks.SelectMany(b => b.Questions).ToDictionary(q => q.Id, StringComparer.Ordinal);
        BlocksById = blocks.ToDictionary(b => b.BlockId, StringComparer.Ordinal);
    }

    public string Id { get; }
    public string Version { get; }
    public string ModelId { get; }
    public int FirstCycle { get; }
    public LocalizedText Title { get; }
    public LocalizedText? Introduction { get; }
    public IReadOnlyList<QuestionnaireBlock> Blocks { get; }
    public QuestionnaireMapping? Mapping { get; }
    public IReadOnlyDictionary<string, Question> QuestionsById { get; }
    public IReadOnlyDictionary<string, QuestionnaireBlock> BlocksById { get; }

    public IEnumerable<Question> Questions => Blocks.SelectMany(b => b.Questions);
}

public sealed record QuestionnaireBlock(string BlockId, IReadOnlyList<Question> Questions)
{
    public Question LevelQuestion => Questions.First(q => q.Type == QuestionType.Level);
}

public enum QuestionType
{
    Level,
    YesNo,
    Single,
    Multi,
    Number,
    Text,
}

public static class QuestionTypes
{
    public static readonly IReadOnlyDictionary<string, QuestionType> ByName = new Dictionary<string, QuestionType>(StringComparer.Ordinal)
    {
        ["level"] = QuestionType.Level,
        ["yesno"] = QuestionType.YesNo,
        ["single"] = QuestionType.Single,
        ["multi"] = QuestionType.Multi,
        ["number"] = QuestionType.Number,
        ["text"] = QuestionType.Text,
    };

    public static string Name(this QuestionType type) => ByName.First(p => p.Value == type).Key;
}

public sealed record AnswerOption(string Id, LocalizedText Label, decimal Value, bool Exclusive);

/// <summary>Makes a number question scored: 0 at <see cref="ZeroAt"/>, 1 at <see cref="FullAt"/>, linear and clamped.</summary>
public sealed record NumberScale(decimal ZeroAt, decimal FullAt);

/// <param name="NotApplicableInstead">
/// For a condition for a level that may be "not applicable": the question of the same block whose answer takes its
/// place in the level gate. A not-applicable condition without one counts as not met (docs/scoring.md, §2).
/// </param>
public sealed record Question(
    string Id,
    string BlockId,
    QuestionType Type,
    LocalizedText Text,
    LocalizedText? Help,
    bool Required,
    bool ExplanationRequired,
    bool NotApplicableAllowed,
    decimal Weight,
    int? RequiredForLevel,
    IReadOnlyList<AnswerOption> Options,
    decimal? Min,
    decimal? Max,
    bool IntegerOnly,
    LocalizedText? Unit,
    NumberScale? Scale,
    string? NotApplicableInstead = null)
{
    public const decimal DefaultWeight = 1m;

    /// <summary>Only on a level question: a claim of this level or higher asks for evidence (docs/model.md, "Evidence").</summary>
    public int? EvidenceFromLevel { get; init; }

    /// <summary>Whether the answer has a score: the level question sets the level; other scored questions add progress within it.</summary>
    public bool IsScored => Type == QuestionType.Level || (Weight > 0 && Type switch
    {
        QuestionType.Text => false,
        QuestionType.Number => Scale is not null,
        QuestionType.Multi => Options.Sum(o => o.Value) > 0,
        _ => true,
    });

    public AnswerOption? Option(string id) => Options.FirstOrDefault(o => o.Id == id);
}

/// <summary>How the questions of the previous version map onto this one.</summary>
public sealed record QuestionnaireMapping(string FromVersion, IReadOnlyList<MappingChange> Changes);

public enum MappingKind
{
    Renamed,
    Split,
    Added,
    Removed,
}

public sealed record MappingChange(
    MappingKind Kind,
    string? From,
    IReadOnlyList<string> To,
    IReadOnlyDictionary<string, string> Options,
    string? Note);
