using System.Collections.Frozen;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;

namespace Benchmark.Core.Benchmarking;

/// <summary>The plausibility rules; each is documented, with its exact thresholds, in docs/benchmarking.md.</summary>
public enum FlagRule
{
    LevelJump,
    PrerequisiteGap,
    AllMaximum,
    ExplanationsEmptyOrCopied,
    PeerOutlier,
    UnusualNotApplicable,
    LevelWithoutEvidence,
}

/// <summary>A reason for an analyst to take a second look at a submission; never a verdict and never a change to its scores.</summary>
/// <param name="BlockId">The building block the flag is about; null when it is about the submission as a whole.</param>
/// <param name="Message">
/// What triggered it, in Dutch and English, naming blocks and questions as the model and questionnaire name them,
/// e.g. "DigiD steeg van niveau 1 in 2025 naar niveau 4 in 2026" / "DigiD rose from level 1 in 2025 to level 4 in 2026".
/// </param>
public sealed record PlausibilityFlag(FlagRule Rule, string Municipality, int Cycle, string? BlockId, LocalizedText Message);

/// <summary>
/// Flags self-assessments that look too good to be true, so that analysts know where to ask questions.
/// The rules only point; they never lower a score. Keep them in step with docs/benchmarking.md.
/// </summary>
public static class PlausibilityRules
{
    /// <summary>LevelJump: a block's level reached rose by at least this many levels since the previous cycle.</summary>
    public const int LevelJumpMinimum = 2;

    /// <summary>PrerequisiteGap: a block at this level reached or higher ...</summary>
    public const int PrerequisiteGapFromLevel = 4;

    /// <summary>PrerequisiteGap: ... while a prerequisite block is at this level reached or lower.</summary>
    public const int PrerequisiteGapUpToLevel = 2;

    /// <summary>AllMaximum: a perfect submission is only suspicious with at least this many scored answers; a handful of answers can honestly all be top.</summary>
    public const int AllMaximumMinimumAnswers = 10;

    /// <summary>ExplanationsEmptyOrCopied: a required explanation shorter than this (after trimming) explains nothing.</summary>
    public const int ExplanationMinimumLength = 10;

    /// <summary>ExplanationsEmptyOrCopied: a text made of fewer different letters and digits than this ("xxxxxxxxxx", "..........") is filler.</summary>
    public const int ExplanationMinimumDistinctCharacters = 3;

    /// <summary>ExplanationsEmptyOrCopied: the same explanation on at least this many questions is copied, not written per question.</summary>
    public const int CopiedExplanationMinimumQuestions = 3;

    /// <summary>PeerOutlier: quartiles of fewer indexes say too little to call anyone an outlier.</summary>
    public const int PeerOutlierMinimumPeers = 5;

    /// <summary>PeerOutlier: Tukey's fences lie this many interquartile ranges beyond the quartiles.</summary>
    public const decimal PeerOutlierFenceFactor = 1.5m;

    /// <summary>UnusualNotApplicable: counts of "not applicable" compared with fewer peers than this say too little.</summary>
    public const int UnusualNotApplicableMinimumPeers = 5;

    /// <summary>UnusualNotApplicable: a single "not applicable" is ordinary even where no peer uses one; from this many it needs a look.</summary>
    public const int UnusualNotApplicableMinimumAnswers = 2;

