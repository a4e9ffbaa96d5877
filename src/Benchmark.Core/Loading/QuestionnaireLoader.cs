using System.Globalization;
using Benchmark.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Benchmark.Core.Loading;

/// <summary>Loads a questionnaire file and validates it against the maturity model and, for its mapping, the previous version.</summary>
public static class QuestionnaireLoader
{
    public const string Kind = "questionnaire";

    /// <param name="previousVersion">Finds the questionnaire of an earlier version by its version string, for the mapping.</param>
    public static LoadResult<Questionnaire> Load(string file, string yaml, MaturityModel model, Func<string, Questionnaire?> previousVersion) =>
        Load(file, yaml, new Dictionary<string, MaturityModel>(StringComparer.Ordinal) { [model.Id] = model }, previousVersion);

    /// <param name="models">The maturity models by id; the questionnaire's <c>model</c> names the one it is for.</param>
    /// <param name="previousVersion">Finds the questionnaire of an earlier version by its version string, for the mapping.</param>
    public static LoadResult<Questionnaire> Load(string file, string yaml, IReadOnlyDictionary<string, MaturityModel> models, Func<string, Questionnaire?> previousVersion)
    {
        var (reader, root) = YamlReader.Parse(file, yaml);
        if (root is null)
        {
            return new LoadResult<Questionnaire>(null, reader.Problems);
        }

        var questionnaire = Read(reader, new MappingReader(reader, root, ""), models, previousVersion);
        return new LoadResult<Questionnaire>(reader.Problems.Count == 0 ? questionnaire : null, reader.Problems);
    }

    private static Questionnaire? Read(YamlReader reader, MappingReader root, IReadOnlyDictionary<string, MaturityModel> models, Func<string, Questionnaire?> previousVersion)
    {
        var kind = root.RequiredString("kind");
        if (kind is not null && kind != Kind)
        {
            reader.Report(root.Optional("kind")!, "/kind", $"expected kind '{Kind}', found '{kind}'");
        }

        var id = ModelLoader.ReadId(root, "id");
        var version = ReadVersion(root, "version");
        var modelId = root.RequiredString("model");
        if (modelId is null)
        {
            return null;
        }

        if (!models.TryGetValue(modelId, out var model))
        {
            var found = models.Count == 1 ? $"the model found is '{models.Keys.Single()}'" : $"the models found are {string.Join(", ", models.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}";
            reader.Report(root.Optional("model")!, "/model", $"this questionnaire is for model '{modelId}', but {found}");
            return null;
        }

        var firstCycle = root.RequiredInteger("firstCycle");
        if (firstCycle is < 2000 or > 2100)
        {
            reader.Report(root.Optional("firstCycle")!, "/firstCycle", $"first cycle {firstCycle} is not a plausible year");
        }

        var title = root.RequiredText("title");
        var introduction = root.OptionalText("introduction");
        var declaredQuestions = new HashSet<string>(StringComparer.Ordinal);
        var blocks = ReadBlocks(root, model, declaredQuestions);
        var mappingReader = reader.Mapping(root.Optional("mapping"), "/mapping");
        root.RejectUnknownKeys();

        QuestionnaireMapping? mapping = null;
        if (mappingReader is not null && blocks is not null)
        {
            mapping = ReadMapping(mappingReader, blocks, declaredQuestions, version, previousVersion);
        }

        if (reader.Problems.Count > 0 || id is null || version is null || modelId is null || firstCycle is null || title is null || blocks is null)
        {
            return null;
        }

        return new Questionnaire(id, version, modelId, firstCycle.Value, title, introduction, blocks.Select(b => b.Block).ToList(), mapping);
    }

    private static string? ReadVersion(MappingReader mapping, string key)
    {
        var value = mapping.RequiredString(key);
        if (value is not null && (value.Length != 4 || !value.All(char.IsAsciiDigit)))
        {
            mapping.Reader.Report(mapping.Optional(key)!, mapping.PathOf(key), $"version '{value}' must be a year of four digits, e.g. \"2026\"");
            return null;
        }

        return value;
    }

