using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;

namespace Benchmark.Performance;

/// <summary>A synthetic register and one submission per organisation, ready to score.</summary>
internal sealed record SyntheticCycle(
    int Cycle,
    Questionnaire Questionnaire,
    MunicipalityRegister Register,
    IReadOnlyList<Submission> Submissions,
    IReadOnlyList<ApprovedNote> Notes);

/// <summary>
/// Makes any number of synthetic organisations for scale measurements: codes, size classes, provinces, collaborations
/// and one submission each, the same for the same seed. Leaner than the demo generator (no names, explanations or
/// practice-note texts), and answers that are alike are one shared object, as they would be after interning,
/// so 100,000 submissions measure the engine rather than the generator.
/// </summary>
internal static class SyntheticOrganisations
{
    /// <summary>The real share of municipalities per province (2025/26), so groups are as lopsided as in practice.</summary>
    private static readonly (string Province, int Weight)[] ProvinceWeights =
    [
        ("Groningen", 10), ("Fryslân", 18), ("Drenthe", 12), ("Overijssel", 25), ("Flevoland", 6), ("Gelderland", 51),
        ("Utrecht", 26), ("Noord-Holland", 44), ("Zuid-Holland", 50), ("Zeeland", 13), ("Noord-Brabant", 56), ("Limburg", 31),
    ];

    /// <summary>The real share per CBS size class 1..8 (2025/26).</summary>
    private static readonly int[] SizeClassWeights = [5, 5, 54, 181, 65, 14, 14, 4];

    private static readonly double[] BaseMaturityBySizeClass = [1.9, 2.0, 2.3, 2.6, 2.9, 3.2, 3.4, 3.6];

    private static readonly Answer NotApplicable = Answer.NotApplicableBecause("Niet van toepassing voor deze organisatie.");

    public static SyntheticCycle Generate(QuestionnaireCatalog catalog, int count, ulong seed, int cycle = 2026)
    {
        var stream = Stream(catalog, count, seed, cycle);
        var submissions = new List<Submission>(count);
        submissions.AddRange(stream.Submissions());
        return new SyntheticCycle(cycle, stream.Questionnaire, stream.Register, submissions, stream.Notes);
    }

