using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Demo;

/// <summary>A fictional register per year and synthetic submissions for several cycles.</summary>
public sealed record DemoDataSet(IReadOnlyList<MunicipalityRegister> Registers, IReadOnlyList<Submission> Submissions)
{
    public MunicipalityRegister RegisterFor(int year) => Registers.Last(r => r.Year <= year);
}

/// <summary>
/// Generates demo data. Every municipality is invented (codes GM9000–GM9999, which CBS does not use);
/// real municipalities never receive invented scores. Same seed, same data.
/// </summary>
public static class DemoGenerator
{
    public const int FirstFictionalCode = 9000;

    /// <summary>Municipalities per province (2025/26 layout).</summary>
    private static readonly (string Province, int Count)[] ProvinceCounts =
    [
        ("Groningen", 10), ("Fryslân", 18), ("Drenthe", 12), ("Overijssel", 25), ("Flevoland", 6), ("Gelderland", 51),
        ("Utrecht", 26), ("Noord-Holland", 44), ("Zuid-Holland", 50), ("Zeeland", 13), ("Noord-Brabant", 56), ("Limburg", 31),
    ];

    /// <summary>Municipalities per CBS size class 1..8 (2025/26 layout).</summary>
    private static readonly int[] SizeClassCounts = [5, 5, 54, 181, 65, 14, 14, 4];

    private static readonly double[] BaseMaturityBySizeClass = [1.9, 2.0, 2.3, 2.6, 2.9, 3.2, 3.4, 3.6];

    /// <summary>Two mergers: one on 1 January of the second cycle, one on 1 January of the third.</summary>
    private const int Mergers = 2;

    public static DemoDataSet Generate(QuestionnaireCatalog catalog, int seed, IReadOnlyList<int> cycles)
    {
        if (cycles.Count == 0)
        {
            throw new ArgumentException("At least one cycle is needed.", nameof(cycles));
        }

        foreach (var cycle in cycles.Where(c => catalog.ForCycle(c) is null))
        {
            throw new ArgumentException($"No questionnaire is in use in cycle {cycle}; the first version starts in {catalog.Questionnaires[0].FirstCycle}.", nameof(cycles));
        }

        var random = new DemoRandom((ulong)seed);
        var registers = GenerateRegisters(random.Fork("register"), cycles.Order().ToList());
        var traits = GenerateTraits(random.Fork("traits"), registers, catalog.Models);
        var submissions = new List<Submission>();
        var answers = random.Fork("answers");
        foreach (var cycle in cycles.Order())
        {
            var questionnaire = catalog.ForCycle(cycle)!;
            var register = registers.Last(r => r.Year <= cycle);
            foreach (var municipality in register.Municipalities)
            {
                // A few municipalities miss a cycle, so response rates are not a flat 100%.
                if (answers.Chance(0.05))
                {
                    continue;
                }

                // Only a draft may still be incomplete: submitting checks completeness, so whatever the demo shows as
                // submitted, approved or rejected was complete when it was handed in.
                var draft = DemoWorkflow.StatusIn(municipality.Code, latestCycle: cycle == cycles.Max()) == SubmissionStatus.Draft;
                submissions.Add(GenerateSubmission(answers, catalog.ModelOf(questionnaire), questionnaire, municipality, traits[municipality.Code], cycle, cycles.Min(), mayBeIncomplete: draft));
            }
        }

        return new DemoDataSet(registers, submissions);
    }

    private sealed record Traits(double Base, double YearlyChange, Dictionary<string, double> BlockOffset, bool Consents, bool SetsTargets, bool Sloppy);