    /// <summary>
    /// Explanations that say nothing, compared after lower-casing, removing punctuation and collapsing spaces
    /// (so "N.v.t." is "nvt" and "Zie (hier)boven!" is "zie hierboven").
    /// </summary>
    public static readonly IReadOnlySet<string> FillerExplanations = new[]
    {
        "nvt", "niet van toepassing", "not applicable", "na", "geen", "geen toelichting", "geen opmerkingen",
        "zie boven", "zie hierboven", "zie onder", "zie hieronder", "zie eerder", "zie eerdere toelichting",
        "zie toelichting", "zie vorige vraag", "zie vorig jaar", "zelfde als vorig jaar", "zelfde als hierboven",
        "als boven", "als hierboven", "idem", "idem dito", "onbekend", "niet bekend", "weet niet", "weet ik niet",
        "volgt", "volgt later", "wordt nagezonden", "nog aanvullen", "see above", "as above", "same as above",
        "none", "tbd", "todo", "test",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Quoted texts in messages are cut here, so a copied essay does not swamp the flag list.</summary>
    private const int QuoteLength = 60;

    /// <summary>Questions named in messages are cut here: enough to recognise the question, short enough to read the flag.</summary>
    private const int QuestionLength = 80;

    /// <summary>All flags for one submission, ordered by rule, then block id (whole-submission flags first).</summary>
    /// <param name="previous">
    /// The same municipality's previous cycle and this one, scored on what both questionnaires measure
    /// (<see cref="ComparisonBasis.Compare"/>), or null.
    /// </param>
    /// <param name="peerIndexes">The overall indexes of its peer group in this cycle (may include its own; may be empty).</param>
    /// <param name="peerSubmissions">The submissions of its peer group in this cycle, for their use of "not applicable" (may include its own).</param>
    public static IReadOnlyList<PlausibilityFlag> Check(
        MaturityModel model,
        Questionnaire questionnaire,
        Submission submission,
        ScoreCard card,
        CycleComparison? previous,
        IReadOnlyCollection<decimal> peerIndexes,
        IReadOnlyCollection<Submission>? peerSubmissions = null) =>
        Check(model, questionnaire, submission, card, previous, new PlausibilityPeers(peerIndexes, peerSubmissions ?? []));

    /// <summary>All flags for one submission, compared with a peer group prepared once for all its members.</summary>
    public static IReadOnlyList<PlausibilityFlag> Check(
        MaturityModel model,
        Questionnaire questionnaire,
        Submission submission,
        ScoreCard card,
        CycleComparison? previous,
        PlausibilityPeers peers)
    {
        // Flags on mismatched inputs would accuse a municipality of another's answers: refuse them outright.
        if (submission.QuestionnaireVersion != questionnaire.Version)
        {
            throw new ArgumentException($"The submission answers questionnaire {submission.QuestionnaireVersion}, not {questionnaire.Version}.", nameof(submission));
        }

        if (card.Municipality != submission.Municipality || card.Cycle != submission.Cycle)
        {
            throw new ArgumentException($"The score card is of {card.Municipality} {card.Cycle}, the submission of {submission.Municipality} {submission.Cycle}.", nameof(card));
        }

        if (previous is not null && (previous.Before.Municipality != card.Municipality || previous.Before.Cycle >= card.Cycle
                                     || previous.Now.Municipality != card.Municipality || previous.Now.Cycle != card.Cycle))
        {
            throw new ArgumentException($"The comparison must be of {card.Municipality} before {card.Cycle} and in {card.Cycle}, not of {previous.Before.Municipality} {previous.Before.Cycle} and {previous.Now.Municipality} {previous.Now.Cycle}.", nameof(previous));
        }

        var flags = new List<PlausibilityFlag>();
        void Add(FlagRule rule, string? blockId, LocalizedText message) => flags.Add(new PlausibilityFlag(rule, card.Municipality, card.Cycle, blockId, message));

        foreach (var (blockId, message) in LevelJumps(model, previous))
        {
            Add(FlagRule.LevelJump, blockId, message);
        }

        foreach (var (blockId, message) in PrerequisiteGaps(model, card))
        {
            Add(FlagRule.PrerequisiteGap, blockId, message);
        }

        if (AllMaximum(questionnaire, submission) is { } allMaximum)
        {
            Add(FlagRule.AllMaximum, null, allMaximum);
        }

        foreach (var message in EmptyOrCopiedExplanations(model, questionnaire, submission))
        {
            Add(FlagRule.ExplanationsEmptyOrCopied, null, message);
        }

        if (PeerOutlier(card, peers.SortedIndexes) is { } outlier)
        {
            Add(FlagRule.PeerOutlier, null, outlier);
        }

        foreach (var (blockId, message) in UnusualNotApplicable(model, questionnaire, submission, peers))
        {
            Add(FlagRule.UnusualNotApplicable, blockId, message);
        }

        foreach (var (blockId, message) in LevelsWithoutEvidence(model, questionnaire, submission))
        {
            Add(FlagRule.LevelWithoutEvidence, blockId, message);
        }

        // OrderBy is stable, so flags that tie (two prerequisites of one block, the two explanation problems)
        // keep the order in which they were found, which is itself fixed by the model and questionnaire.
        return flags.OrderBy(f => f.Rule).ThenBy(f => f.BlockId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// LevelWithoutEvidence: a level claimed at or above the block's <see cref="Question.EvidenceFromLevel"/> without a link
    /// or document reference that an analyst can check. Leaders and learn-from rest on these claims.
    /// </summary>
    private static IEnumerable<(string BlockId, LocalizedText Message)> LevelsWithoutEvidence(MaturityModel model, Questionnaire questionnaire, Submission submission)
    {
        foreach (var block in questionnaire.Blocks)
        {
            var question = block.LevelQuestion;
            if (question.EvidenceFromLevel is not { } from || submission.AnswerTo(question.Id) is not { Value: LevelValue { Level: var level } } answer || level < from)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(answer.Evidence))
            {
                var name = BlockName(model, block.BlockId);
                yield return (block.BlockId, new(
                    $"{name.Nl}: niveau {level} opgegeven zonder bewijs (vanaf niveau {from} wordt om een link of documentverwijzing gevraagd).",
                    $"{name.En}: level {level} claimed without evidence (a link or document reference is asked from level {from})."));
            }
        }
    }

    /// <summary>Whether a required explanation says nothing: too short, (nearly) without letters or digits, or a stock phrase.</summary>
    public static bool IsEffectivelyEmpty(string? explanation)
    {
        var trimmed = explanation?.Trim() ?? "";
        if (trimmed.Length < ExplanationMinimumLength)
        {
            return true;
        }

        var distinct = trimmed.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).Distinct().Count();
        return distinct < ExplanationMinimumDistinctCharacters || FillerExplanations.Contains(WithoutPunctuation(trimmed));
    }

    /// <summary>The form in which explanations are compared for copying: trimmed, lower-cased, runs of white space as one space.</summary>
    public static string NormaliseExplanation(string explanation) =>
        string.Join(' ', explanation.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static IEnumerable<(string BlockId, LocalizedText Message)> LevelJumps(MaturityModel model, CycleComparison? comparison)
    {
        if (comparison is null)
        {
            yield break;
        }

        // Both cycles on what both questionnaires measure, so a condition added or dropped in between is no jump.
        // Compared by block id, because block ids belong to the model and outlive questionnaire versions.
        var (previous, card) = (comparison.Before, comparison.Now);
        var before = previous.Blocks.Where(b => b.StagedLevel is not null).ToDictionary(b => b.BlockId, b => b.StagedLevel!.Value, StringComparer.Ordinal);
        foreach (var block in ScoredBlocks(card))
        {
            if (before.TryGetValue(block.BlockId, out var earlier) && block.StagedLevel!.Value - earlier >= LevelJumpMinimum)
            {
                var now = block.StagedLevel.Value;
                var name = BlockName(model, block.BlockId);
                yield return (block.BlockId, new(
                    $"{name.Nl} steeg van niveau {earlier} in {previous.Cycle} naar niveau {now} in {card.Cycle}: {now - earlier} niveaus in één keer.",
                    $"{name.En} rose from level {earlier} in {previous.Cycle} to level {now} in {card.Cycle}: {now - earlier} levels at once."));
            }
        }
    }

    private static IEnumerable<(string BlockId, LocalizedText Message)> PrerequisiteGaps(MaturityModel model, ScoreCard card)
    {
        var levels = ScoredBlocks(card).ToDictionary(b => b.BlockId, b => b.StagedLevel!.Value, StringComparer.Ordinal);
        foreach (var block in ScoredBlocks(card).Where(b => b.StagedLevel >= PrerequisiteGapFromLevel))
        {
            var prerequisites = model.BlocksById.TryGetValue(block.BlockId, out var definition) ? definition.Prerequisites : [];
            foreach (var prerequisite in prerequisites.Order(StringComparer.Ordinal))
            {
                if (levels.TryGetValue(prerequisite, out var prerequisiteLevel) && prerequisiteLevel <= PrerequisiteGapUpToLevel)
                {
                    var (name, required) = (BlockName(model, block.BlockId), BlockName(model, prerequisite));
                    yield return (block.BlockId, new(
                        $"{name.Nl} staat op niveau {block.StagedLevel}, terwijl {required.Nl}, waarop het voortbouwt, pas op niveau {prerequisiteLevel} staat.",
                        $"{name.En} is at level {block.StagedLevel} while its prerequisite {required.En} is only at level {prerequisiteLevel}."));
                }
            }
        }
    }

    private static LocalizedText? AllMaximum(Questionnaire questionnaire, Submission submission)
    {
        int levels = 0, others = 0;
        foreach (var block in questionnaire.Blocks)
        {
            // Answers in a block marked not applicable are set aside by the scoring, so they are no claim of maturity either.
            if (submission.AnswerTo(block.LevelQuestion.Id)?.NotApplicable == true)
            {
                continue;
            }

            foreach (var question in block.Questions.Where(q => q.IsScored))
            {
                if (submission.AnswerTo(question.Id)?.Value is not { } value)
                {
                    continue;
                }

                // The top answer scores 1: level 5 for a level question, full marks for any other.
                if (ScoringEngine.ScoreAnswer(question, value) != 1m)
                {
                    return null;
                }

                if (question.Type == QuestionType.Level)
                {
                    levels++;
                }
                else
                {
                    others++;
                }
            }
        }

        var total = levels + others;
        return total < AllMaximumMinimumAnswers
            ? null
            : new(
                $"Alle {total} gescoorde antwoorden zijn het hoogst mogelijke antwoord: niveau 5 bij {Count(levels, "niveauvraag", "niveauvragen")} en de volle score bij {Count(others, "andere vraag", "andere vragen")}.",
                $"All {total} scored answers have the highest possible answer: level 5 on {Count(levels, "level question", "level questions")} and full marks on {Count(others, "other question", "other questions")}.");
    }

    private static IEnumerable<LocalizedText> EmptyOrCopiedExplanations(MaturityModel model, Questionnaire questionnaire, Submission submission)
    {
        // Questionnaire order, so the examples named are the first an analyst would meet in the form.
        var answered = questionnaire.Questions
            .Select(q => (Question: q, Answer: submission.AnswerTo(q.Id)))
            .Where(p => p.Answer?.Value is not null)
            .Select(p => (p.Question, Explanation: p.Answer!.Explanation))
            .ToList();

        var empty = answered.Where(p => p.Question.ExplanationRequired && IsEffectivelyEmpty(p.Explanation)).ToList();
        if (empty.Count == 1)
        {
            var (question, explanation) = (empty[0].Question, empty[0].Explanation);
            yield return new(
                $"De verplichte toelichting bij {QuestionName(model, question, Language.Dutch)} is in feite leeg: {Quote(explanation, Language.Dutch)}.",
                $"The required explanation of {QuestionName(model, question, Language.English)} is effectively empty: {Quote(explanation, Language.English)}.");
        }
        else if (empty.Count > 1)
        {
            string Examples(Language language, string and) =>
                string.Join(and, empty.Take(2).Select(p => $"{QuestionName(model, p.Question, language)}: {Quote(p.Explanation, language)}"));
            yield return new(
                $"{empty.Count} verplichte toelichtingen zijn in feite leeg, bijvoorbeeld bij {Examples(Language.Dutch, ", en bij ")}.",
                $"{empty.Count} required explanations are effectively empty, e.g. of {Examples(Language.English, ", and of ")}.");
        }

        // Empty and filler texts are the first problem already; counting them again as copied would say the same twice.
        var copied = answered
            .Where(p => !IsEffectivelyEmpty(p.Explanation))
            .GroupBy(p => NormaliseExplanation(p.Explanation!), StringComparer.Ordinal)
            .Where(g => g.Count() >= CopiedExplanationMinimumQuestions)
            .ToList();
        if (copied.Count > 0)
        {
            // The largest group is the telling example; on a tie the one met first in the questionnaire (GroupBy keeps that order).
            var largest = copied.MaxBy(g => g.Count())!.ToList();
            var questions = copied.Sum(g => g.Count());
            var (first, second, text) = (largest[0].Question, largest[1].Question, largest[0].Explanation);
            var nl = $"bijvoorbeeld bij {QuestionName(model, first, Language.Dutch)} en bij {QuestionName(model, second, Language.Dutch)}: {Quote(text, Language.Dutch)}";
            var en = $"e.g. on {QuestionName(model, first, Language.English)} and on {QuestionName(model, second, Language.English)}: {Quote(text, Language.English)}";
            yield return copied.Count == 1
                ? new($"Dezelfde toelichting staat bij {questions} vragen, {nl}.", $"The same explanation is used on {questions} questions, {en}.")
                : new(
                    $"Toelichtingen zijn overgenomen over {questions} vragen ({copied.Count} teksten die elk bij {CopiedExplanationMinimumQuestions} of meer vragen staan), {nl}.",
                    $"Explanations are copied across {questions} questions ({copied.Count} texts each used on {CopiedExplanationMinimumQuestions} or more), {en}.");
        }
    }

    private static LocalizedText? PeerOutlier(ScoreCard card, List<decimal> sorted)
    {
        if (card.Index is not { } index || sorted.Count < PeerOutlierMinimumPeers)
        {
            return null;
        }

        var p25 = PercentileInclusive(sorted, 0.25m);
        var p75 = PercentileInclusive(sorted, 0.75m);
        var iqr = p75 - p25;
        var lower = p25 - PeerOutlierFenceFactor * iqr;
        var upper = p75 + PeerOutlierFenceFactor * iqr;
        string Quartiles(Language l) => l == Language.Dutch
            ? $"{sorted.Count} indexen in de vergelijkingsgroep: P25 {One(p25, l)}, P75 {One(p75, l)}, interkwartielafstand {One(iqr, l)}"
            : $"{sorted.Count} peer indexes: P25 {One(p25, l)}, P75 {One(p75, l)}, interquartile range {One(iqr, l)}";

        if (index < lower)
        {
            return new(
                $"De index {One(index, Language.Dutch)} ligt onder de ondergrens {One(lower, Language.Dutch)} van de vergelijkingsgroep ({Quartiles(Language.Dutch)}).",
                $"The overall index {One(index, Language.English)} lies below the lower fence {One(lower, Language.English)} of its peer group ({Quartiles(Language.English)}).");
        }

        return index > upper
            ? new(
                $"De index {One(index, Language.Dutch)} ligt boven de bovengrens {One(upper, Language.Dutch)} van de vergelijkingsgroep ({Quartiles(Language.Dutch)}).",
                $"The overall index {One(index, Language.English)} lies above the upper fence {One(upper, Language.English)} of its peer group ({Quartiles(Language.English)}).")
            : null;
    }

    /// <summary>
    /// "Not applicable" takes a question out of the scoring, so using it far more than comparable municipalities
    /// deserves a look. Counted per block and for the whole submission, against the peers' counts (Tukey's upper
    /// fence, as for PeerOutlier); the message gives the reasons, so the analyst reads why without opening the answers.
    /// </summary>
    private static IEnumerable<(string? BlockId, LocalizedText Message)> UnusualNotApplicable(
        MaturityModel model, Questionnaire questionnaire, Submission submission, PlausibilityPeers peers)
    {
        if (peers.Submissions.Count < UnusualNotApplicableMinimumPeers)
        {
            yield break;
        }

        var own = NotApplicableAnswers(questionnaire.Questions, submission);
        if (Unusual(own.Count, peers.NotApplicableCounts(questionnaire, null)) is { } overall)
        {
            yield return (null, new(
                $"{own.Count} vragen zijn beantwoord met \"niet van toepassing\", {overall.Nl}; redenen: {Reasons(model, own, Language.Dutch)}.",
                $"{own.Count} questions are answered \"not applicable\", {overall.En}; reasons: {Reasons(model, own, Language.English)}."));
        }

        foreach (var block in questionnaire.Blocks)
        {
            var inBlock = NotApplicableAnswers(block.Questions, submission);
            if (Unusual(inBlock.Count, peers.NotApplicableCounts(questionnaire, block)) is { } unusual)
            {
                var name = BlockName(model, block.BlockId);
                yield return (block.BlockId, new(
                    $"{name.Nl}: {inBlock.Count} vragen zijn beantwoord met \"niet van toepassing\", {unusual.Nl}; redenen: {Reasons(model, inBlock, Language.Dutch, withBlock: false)}.",
                    $"{name.En}: {inBlock.Count} questions are answered \"not applicable\", {unusual.En}; reasons: {Reasons(model, inBlock, Language.English, withBlock: false)}."));
            }
        }
    }

    /// <summary>Why a count is unusual among the peers' counts, or null when it is not: at least the minimum and above the upper fence.</summary>
    private static LocalizedText? Unusual(int count, List<decimal> sorted)
    {
        var p25 = PercentileInclusive(sorted, 0.25m);
        var p75 = PercentileInclusive(sorted, 0.75m);
        var upper = p75 + PeerOutlierFenceFactor * (p75 - p25);
        return count >= UnusualNotApplicableMinimumAnswers && count > upper
            ? new(
                $"boven de bovengrens {One(upper, Language.Dutch)} van de vergelijkingsgroep ({sorted.Count} gemeenten: P25 {One(p25, Language.Dutch)}, P75 {One(p75, Language.Dutch)})",
                $"above the upper fence {One(upper, Language.English)} of its peer group ({sorted.Count} peers: P25 {One(p25, Language.English)}, P75 {One(p75, Language.English)})")
            : null;
    }

    internal static List<(Question Question, string? Reason)> NotApplicableAnswers(IEnumerable<Question> questions, Submission submission) =>
        questions.Where(q => submission.AnswerTo(q.Id)?.NotApplicable == true).Select(q => (q, submission.AnswerTo(q.Id)!.Reason)).ToList();

    /// <summary>The first two reasons with their question, so the flag shows why without swamping the list.</summary>
    /// <param name="withBlock">False where the message already names the block all the questions belong to.</param>
    private static string Reasons(MaturityModel model, List<(Question Question, string? Reason)> answers, Language language, bool withBlock = true) =>
        string.Join("; ", answers.Take(2).Select(a => $"{QuestionName(model, a.Question, language, withBlock)}: {Quote(a.Reason, language)}"))
        + (answers.Count <= 2 ? "" : language == Language.Dutch ? $" en nog {answers.Count - 2}" : $" and {answers.Count - 2} more");

    /// <summary>
    /// Excel's PERCENTILE.INC: rank h = (n − 1) × p on the sorted values, counted from 0, interpolated linearly
    /// between the values on either side. Kept private on purpose: a shared Quantiles class is on its way.
    /// </summary>
    private static decimal PercentileInclusive(List<decimal> sorted, decimal p)
    {
        var rank = (sorted.Count - 1) * p;
        var below = (int)decimal.Floor(rank);
        return below + 1 < sorted.Count
            ? sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below])
            : sorted[below];
    }