    private sealed record BlockEntry(QuestionnaireBlock Block, Dictionary<string, (Question Question, YamlNode Node)> Questions);

    /// <param name="declared">Receives every question id in the file, even of questions with problems, so the mapping check does not report them as missing.</param>
    private static List<BlockEntry>? ReadBlocks(MappingReader root, MaturityModel model, HashSet<string> declared)
    {
        var reader = root.Reader;
        var result = new List<BlockEntry>();
        var blockLines = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var questionLines = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var blocksNode = root.Required("blocks");
        foreach (var (node, path) in reader.Sequence(blocksNode, "/blocks"))
        {
            var block = reader.Mapping(node, path);
            if (block is null)
            {
                continue;
            }

            var blockId = block.RequiredString("block");
            var questionsNode = block.Required("questions");
            block.RejectUnknownKeys();
            if (blockId is null)
            {
                continue;
            }

            if (!model.BlocksById.ContainsKey(blockId))
            {
                reader.Report(block.Optional("block")!, path + "/block", $"unknown building block '{blockId}': the model '{model.Id}' has no such block");
            }
            else if (!blockLines.TryAdd(blockId, node))
            {
                reader.Report(block.Optional("block")!, path + "/block", $"block '{blockId}' appears twice (first at line {blockLines[blockId].Start.Line})");
                continue;
            }

            var questions = new Dictionary<string, (Question, YamlNode)>(StringComparer.Ordinal);
            var ordered = new List<Question>();
            var questionPaths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (questionNode, questionPath) in reader.Sequence(questionsNode, path + "/questions"))
            {
                if (questionNode is YamlMappingNode raw && raw.Children.TryGetValue(new YamlScalarNode("id"), out var rawId) && rawId is YamlScalarNode { Value: { } declaredId })
                {
                    declared.Add(declaredId);
                }

                var question = ReadQuestion(reader, questionNode, questionPath, blockId);
                if (question is null)
                {
                    continue;
                }

                if (!questionLines.TryAdd(question.Id, questionNode))
                {
                    reader.Report(questionNode, questionPath + "/id", $"duplicate question id '{question.Id}' (first defined at line {questionLines[question.Id].Start.Line})");
                    continue;
                }

                questions[question.Id] = (question, questionNode);
                questionPaths[question.Id] = questionPath;
                ordered.Add(question);
            }

            var levelQuestions = ordered.Count(q => q.Type == QuestionType.Level);
            if (questionsNode is not null && levelQuestions == 0)
            {
                reader.Report(questionsNode, path + "/questions", $"block '{blockId}' has no question of type 'level'; every block asks for its maturity level once");
            }
            else if (levelQuestions > 1)
            {
                reader.Report(questionsNode!, path + "/questions", $"block '{blockId}' has {levelQuestions} questions of type 'level'; exactly one is allowed");
            }

            CheckNotApplicableSubstitutes(reader, questions, questionPaths);
            result.Add(new BlockEntry(new QuestionnaireBlock(blockId, ordered), questions));
        }

        if (blocksNode is not null)
        {
            foreach (var missing in model.Blocks.Where(b => !blockLines.ContainsKey(b.Id)))
            {
                reader.Report(blocksNode, "/blocks", $"building block '{missing.Id}' of the model has no questions in this questionnaire");
            }
        }