    private static List<MunicipalityRegister> GenerateRegisters(DemoRandom random, List<int> years)
    {
        var total = SizeClassCounts.Sum() + Mergers;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var provinces = ProvinceCounts.SelectMany(p => Enumerable.Repeat(p.Province, p.Count)).ToList();
        provinces.AddRange(Enumerable.Repeat("Gelderland", Mergers));
        var classes = SizeClassCounts.SelectMany((count, i) => Enumerable.Repeat(i + 1, count)).ToList();
        classes.AddRange(Enumerable.Repeat(4, Mergers));
        random.Shuffle(provinces);
        random.Shuffle(classes);

        var collaborations = new List<(string Name, string Province)>();
        var municipalities = new List<Municipality>();
        for (var i = 0; i < total; i++)
        {
            string name;
            do
            {
                name = DemoNames.Place(random);
            }
            while (!names.Add(name));

            var sizeClass = SizeClass.All[classes[i] - 1];
            var population = (int)Math.Round(Math.Exp(random.Uniform(Math.Log(Math.Max(sizeClass.From, 900)), Math.Log(sizeClass.Below ?? 900_000))));
            municipalities.Add(new Municipality($"GM{FirstFictionalCode + 1 + i:0000}", name, name, provinces[i], population, [], []));
        }

        // Collaborations: groups of neighbours in one province, as shared service centres tend to be.
        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        string[] forms = ["ICT-samenwerking {0}", "Servicecentrum {0}", "Werkorganisatie {0}", "Shared service centre {0}", "Digitale Regio {0}"];
        foreach (var province in ProvinceCounts.Select(p => p.Province))
        {
            var members = municipalities.Where(m => m.Province == province).ToList();
            var groups = Math.Max(1, members.Count / 12);
            random.Shuffle(members);
            var offset = 0;
            for (var g = 0; g < groups && offset < members.Count - 2; g++)
            {
                string groupName;
                do
                {
                    groupName = string.Format(System.Globalization.CultureInfo.InvariantCulture, random.Pick(forms), DemoNames.Region(random));
                }
                while (!groupNames.Add(groupName));

                var size = Math.Min(random.Next(3, 8), members.Count - offset);
                foreach (var member in members.Skip(offset).Take(size))
                {
                    var index = municipalities.FindIndex(m => m.Code == member.Code);
                    municipalities[index] = municipalities[index] with { Collaborations = [.. municipalities[index].Collaborations, groupName] };
                }

                offset += size;
                collaborations.Add((groupName, province));
            }
        }

        var registers = new List<MunicipalityRegister> { new(years[0], municipalities.ToList()) };
        var current = municipalities.ToList();
        var nextCode = FirstFictionalCode + total + 1;
        for (var y = 1; y < years.Count; y++)
        {
            if (y <= Mergers)
            {
                // Two small neighbours in one province merge into a new municipality with a new code.
                var candidates = current.Where(m => m.Predecessors.Count == 0 && m.SizeClass.Number <= 4).GroupBy(m => m.Province).Where(g => g.Count() >= 2).ToList();
                var pair = random.Pick(candidates).Take(2).ToList();
                var merged = new Municipality(
                    $"GM{nextCode++:0000}",
                    DemoNames.Place(random),
                    "",
                    pair[0].Province,
                    pair.Sum(m => m.Population),
                    pair.SelectMany(m => m.Collaborations).Distinct().ToList(),
                    pair.Select(m => m.Code).ToList());
                merged = merged with { ShortName = merged.Name };
                current = current.Except(pair).Append(merged).OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
            }

            registers.Add(new MunicipalityRegister(years[y], current.ToList()));
        }

        return registers;
    }

    /// <remarks>
    /// The blocks of the first model draw from <paramref name="random"/> exactly as before there were more models; blocks
    /// that only later models have draw from a stream of their own, so adding a model version changes no earlier demo
    /// answer (and no expected report image).
    /// </remarks>
    private static Dictionary<string, Traits> GenerateTraits(DemoRandom random, List<MunicipalityRegister> registers, IReadOnlyList<MaturityModel> models)
    {
        var model = models[0];
        var later = random.Fork("traits-later-blocks");
        var laterBlocks = models.Skip(1).SelectMany(m => m.Blocks).Select(b => b.Id).Distinct(StringComparer.Ordinal).Where(id => !model.BlocksById.ContainsKey(id)).ToList();
        var blockDifficulty = model.Blocks.ToDictionary(b => b.Id, _ => random.Normal(0, 0.45));
        foreach (var id in laterBlocks)
        {
            blockDifficulty[id] = later.Normal(0, 0.45);
        }

        var traits = new Dictionary<string, Traits>(StringComparer.Ordinal);
        foreach (var municipality in registers.SelectMany(r => r.Municipalities).DistinctBy(m => m.Code))
        {
            var collaborating = municipality.Collaborations.Count > 0 ? 0.35 : 0;
            var baseLevel = BaseMaturityBySizeClass[municipality.SizeClass.Number - 1] + collaborating + random.Normal(0, 0.35);
            var roll = random.NextDouble();
            var yearly = roll < 0.72 ? random.Uniform(0.1, 0.45) : roll < 0.9 ? random.Uniform(-0.05, 0.08) : -random.Uniform(0.05, 0.3);
            var offsets = model.Blocks.ToDictionary(b => b.Id, b => blockDifficulty[b.Id] + random.Normal(0, 0.45));
            foreach (var id in laterBlocks)
            {
                offsets[id] = blockDifficulty[id] + later.Normal(0, 0.45);
            }

            traits[municipality.Code] = new Traits(baseLevel, yearly, offsets, Consents: random.Chance(0.7), SetsTargets: random.Chance(0.5), Sloppy: random.Chance(0.04));
        }

        return traits;
    }

    private static Submission GenerateSubmission(DemoRandom random, MaturityModel model, Questionnaire questionnaire, Municipality municipality, Traits traits, int cycle, int firstCycle, bool mayBeIncomplete)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        // Half the drafts of an open round still have gaps; what was handed in has none (below).
        var incomplete = random.Chance(mayBeIncomplete ? 0.5 : 0.12);
        var skipShare = incomplete ? random.Uniform(0.05, 0.25) : 0;
        // Blocks build on their prerequisites: a municipality is rarely far ahead of what a block needs.
        var latents = new Dictionary<string, double>(StringComparer.Ordinal);
        double Latent(string blockId)
        {
            if (!latents.TryGetValue(blockId, out var value))
            {
                value = traits.Base + traits.BlockOffset[blockId] + (traits.YearlyChange * (cycle - firstCycle)) + random.Normal(0, 0.2);
                foreach (var prerequisite in model.BlocksById[blockId].Prerequisites)
                {
                    value = Math.Min(value, Latent(prerequisite) + 1.0);
                }

                latents[blockId] = value;
            }

            return value;
        }