    private static IEnumerable<BlockScore> ScoredBlocks(ScoreCard card) =>
        card.Blocks.Where(b => b.Status == ScoreStatus.Scored && b.StagedLevel is not null).OrderBy(b => b.BlockId, StringComparer.Ordinal);

    private static LocalizedText BlockName(MaturityModel model, string blockId) => model.BlocksById.TryGetValue(blockId, out var block) ? block.Name : new(blockId, blockId);

    /// <summary>
    /// A question as the questionnaire words it, between single quotes and cut like a quote: an analyst recognises the
    /// question from the form, where an id like "digid.niveau" means nothing on a Dutch page.
    /// </summary>
    /// <remarks>With its block, because two blocks can ask in the same words ("Welk niveau past bij uw gemeente?").</remarks>
    private static string QuestionName(MaturityModel model, Question question, Language language, bool withBlock = true) =>
        $"‘{Cut(question.Text.In(language).Trim(), QuestionLength)}’" + (withBlock ? $" ({BlockName(model, question.BlockId).In(language)})" : "");

    private static string WithoutPunctuation(string text) =>
        NormaliseExplanation(new string(text.Where(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c)).ToArray()));

    private static string Quote(string? text, Language language)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return language == Language.Dutch ? "(leeg)" : "(blank)";
        }

        return $"\"{Cut(trimmed, QuoteLength)}\"";
    }

    /// <summary>The text, or its start cut at a word where one is near (so it does not end in half a word) and an ellipsis.</summary>
    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text[..length];
        var lastSpace = cut.LastIndexOf(' ');
        return (lastSpace > length / 2 ? cut[..lastSpace] : cut).TrimEnd() + "…";
    }

    private static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";

    private static string One(decimal value, Language language) => Numbers.Format(value, 1, language);
}

