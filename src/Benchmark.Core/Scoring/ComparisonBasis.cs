using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Scoring;

/// <summary>Two cycles of one municipality scored on one basis; <see cref="ChangedBlocks"/> as in <see cref="ComparisonBasis.ChangedBlocks"/>.</summary>
public sealed record CycleComparison(ScoreCard Before, ScoreCard Now, IReadOnlySet<string> ChangedBlocks);

/// <summary>
/// What an earlier questionnaire version and a later one both measure: the later version cut down to the questions
/// that the earlier version's questions carry onto through the mappings. Cycles answered with different versions are
/// compared by scoring both on this basis, so a block moves only where the answers moved (docs/benchmarking.md,
/// "Comparing across questionnaire versions"). A question the earlier version did not ask is left out, not counted
/// as "not applicable": that would be an answer the municipality never gave.
/// </summary>
public sealed class ComparisonBasis
{
    private ComparisonBasis(string earlierVersion, Questionnaire questionnaire, IReadOnlySet<string> changedBlocks)
    {
        EarlierVersion = earlierVersion;
        Questionnaire = questionnaire;
        ChangedBlocks = changedBlocks;
    }

    /// <summary>The oldest version whose answers are compared.</summary>
    public string EarlierVersion { get; }

    /// <summary>The later version cut down to what both versions measure; its <see cref="Questionnaire.Version"/> is the later version's.</summary>
    public Questionnaire Questionnaire { get; }

    /// <summary>
    /// The blocks whose definition differs between the two versions: a scored question (or condition for a level)
    /// that only one of them has, a scored question split into several, or a shared one whose weight, type or level
    /// condition changed.
    /// </summary>
    public IReadOnlySet<string> ChangedBlocks { get; }

    /// <summary>The basis for comparing answers to <paramref name="earlierVersion"/> with answers to <paramref name="laterVersion"/>.</summary>
    public static ComparisonBasis Between(QuestionnaireCatalog catalog, string earlierVersion, string laterVersion)
    {
        var earlier = catalog.Version(earlierVersion) ?? throw new ArgumentException($"Unknown questionnaire version '{earlierVersion}'.", nameof(earlierVersion));
        var later = catalog.Version(laterVersion) ?? throw new ArgumentException($"Unknown questionnaire version '{laterVersion}'.", nameof(laterVersion));
        var order = catalog.Questionnaires.ToList();
        if (order.IndexOf(earlier) > order.IndexOf(later))
        {
            throw new ArgumentException($"Version {earlierVersion} is later than {laterVersion}; mappings only carry answers forward.", nameof(earlierVersion));
        }

        if (earlierVersion == laterVersion)
        {
            return new ComparisonBasis(earlierVersion, later, new HashSet<string>(StringComparer.Ordinal));
        }

        var origins = Origins(catalog, earlier, later);

        // A condition is only comparable together with the question that takes its place when it is not applicable.
        bool Shared(Question q) => origins.ContainsKey(q.Id) && (q.NotApplicableInstead is null || origins.ContainsKey(q.NotApplicableInstead));

        var blocks = later.Blocks
            .Where(b => Shared(b.LevelQuestion))
            .Select(b => b with { Questions = b.Questions.Where(Shared).ToList() })
            .ToList();
        var cut = new Questionnaire(later.Id, later.Version, later.ModelId, later.FirstCycle, later.Title, later.Introduction, blocks, later.Mapping);

        // A scored question split into several asks for more than the one answer that is carried onto each part.
        var split = later.Questions.Where(q => q.IsScored && origins.ContainsKey(q.Id))
            .GroupBy(q => origins[q.Id], StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(q => q.Id))
            .ToHashSet(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in later.Questions.Where(q => q.IsScored))
        {
            var kept = cut.QuestionsById.ContainsKey(question.Id);
            if (!kept || split.Contains(question.Id) || !SameDefinition(earlier.QuestionsById[origins[question.Id]], question))
            {
                changed.Add(question.BlockId);
            }
        }

        var carried = origins.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in earlier.Questions.Where(q => q.IsScored && !carried.Contains(q.Id) && later.BlocksById.ContainsKey(q.BlockId)))
        {
            changed.Add(dropped.BlockId);
        }

        // Across model versions a level can mean something else even where the questions stayed (a level 2 that now
        // means "meets the legal minimum"): a block whose level descriptions changed is marked too.
        var earlierModel = catalog.ModelOf(earlier);
        var laterModel = catalog.ModelOf(later);
        if (earlierModel != laterModel)
        {
            foreach (var block in laterModel.Blocks)
            {
                if (earlierModel.BlocksById.TryGetValue(block.Id, out var before) && !before.LevelDescriptions.SequenceEqual(block.LevelDescriptions))
                {
                    changed.Add(block.Id);
                }
            }
        }