        return blocksNode is null ? null : result;
    }

    private static Question? ReadQuestion(YamlReader reader, YamlNode node, string path, string blockId)
    {
        var question = reader.Mapping(node, path);
        if (question is null)
        {
            return null;
        }

        var id = question.RequiredString("id");
        if (id is not null && !Identifiers.IsQuestionId(id))
        {
            reader.Report(question.Optional("id")!, path + "/id", $"invalid question id '{id}': use '<block id>.<name>', e.g. '{blockId}.niveau'");
            id = null;
        }
        else if (id is not null && !id.StartsWith(blockId + ".", StringComparison.Ordinal))
        {
            reader.Report(question.Optional("id")!, path + "/id", $"question id '{id}' must start with its block id '{blockId}.'");
            id = null;
        }

        var typeName = question.RequiredString("type");
        QuestionType? type = null;
        if (typeName is not null)
        {
            if (QuestionTypes.ByName.TryGetValue(typeName, out var known))
            {
                type = known;
            }
            else
            {
                reader.Report(question.Optional("type")!, path + "/type", $"unknown question type '{typeName}'; expected one of: {string.Join(", ", QuestionTypes.ByName.Keys)}");
            }
        }

        var text = question.RequiredText("text");
        var help = question.OptionalText("help");
        var required = question.OptionalBoolean("required");
        var explanationNode = question.Optional("explanation");
        var explanation = reader.String(explanationNode, path + "/explanation");
        if (explanation is not null and not ("required" or "optional"))
        {
            reader.Report(explanationNode!, path + "/explanation", $"explanation must be 'required' or 'optional', found '{explanation}'");
        }

        var notApplicable = question.OptionalBoolean("notApplicable") ?? false;
        var notApplicableInstead = question.OptionalString("notApplicableInstead");
        var weight = ModelLoader.ReadWeight(question, required: false, allowZero: true);
        var requiredForLevel = question.OptionalInteger("requiredForLevel");
        if (requiredForLevel is < 2 or > 5)
        {
            reader.Report(question.Optional("requiredForLevel")!, path + "/requiredForLevel", $"requiredForLevel {requiredForLevel} must be a level from 2 to 5");
        }

        var evidenceFromLevel = question.OptionalInteger("evidenceFromLevel");
        if (evidenceFromLevel is < 2 or > 5)
        {
            reader.Report(question.Optional("evidenceFromLevel")!, path + "/evidenceFromLevel", $"evidenceFromLevel {evidenceFromLevel} must be a level from 2 to 5");
        }
        else if (evidenceFromLevel is not null && type is not null && type != QuestionType.Level)
        {
            reader.Report(question.Optional("evidenceFromLevel")!, path + "/evidenceFromLevel", "only the level question asks for evidence of the level claimed");
        }

        var options = ReadOptions(question);
        var min = question.OptionalNumber("min");
        var max = question.OptionalNumber("max");
        var integerOnly = question.OptionalBoolean("integer");
        var unit = question.OptionalText("unit");
        var scale = ReadScale(question);
        question.RejectUnknownKeys();

        if (type is not null)
        {
            CheckTypeSpecificProperties(question, type.Value, options, integerOnly, scale, requiredForLevel, weight);
        }

        if (min is not null && max is not null && min > max)
        {
            reader.Report(question.Optional("min")!, path + "/min", $"min {min} is greater than max {max}");
        }

        if (id is null || type is null || text is null)
        {
            return null;
        }

        return new Question(
            id,
            blockId,
            type.Value,
            text,
            help,
            Required: required ?? type != QuestionType.Text,
            ExplanationRequired: explanation is null ? type == QuestionType.Level : explanation == "required",
            NotApplicableAllowed: notApplicable,
            Weight: weight ?? (type is QuestionType.Text or QuestionType.Level ? 0 : Question.DefaultWeight),
            RequiredForLevel: requiredForLevel,
            Options: options?.Select(o => o.Option).ToList() ?? [],
            Min: min,
            Max: max,
            IntegerOnly: integerOnly ?? false,
            Unit: unit,
            Scale: scale,
            NotApplicableInstead: notApplicableInstead)
        {
            EvidenceFromLevel = evidenceFromLevel,
        };
    }

    /// <summary>
    /// A not-applicable condition is judged by the question that takes its place (docs/scoring.md, §2), so that
    /// question must be able to carry a level on its own: another scored question of the same block that is not a
    /// condition itself (it would be counted twice) and cannot be "not applicable" in turn (no chains of escapes).
    /// </summary>
    private static void CheckNotApplicableSubstitutes(YamlReader reader, Dictionary<string, (Question Question, YamlNode Node)> block, Dictionary<string, string> paths)
    {
        foreach (var (question, node) in block.Values.Where(q => q.Question.NotApplicableInstead is not null))
        {
            var path = paths[question.Id] + "/notApplicableInstead";
            var instead = question.NotApplicableInstead!;
            var at = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("notApplicableInstead"), out var value) ? value : node;
            if (question.RequiredForLevel is null || !question.NotApplicableAllowed)
            {
                reader.Report(at, path, "only a condition for a level ('requiredForLevel') that may be 'notApplicable' names what takes its place");
            }
            else if (!block.TryGetValue(instead, out var substitute))
            {
                reader.Report(at, path, $"'{instead}' is not a question of the same block");
            }
            else if (substitute.Question.Id == question.Id || substitute.Question.Type == QuestionType.Level || !substitute.Question.IsScored)
            {
                reader.Report(at, path, $"'{instead}' cannot take the place of a condition: it must be another scored question that is not the level question");
            }
            else if (substitute.Question.RequiredForLevel is not null || substitute.Question.NotApplicableAllowed)
            {
                reader.Report(at, path, $"'{instead}' cannot take the place of a condition: it may be neither a condition itself nor 'not applicable'");
            }
        }
    }

    private static void CheckTypeSpecificProperties(
        MappingReader question,
        QuestionType type,
        List<(AnswerOption Option, YamlNode Node)>? options,
        bool? integerOnly,
        NumberScale? scale,
        int? requiredForLevel,
        decimal? weight)
    {
        var reader = question.Reader;
        var typeName = type.Name();
        void NotFor(string key, string reason)
        {
            var node = question.Optional(key);
            if (node is not null)
            {
                reader.Report(node, question.PathOf(key), $"'{key}' is not allowed on a {typeName} question: {reason}");
            }
        }

        var isChoice = type is QuestionType.Single or QuestionType.Multi;
        if (isChoice && options is null)
        {
            reader.Report(question.Node, question.PathOf("options"), $"a {typeName} question needs 'options'");
        }
        else if (!isChoice)
        {
            NotFor("options", type == QuestionType.Level ? "its options are the five level descriptions of the block in the model" : "only single and multi questions have options");
        }

        if (options is not null && type == QuestionType.Multi && options.Count > 0 && options.Sum(o => o.Option.Value) == 0)
        {
            reader.Report(question.Optional("options")!, question.PathOf("options"), "every option is worth 0, so the question could never score; give the better options a value");
        }

        if (options is not null && type == QuestionType.Single)
        {
            foreach (var (option, node) in options.Where(o => o.Option.Exclusive))
            {
                reader.Report(node, question.PathOf("options"), $"option '{option.Id}': 'exclusive' only applies to multi questions");
            }
        }

        if (type != QuestionType.Number)
        {
            const string reason = "only number questions have it";
            NotFor("min", reason);
            NotFor("max", reason);
            NotFor("integer", reason);
            NotFor("unit", reason);
            NotFor("scale", reason);
        }
        else if (scale is not null && integerOnly == true && (scale.ZeroAt != decimal.Truncate(scale.ZeroAt) || scale.FullAt != decimal.Truncate(scale.FullAt)))
        {
            reader.Report(question.Optional("scale")!, question.PathOf("scale"), "an integer question's scale should run between whole numbers");
        }

        if (requiredForLevel is not null && type is QuestionType.Level or QuestionType.Text or QuestionType.Number)
        {
            NotFor("requiredForLevel", "only yes/no, single and multi questions can be a condition for a level");
        }

        // A condition weighing 0 would still decide the level but never count in the block's progress: a silent no-op
        // that hides a typo, so it is refused like a zero weight in the model.
        if (weight == 0 && requiredForLevel is not null)
        {
            reader.Report(question.Optional("weight")!, question.PathOf("weight"), $"weight 0 on a condition for level {requiredForLevel} would leave it out of the block's progress; a condition's weight must be greater than 0");
        }

        if (weight is not null && type == QuestionType.Text)
        {
            NotFor("weight", "free text is never scored");
        }

        if (weight is not null && type == QuestionType.Level)
        {
            NotFor("weight", "the level question sets the level; only the other questions are weighted");
        }
    }

    private static List<(AnswerOption Option, YamlNode Node)>? ReadOptions(MappingReader question)
    {
        var listNode = question.Optional("options");
        if (listNode is null)
        {
            return null;
        }

        var reader = question.Reader;
        var items = reader.Sequence(listNode, question.PathOf("options"));
        if (listNode is YamlSequenceNode && items.Count < 2)
        {
            reader.Report(listNode, question.PathOf("options"), $"a choice needs at least 2 options, found {items.Count}");
        }

        var result = new List<(AnswerOption, YamlNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in items)
        {
            var option = reader.Mapping(node, path);
            if (option is null)
            {
                continue;
            }

            var id = ModelLoader.ReadId(option, "id", "option id");
            var label = option.RequiredText("label");
            var valueNode = option.Required("value");
            var value = reader.Number(valueNode, path + "/value");
            if (value is < 0 or > 1)
            {
                reader.Report(valueNode!, path + "/value", $"option value {value.Value.ToString(CultureInfo.InvariantCulture)} is outside 0 to 1");
                value = null;
            }

            var exclusive = option.OptionalBoolean("exclusive") ?? false;
            option.RejectUnknownKeys();
            if (id is not null && !seen.Add(id))
            {
                reader.Report(option.Optional("id")!, path + "/id", $"duplicate option id '{id}'");
                continue;
            }

            if (id is not null && label is not null && value is not null)
            {
                result.Add((new AnswerOption(id, label, value.Value, exclusive), node));
            }
        }

        return result;
    }

    private static NumberScale? ReadScale(MappingReader question)
    {
        var scale = question.Reader.Mapping(question.Optional("scale"), question.PathOf("scale"));
        if (scale is null)
        {
            return null;
        }

        var zeroAt = question.Reader.Number(scale.Required("zeroAt"), scale.PathOf("zeroAt"));
        var fullAt = question.Reader.Number(scale.Required("fullAt"), scale.PathOf("fullAt"));
        scale.RejectUnknownKeys();
        if (zeroAt is null || fullAt is null)
        {
            return null;
        }

        if (zeroAt == fullAt)
        {
            question.Reader.Report(scale.Node, scale.Path, $"zeroAt and fullAt are both {zeroAt}; the scale needs two different points");
            return null;
        }

        return new NumberScale(zeroAt.Value, fullAt.Value);
    }

    private static QuestionnaireMapping? ReadMapping(MappingReader mapping, List<BlockEntry> blocks, HashSet<string> declared, string? version, Func<string, Questionnaire?> previousVersion)
    {
        var reader = mapping.Reader;
        var from = ReadVersion(mapping, "from");
        var changesNode = mapping.Required("changes");
        var items = reader.Sequence(changesNode, "/mapping/changes");
        mapping.RejectUnknownKeys();

        Questionnaire? previous = null;
        if (from is not null)
        {
            if (version is not null && string.CompareOrdinal(from, version) >= 0)
            {
                reader.Report(mapping.Optional("from")!, "/mapping/from", $"the mapping must come from an earlier version than {version}, found {from}");
            }
            else
            {
                previous = previousVersion(from);
                if (previous is null)
                {
                    reader.Report(mapping.Optional("from")!, "/mapping/from", $"no questionnaire of version {from} was found beside this file to map from");
                }
            }
        }

        var current = blocks.SelectMany(b => b.Questions).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var changes = new List<MappingChange>();
        var accountedOld = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var accountedNew = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (node, path) in items)
        {
            var change = reader.Mapping(node, path);
            if (change is null)
            {
                continue;
            }

            var parsed = ReadChange(change, path, previous, current, accountedOld, accountedNew);
            if (parsed is not null)
            {
                changes.Add(parsed);
            }
        }

        if (previous is not null && changesNode is not null)
        {
            foreach (var old in previous.Questions.Where(q => !declared.Contains(q.Id) && !accountedOld.ContainsKey(q.Id)))
            {
                reader.Report(changesNode, "/mapping/changes", $"question '{old.Id}' of version {previous.Version} is gone without a mapping entry; add 'renamed', 'split' or 'removed'");
            }

            var previousIds = previous.QuestionsById;
            foreach (var (id, (question, questionNode)) in current.Where(p => !previousIds.ContainsKey(p.Key) && !accountedNew.ContainsKey(p.Key)))
            {
                reader.Report(questionNode, "/mapping/changes", $"question '{id}' is new since version {previous.Version} but has no mapping entry; add 'renamed', 'split' or 'added'");
                _ = question;
            }

            foreach (var (id, (question, questionNode)) in current.Where(p => previousIds.ContainsKey(p.Key) && !accountedNew.ContainsKey(p.Key)))
            {
                var old = previousIds[id];
                if (old.Type != question.Type)
                {
                    reader.Report(questionNode, "/mapping/changes", $"question '{id}' keeps its id but changes type from {old.Type.Name()} to {question.Type.Name()}; give it a new id and a 'renamed' entry");
                }
                else if (!old.Options.Select(o => o.Id).SequenceEqual(question.Options.Select(o => o.Id)))
                {
                    var gone = old.Options.Select(o => o.Id).Except(question.Options.Select(o => o.Id)).ToList();
                    if (gone.Count > 0)
                    {
                        reader.Report(questionNode, "/mapping/changes", $"question '{id}' keeps its id but drops option(s) {string.Join(", ", gone)}; give it a new id and a 'renamed' entry with an options map");
                    }
                }
            }
        }

        return from is null ? null : new QuestionnaireMapping(from, changes);
    }

    private static MappingChange? ReadChange(
        MappingReader change,
        string path,
        Questionnaire? previous,
        Dictionary<string, (Question Question, YamlNode Node)> current,
        Dictionary<string, YamlNode> accountedOld,
        Dictionary<string, YamlNode> accountedNew)
    {
        var reader = change.Reader;
        var kindName = change.RequiredString("kind");
        MappingKind? kind = kindName switch
        {
            null => null,
            "renamed" => MappingKind.Renamed,
            "split" => MappingKind.Split,
            "added" => MappingKind.Added,
            "removed" => MappingKind.Removed,
            _ => null,
        };
        if (kindName is not null && kind is null)
        {
            reader.Report(change.Optional("kind")!, path + "/kind", $"unknown mapping kind '{kindName}'; expected renamed, split, added or removed");
        }

        var fromNode = change.Optional("from");
        var from = reader.String(fromNode, path + "/from");
        var toNode = change.Optional("to");
        var to = new List<(string Id, YamlNode Node)>();
        if (toNode is YamlSequenceNode)
        {
            foreach (var (item, itemPath) in reader.Sequence(toNode, path + "/to"))
            {
                if (reader.String(item, itemPath) is { } id)
                {
                    to.Add((id, item));
                }
            }
        }
        else if (reader.String(toNode, path + "/to") is { } single)
        {
            to.Add((single, toNode!));
        }

        var optionsReader = reader.Mapping(change.Optional("options"), path + "/options");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (optionsReader is not null)
        {
            foreach (var (key, value) in optionsReader.Node.Children)
            {
                if (key is YamlScalarNode { Value: { } oldOption } && reader.String(value, $"{path}/options/{oldOption}") is { } newOption)
                {
                    options[oldOption] = newOption;
                }
            }
        }

        var note = change.OptionalString("note");
        change.RejectUnknownKeys();
        if (kind is null)
        {
            return null;
        }

        var needsFrom = kind is MappingKind.Renamed or MappingKind.Split or MappingKind.Removed;
        var needsTo = kind is MappingKind.Renamed or MappingKind.Split or MappingKind.Added;
        if (needsFrom && from is null)
        {
            reader.Report(change.Node, path + "/from", $"a '{kindName}' entry needs 'from'");
        }
        else if (!needsFrom && from is not null)
        {
            reader.Report(fromNode!, path + "/from", $"an '{kindName}' entry has no 'from': the question did not exist before");
        }

        if (needsTo && to.Count == 0)
        {
            reader.Report(change.Node, path + "/to", $"a '{kindName}' entry needs 'to'");
        }
        else if (!needsTo && to.Count > 0)
        {
            reader.Report(toNode!, path + "/to", $"a '{kindName}' entry has no 'to': the question no longer exists");
        }

        if (kind == MappingKind.Split && to.Count is 1)
        {
            reader.Report(toNode!, path + "/to", "a split needs a list of at least two new questions; use 'renamed' for one");
        }
        else if (kind != MappingKind.Split && to.Count > 1)
        {
            reader.Report(toNode!, path + "/to", $"only a split maps to several questions, not '{kindName}'");
        }

        Question? oldQuestion = null;
        if (from is not null && needsFrom && previous is not null)
        {
            if (!previous.QuestionsById.TryGetValue(from, out oldQuestion))
            {
                reader.Report(fromNode!, path + "/from", $"mapping from '{from}', which does not exist in version {previous.Version}");
            }
            else if (current.ContainsKey(from) && kind != MappingKind.Split)
            {
                reader.Report(fromNode!, path + "/from", $"question '{from}' still exists in this version, so it cannot be {kindName}");
            }
            else if (!accountedOld.TryAdd(from, fromNode!))
            {
                reader.Report(fromNode!, path + "/from", $"question '{from}' is mapped twice (first at line {accountedOld[from].Start.Line})");
            }
        }

        foreach (var (id, node) in to.Where(_ => needsTo))
        {
            if (!current.TryGetValue(id, out var target))
            {
                reader.Report(node, path + "/to", $"mapping to '{id}', which does not exist in this questionnaire");
                continue;
            }

            if (previous is not null && previous.QuestionsById.ContainsKey(id) && id != from)
            {
                reader.Report(node, path + "/to", $"question '{id}' already existed in version {previous.Version}; it cannot be {kindName}");
            }

            if (!accountedNew.TryAdd(id, node))
            {
                reader.Report(node, path + "/to", $"question '{id}' is mapped twice (first at line {accountedNew[id].Start.Line})");
            }

            if (oldQuestion is not null && target.Question.Type != oldQuestion.Type)
            {
                reader.Report(node, path + "/to", $"'{oldQuestion.Id}' is a {oldQuestion.Type.Name()} question but '{id}' is {target.Question.Type.Name()}; answers cannot carry over");
            }

            if (oldQuestion is not null && oldQuestion.Options.Count > 0)
            {
                foreach (var oldOption in oldQuestion.Options)
                {
                    var newOption = options.GetValueOrDefault(oldOption.Id, oldOption.Id);
                    if (target.Question.Option(newOption) is null)
                    {
                        reader.Report(optionsReader?.Node ?? node, path + "/options", $"option '{oldOption.Id}' of '{oldQuestion.Id}' maps to '{newOption}', which '{id}' does not have");
                    }
                }
            }
        }

        if (oldQuestion is not null)
        {
            foreach (var key in options.Keys.Where(k => oldQuestion.Option(k) is null))
            {
                reader.Report(optionsReader!.Node, path + "/options", $"'{oldQuestion.Id}' has no option '{key}'");
            }
        }

        return new MappingChange(kind.Value, from, to.Select(t => t.Id).ToList(), options, note);
    }
}