/// <summary>
/// What <see cref="PlausibilityRules"/> compares a submission with: its peer group's indexes and their use of "not
/// applicable", sorted and counted once for the whole group, so checking every member grows with the group's size
/// rather than with its square (issue 19). Not for use from several threads at once.
/// </summary>
public sealed class PlausibilityPeers
{
    private readonly Dictionary<(string Questionnaire, string? BlockId), List<decimal>> _notApplicable = [];

    /// <param name="indexes">The overall indexes of the peer group (may include the checked submission's own).</param>
    /// <param name="submissions">The submissions of the peer group, for their use of "not applicable" (may include its own).</param>
    public PlausibilityPeers(IEnumerable<decimal> indexes, IReadOnlyCollection<Submission> submissions)
    {
        SortedIndexes = indexes.Order().ToList();
        Submissions = submissions;
    }

    internal List<decimal> SortedIndexes { get; }

    internal IReadOnlyCollection<Submission> Submissions { get; }

    /// <summary>How many questions each peer answered "not applicable", in the questionnaire or one block of it, sorted.</summary>
    internal List<decimal> NotApplicableCounts(Questionnaire questionnaire, QuestionnaireBlock? block)
    {
        var key = (questionnaire.Version, block?.BlockId);
        if (!_notApplicable.TryGetValue(key, out var counts))
        {
            var questions = block?.Questions ?? questionnaire.Questions;
            counts = Submissions.Select(p => (decimal)PlausibilityRules.NotApplicableAnswers(questions, p).Count).Order().ToList();
            _notApplicable[key] = counts;
        }

        return counts;
    }
}