    /// <summary>
    /// The same organisations as <see cref="Generate"/>, but each submission made only when it is read, so a scale run
    /// need not hold them all, as the service need not hold more than a page of stored submissions.
    /// </summary>
    /// <param name="municipalityCodes">
    /// Codes as a municipality's ("GM0000" to "GM9999"), which the stored submission format requires, so at most 10,000
    /// organisations; otherwise "SY" and seven digits, for counts beyond that in memory.
    /// </param>
    public static SyntheticStream Stream(QuestionnaireCatalog catalog, int count, ulong seed, int cycle = 2026, bool municipalityCodes = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (municipalityCodes)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 10_000);
        }

        var questionnaire = catalog.ForCycle(cycle) ?? throw new ArgumentException($"No questionnaire is in use in cycle {cycle}.", nameof(cycle));
        var random = new DemoRandom(seed);
        var register = GenerateRegister(random, count, cycle, municipalityCodes);
        return new SyntheticStream(catalog, cycle, questionnaire, register, random);
    }

    /// <summary>A synthetic cycle whose submissions are made as they are read; its notes are complete once all are read.</summary>
    internal sealed class SyntheticStream
    {
        private readonly QuestionnaireCatalog _catalog;
        private readonly DemoRandom _random;
        private readonly List<ApprovedNote> _notes = [];
        private bool _read;

        public SyntheticStream(QuestionnaireCatalog catalog, int cycle, Questionnaire questionnaire, MunicipalityRegister register, DemoRandom random)
        {
            _catalog = catalog;
            _random = random;
            Cycle = cycle;
            Questionnaire = questionnaire;
            Register = register;
        }

        public int Cycle { get; }

        public Questionnaire Questionnaire { get; }

        public MunicipalityRegister Register { get; }

        public IReadOnlyList<ApprovedNote> Notes => _notes;

        /// <summary>One submission per organisation, in register order; readable once, since they come from one seeded sequence.</summary>
        public IEnumerable<Submission> Submissions()
        {
            if (_read)
            {
                throw new InvalidOperationException("The submissions of a synthetic stream can be read only once.");
            }

            _read = true;
            return Read();
        }

        private IEnumerable<Submission> Read()
        {
            var answers = new AnswerFactory(Questionnaire);
            var blockDifficulty = _catalog.ModelForCycle(2026).Blocks.ToDictionary(b => b.Id, _ => _random.Normal(0, 0.45), StringComparer.Ordinal);
            foreach (var municipality in Register.Municipalities)
            {
                var submission = GenerateSubmission(_random, Questionnaire, answers, blockDifficulty, municipality, Cycle);

                // Some organisations share a practice an analyst approved, so leaders come with notes as in a real cycle.
                if (_random.Chance(0.1))
                {
                    var block = Questionnaire.Blocks[_random.Next(Questionnaire.Blocks.Count)].BlockId;
                    _notes.Add(new ApprovedNote(municipality.Code, block, "Goede praktijk.", null));
                }

                yield return submission;
            }
        }
    }

    private static MunicipalityRegister GenerateRegister(DemoRandom random, int count, int year, bool municipalityCodes)
    {
        var municipalities = new List<Municipality>(count);
        var provinceTotal = ProvinceWeights.Sum(p => p.Weight);
        var classTotal = SizeClassWeights.Sum();
        for (var i = 0; i < count; i++)
        {
            var province = Pick(ProvinceWeights.Select(p => p.Weight), provinceTotal, random);
            var sizeClass = SizeClass.All[Pick(SizeClassWeights, classTotal, random)];
            var population = (int)Math.Round(Math.Exp(random.Uniform(Math.Log(Math.Max(sizeClass.From, 900)), Math.Log(sizeClass.Below ?? 900_000))));
            var code = municipalityCodes
                ? "GM" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)
                : "SY" + (i + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            municipalities.Add(new Municipality(code, code, code, ProvinceWeights[province].Province, population, [], []));
        }

        // Collaborations of three to seven neighbours in one province, about one for every twelve organisations, as in the demo data.
        var byProvince = municipalities.Select((m, index) => (m.Province, Index: index)).GroupBy(x => x.Province, StringComparer.Ordinal);
        var collaboration = 0;
        foreach (var province in byProvince)
        {
            var members = province.Select(x => x.Index).ToList();
            var offset = 0;
            for (var g = 0; g < Math.Max(1, members.Count / 12) && offset < members.Count - 2; g++)
            {
                IReadOnlyList<string> name = ["Samenwerking " + (++collaboration).ToString(System.Globalization.CultureInfo.InvariantCulture)];
                var size = Math.Min(random.Next(3, 8), members.Count - offset);
                foreach (var index in members.Skip(offset).Take(size))
                {
                    municipalities[index] = municipalities[index] with { Collaborations = name };
                }

                offset += size;
            }
        }

        return new MunicipalityRegister(year, municipalities);
    }

    private static int Pick(IEnumerable<int> weights, int total, DemoRandom random)
    {
        var roll = random.Next(total);
        var index = 0;
        foreach (var weight in weights)
        {
            if (roll < weight)
            {
                return index;
            }

            roll -= weight;
            index++;
        }

        return index - 1;
    }

    private static Submission GenerateSubmission(
        DemoRandom random, Questionnaire questionnaire, AnswerFactory factory, Dictionary<string, double> blockDifficulty, Municipality municipality, int cycle)
    {
        var answers = factory.NewSet();
        Dictionary<string, int>? targets = null;
        var baseLevel = BaseMaturityBySizeClass[municipality.SizeClass.Number - 1] + (municipality.Collaborations.Count > 0 ? 0.35 : 0) + random.Normal(0, 0.35);
        var incomplete = random.Chance(0.12);
        var setsTargets = random.Chance(0.5);
        foreach (var block in questionnaire.Blocks)
        {
            var latent = baseLevel + blockDifficulty[block.BlockId] + random.Normal(0, 0.45);
            var level = Math.Clamp((int)Math.Round(latent), MaturityModel.LowestLevel, MaturityModel.HighestLevel);
            if (block.LevelQuestion.NotApplicableAllowed && random.Chance(0.04))
            {
                answers.Set(block.LevelQuestion.Id, NotApplicable);
                continue;
            }

            foreach (var question in block.Questions)
            {
                if (incomplete && random.Chance(0.15))
                {
                    continue;
                }

                if (question.NotApplicableAllowed && question.Type != QuestionType.Level && random.Chance(0.07))
                {
                    answers.Set(question.Id, NotApplicable);
                    continue;
                }

                if (factory.Answer(random, question, latent, level) is { } answer)
                {
                    answers.Set(question.Id, answer);
                }
            }

            if (setsTargets && random.Chance(0.3))
            {
                targets ??= new Dictionary<string, int>(StringComparer.Ordinal);
                targets[block.BlockId] = Math.Min(MaturityModel.HighestLevel, level + 1);
            }
        }

        return new Submission(municipality.Code, cycle, questionnaire.Version, random.Chance(0.7), answers, targets ?? NoTargets);
    }

    private static readonly IReadOnlyDictionary<string, int> NoTargets = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Makes answers, one shared object for each distinct answer (answers are immutable records with value equality).</summary>
    private sealed class AnswerFactory(Questionnaire questionnaire)
    {
        private readonly Dictionary<AnswerValue, Answer> _interned = [];
        private readonly QuestionSlots _slots = new(questionnaire);

        public AnswerSet NewSet() => new(_slots);

        public Answer? Answer(DemoRandom random, Question question, double latent, int level)
        {
            var progress = Math.Clamp(((latent - 1) / 4) + random.Normal(0, 0.18), 0, 1);
            AnswerValue? value = question.Type switch
            {
                QuestionType.Level => new LevelValue(level),
                QuestionType.YesNo when question.RequiredForLevel is { } required => new YesNoValue(level >= required ? random.Chance(0.96) : random.Chance(0.25)),
                QuestionType.YesNo => new YesNoValue(random.Chance(progress)),
                QuestionType.Single => Choice(question, progress),
                QuestionType.Multi => MultiChoice(random, question, progress),
                QuestionType.Number => Number(question, progress),
                _ => null,
            };
            if (value is null)
            {
                return null;
            }

            if (!_interned.TryGetValue(value, out var answer))
            {
                answer = Core.Submissions.Answer.Of(value);
                _interned[value] = answer;
            }

            return answer;
        }

        private static ChoiceValue Choice(Question question, double progress)
        {
            var ordered = question.Options.OrderBy(o => o.Value).ToList();
            return new ChoiceValue(ordered[Math.Clamp((int)Math.Round(progress * (ordered.Count - 1)), 0, ordered.Count - 1)].Id);
        }

        private static MultiChoiceValue MultiChoice(DemoRandom random, Question question, double progress)
        {
            var chosen = question.Options.Where(o => !o.Exclusive && random.Chance(Math.Clamp(progress + 0.1, 0.05, 0.95))).Select(o => o.Id).ToList();
            if (chosen.Count > 0)
            {
                return new MultiChoiceValue(chosen);
            }

            return question.Options.FirstOrDefault(o => o.Exclusive) is { } none ? new MultiChoiceValue([none.Id]) : new MultiChoiceValue([]);
        }

        private static NumberValue Number(Question question, double progress)
        {
            var (low, high) = question.Scale is { } scale ? ((double)scale.ZeroAt, (double)scale.FullAt) : ((double)(question.Min ?? 0), (double)(question.Max ?? ((question.Min ?? 0) + 100)));
            var number = (decimal)Math.Round(low + ((high - low) * progress), question.IntegerOnly ? 0 : 1);
            number = question.Min is { } min ? Math.Max(min, number) : number;
            return new NumberValue(question.Max is { } max ? Math.Min(max, number) : number);
        }
    }

    /// <summary>Every question of the questionnaire numbered, once, so each submission keeps its answers in a plain array.</summary>
    private sealed class QuestionSlots(Questionnaire questionnaire)
    {
        public string[] Ids { get; } = questionnaire.Questions.Select(q => q.Id).ToArray();

        public Dictionary<string, int> SlotOf { get; } = questionnaire.Questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>A submission's answers as an array over the questionnaire's questions: the dictionary a submission needs, without a hash table per submission.</summary>
    private sealed class AnswerSet(QuestionSlots slots) : IReadOnlyDictionary<string, Answer>
    {
        private readonly Answer?[] _answers = new Answer?[slots.Ids.Length];

        public int Count => _answers.Count(a => a is not null);

        public Answer this[string key] => TryGetValue(key, out var answer) ? answer : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => this.Select(p => p.Key);

        public IEnumerable<Answer> Values => this.Select(p => p.Value);

        public void Set(string questionId, Answer answer) => _answers[slots.SlotOf[questionId]] = answer;

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out Answer value)
        {
            value = slots.SlotOf.TryGetValue(key, out var slot) ? _answers[slot] : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, Answer>> GetEnumerator()
        {
            for (var i = 0; i < _answers.Length; i++)
            {
                if (_answers[i] is { } answer)
                {
                    yield return new KeyValuePair<string, Answer>(slots.Ids[i], answer);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