        foreach (var block in questionnaire.Blocks)
        {
            var latent = Latent(block.BlockId);
            var level = Math.Clamp((int)Math.Round(latent), MaturityModel.LowestLevel, MaturityModel.HighestLevel);
            var blockName = model.BlocksById[block.BlockId].Name.Nl;
            if (block.LevelQuestion.NotApplicableAllowed && random.Chance(0.04))
            {
                answers[block.LevelQuestion.Id] = Answer.NotApplicableBecause(DemoText.Reason(random));
                continue;
            }

            foreach (var question in block.Questions)
            {
                if (incomplete && random.Chance(skipShare) && mayBeIncomplete)
                {
                    continue;
                }

                if (question.NotApplicableAllowed && question.Type != QuestionType.Level && random.Chance(0.07))
                {
                    answers[question.Id] = Answer.NotApplicableBecause(DemoText.Reason(random));
                    continue;
                }

                var value = question.Type == QuestionType.Level ? new LevelValue(level) : SubAnswer(random, question, latent, level, municipality.Code);
                if (value is null)
                {
                    continue;
                }

                var explanation = question.ExplanationRequired || random.Chance(0.15)
                    ? traits.Sloppy && answers.Count > 0 ? "Zie toelichting bij de vorige vraag." : DemoText.Explanation(random, blockName, level, cycle)
                    : null;
                var note = question.Type == QuestionType.Level && level >= 4 && random.Chance(0.35)
                    ? new PracticeNote(DemoText.PracticeNote(random, blockName), DemoText.ContactRole(random))
                    : null;
                // Most who claim a level that asks for evidence give it in a draft; a few not yet. Submitting asks for it.
                var evidence = question.EvidenceFromLevel is { } from && value is LevelValue { Level: var claimed } && claimed >= from
                    && ((!traits.Sloppy && random.Chance(0.85)) || !mayBeIncomplete)
                    ? DemoText.Evidence(random, municipality, question.BlockId, cycle)
                    : null;
                answers[question.Id] = new Answer(value, false, null, explanation, note) { Evidence = evidence };
            }

            if (traits.SetsTargets && random.Chance(0.3))
            {
                targets[block.BlockId] = Math.Min(MaturityModel.HighestLevel, level + 1);
            }
        }

        return new Submission(municipality.Code, cycle, questionnaire.Version, traits.Consents, answers, targets);
    }

    /// <summary>A number in [0, 1) fixed for one municipality and question, the same in every cycle and for every seed.</summary>
    private static double Stable(string municipality, string questionId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in municipality + "/" + questionId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new DemoRandom(hash).NextDouble();
    }

    private static AnswerValue? SubAnswer(DemoRandom random, Question question, double latent, int level, string municipality)
    {
        var progress = Math.Clamp((latent - 1) / 4 + random.Normal(0, 0.18), 0, 1);
        switch (question.Type)
        {
            case QuestionType.YesNo:
                if (question.RequiredForLevel is { } required)
                {
                    // Whether a municipality meets a condition is a fact about it, not a new dice roll every year.
                    var habit = Stable(municipality, question.Id);
                    return new YesNoValue(level >= required ? habit >= 0.04 : habit < 0.25);
                }

                return new YesNoValue(random.Chance(progress));

            case QuestionType.Single:
            {
                var ordered = question.Options.OrderBy(o => o.Value).ToList();
                var index = Math.Clamp((int)Math.Round(progress * (ordered.Count - 1)), 0, ordered.Count - 1);
                return new ChoiceValue(ordered[index].Id);
            }

            case QuestionType.Multi:
            {
                var chosen = question.Options.Where(o => !o.Exclusive && random.Chance(Math.Clamp(progress + 0.1, 0.05, 0.95))).Select(o => o.Id).ToList();
                if (chosen.Count == 0)
                {
                    var none = question.Options.FirstOrDefault(o => o.Exclusive);
                    return none is null ? new MultiChoiceValue([]) : new MultiChoiceValue([none.Id]);
                }

                return new MultiChoiceValue(chosen);
            }

            case QuestionType.Number:
            {
                double value;
                if (question.Scale is { } scale)
                {
                    value = (double)scale.ZeroAt + (((double)scale.FullAt - (double)scale.ZeroAt) * progress);
                }
                else
                {
                    var min = (double)(question.Min ?? 0);
                    var max = (double)(question.Max ?? (question.Min ?? 0) + 100);
                    value = min + ((max - min) * random.NextDouble() * 0.6);
                }

                var number = (decimal)Math.Round(value, question.IntegerOnly ? 0 : 1);
                if (question.Min is { } lower)
                {
                    number = Math.Max(lower, number);
                }

                if (question.Max is { } upper)
                {
                    number = Math.Min(upper, number);
                }

                return new NumberValue(number);
            }

            case QuestionType.Text:
                return random.Chance(0.3) ? new TextValue(DemoText.Remark(random)) : null;

            default:
                return null;
        }
    }
}