/// <summary>
/// The plausibility check of a whole cycle, the one rule for the benchmark and the offline reports: every submitted or
/// approved submission, compared with the submitted and approved ones of its size class and with what counted of it
/// the cycle before. Each size class is prepared once (<see cref="PlausibilityPeers"/>). Not for use from several
/// threads at once.
/// </summary>
public sealed class CyclePlausibility
{
    private readonly Loading.QuestionnaireCatalog _catalog;
    private readonly Dictionary<Register.SizeClass, PlausibilityPeers> _peersBySizeClass;

    public CyclePlausibility(Loading.QuestionnaireCatalog catalog, IEnumerable<Participant> participants)
        : this(catalog, participants.Select(p => (p.Municipality, p.Status, p.Card.Index, p.Submission)))
    {
    }

    /// <summary>The same check from the participants' summaries: the peers need only their indexes and submissions.</summary>
    public CyclePlausibility(Loading.QuestionnaireCatalog catalog, IEnumerable<ParticipantSummary> participants)
        : this(catalog, participants.Select(p => (p.Municipality, p.Status, p.Index, p.Submission)))
    {
    }

    private CyclePlausibility(Loading.QuestionnaireCatalog catalog, IEnumerable<(Register.Municipality Municipality, Workflow.SubmissionStatus Status, decimal? Index, Submission Submission)> participants)
    {
        _catalog = catalog;
        _peersBySizeClass = participants
            .Where(p => IsChecked(p.Status))
            .GroupBy(p => p.Municipality.SizeClass)
            .ToDictionary(g => g.Key, g => new PlausibilityPeers(g.Where(p => p.Index is not null).Select(p => p.Index!.Value), g.Select(p => p.Submission).ToList()));
    }