        return new ComparisonBasis(earlierVersion, cut, changed);
    }

    /// <summary>
    /// Whether answers to the two versions can be compared at all: only within one model version. A new model redefines
    /// what the levels mean (level 2 became "meets the legal minimum"), so a level answered under the old model is not
    /// the same answer under the new one, even where the question kept its id.
    /// </summary>
    public static bool SameModel(QuestionnaireCatalog catalog, string version, string otherVersion) =>
        catalog.ModelOfVersion(version) == catalog.ModelOfVersion(otherVersion);

    /// <summary>
    /// The basis for a line of cycles answered with <paramref name="versions"/>: what the oldest of them and
    /// <paramref name="laterVersion"/> both measure. Mappings only carry questions forward, so that is also what every
    /// version in between measures.
    /// </summary>
    public static ComparisonBasis Spanning(QuestionnaireCatalog catalog, IEnumerable<string> versions, string laterVersion)
    {
        var order = catalog.Questionnaires.Select(q => q.Version).ToList();
        var oldest = versions.Append(laterVersion).MinBy(order.IndexOf)!;
        return Between(catalog, oldest, laterVersion);
    }

    /// <summary>
    /// A municipality's previous submission and its current one, both scored on what their versions both measure:
    /// the comparison behind "change since last year" and the plausibility flag for a level jump.
    /// </summary>
    /// <returns>Null when the two versions belong to different model versions: their levels do not mean the same (docs/model.md).</returns>
    public static CycleComparison? Compare(QuestionnaireCatalog catalog, Submission before, Submission now)
    {
        if (!SameModel(catalog, before.QuestionnaireVersion, now.QuestionnaireVersion))
        {
            return null;
        }

        var basis = Between(catalog, before.QuestionnaireVersion, now.QuestionnaireVersion);
        return new CycleComparison(basis.Score(catalog, before), basis.Score(catalog, now), basis.ChangedBlocks);
    }

    /// <summary>Carries <paramref name="submission"/> to the later version and scores it on what both versions measure.</summary>
    public ScoreCard Score(QuestionnaireCatalog catalog, Submission submission) =>
        ScoringEngine.Score(catalog.ModelOf(Questionnaire), Questionnaire, SubmissionTranslator.Translate(catalog, submission, Questionnaire.Version));

    /// <summary>
    /// For every question of <paramref name="later"/> that some question of <paramref name="earlier"/> carries onto,
    /// that earlier question: walk the mappings forward, keeping a question while it keeps its id and following each
    /// mapped question to where it went.
    /// </summary>
    private static Dictionary<string, string> Origins(QuestionnaireCatalog catalog, Questionnaire earlier, Questionnaire later)
    {
        var origins = earlier.Questions.ToDictionary(q => q.Id, q => q.Id, StringComparer.Ordinal);
        var steps = catalog.Questionnaires
            .SkipWhile(q => q.Version != earlier.Version)
            .Skip(1)
            .TakeWhile(q => q.Version != later.Version)
            .Append(later);
        foreach (var step in steps)
        {
            var next = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var change in step.Mapping?.Changes ?? [])
            {
                if (change.From is not null && origins.TryGetValue(change.From, out var origin))
                {
                    foreach (var to in change.To.Where(step.QuestionsById.ContainsKey))
                    {
                        next.TryAdd(to, origin);
                    }
                }
            }

            var mappedAway = (step.Mapping?.Changes ?? []).Where(c => c.From is not null).Select(c => c.From!).ToHashSet(StringComparer.Ordinal);
            foreach (var question in step.Questions.Where(q => origins.ContainsKey(q.Id) && !mappedAway.Contains(q.Id)))
            {
                next.TryAdd(question.Id, origins[question.Id]);
            }

            origins = next;
        }

        return origins;
    }

    /// <summary>Whether a carried question plays the same part in the score in both versions.</summary>
    private static bool SameDefinition(Question earlier, Question later) =>
        earlier.IsScored == later.IsScored
        && earlier.RequiredForLevel == later.RequiredForLevel
        && earlier.Weight == later.Weight
        && earlier.Type == later.Type
        && earlier.NotApplicableAllowed == later.NotApplicableAllowed
        && earlier.NotApplicableInstead == later.NotApplicableInstead;
}