    /// <summary>Whose submissions are checked, and compared with: the submitted and approved ones.</summary>
    public static bool IsChecked(Workflow.SubmissionStatus status) => status is Workflow.SubmissionStatus.Submitted or Workflow.SubmissionStatus.Approved;

    /// <param name="previous">What counted of the same municipality the cycle before, if anything.</param>
    public IReadOnlyList<PlausibilityFlag> Check(Participant participant, Submission? previous)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return Check(participant.Municipality, participant.Submission, participant.Card, previous);
    }

    /// <param name="card">The submission's score card.</param>
    /// <param name="previous">What counted of the same municipality the cycle before, if anything.</param>
    public IReadOnlyList<PlausibilityFlag> Check(Register.Municipality municipality, Submission submission, ScoreCard card, Submission? previous)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        ArgumentNullException.ThrowIfNull(submission);
        var questionnaire = _catalog.Version(submission.QuestionnaireVersion)
                            ?? throw new ArgumentException($"Unknown questionnaire version {submission.QuestionnaireVersion}.", nameof(submission));
        var before = previous is null ? null : ComparisonBasis.Compare(_catalog, previous, submission);
        var peers = _peersBySizeClass.GetValueOrDefault(municipality.SizeClass) ?? new PlausibilityPeers([], []);
        return PlausibilityRules.Check(_catalog.ModelOf(questionnaire), questionnaire, submission, card, before, peers);
    }
}
