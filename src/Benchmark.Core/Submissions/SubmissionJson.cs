using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Benchmark.Core.Model;
using Benchmark.Core.Text;

namespace Benchmark.Core.Submissions;

/// <summary>A problem with a submission, located by a JSON pointer into the request body.</summary>
public sealed record SubmissionError(string Pointer, string Message)
{
    public override string ToString() => $"{Pointer}: {Message}";
}

public enum ValidationMode
{
    /// <summary>Saving work in progress: required explanations may still be missing.</summary>
    Draft,

    /// <summary>Submitting: every answered question that needs an explanation has one.</summary>
    Final,
}

/// <summary>Reads and writes the submission JSON format, checking it against its questionnaire version.</summary>
public static class SubmissionJson
{
    public const int MaxTextLength = 4000;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pointer(params string[] segments) =>
        string.Concat(segments.Select(Pointer));

    /// <summary>One segment of a JSON pointer, with its '/' before it; a name without '~' or '/' is used as it is.</summary>
    private static string Pointer(string segment) =>
        "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Parses UTF-8 bytes (as received over HTTP); invalid UTF-8 is reported like malformed JSON.</summary>
    public static (Submission? Submission, IReadOnlyList<SubmissionError> Errors) ReadUtf8(
        ReadOnlyMemory<byte> utf8,
        Func<string, Questionnaire?> questionnaireForVersion,
        ValidationMode mode,
        int? expectedCycle = null,
        string? expectedMunicipality = null)
    {
        // The JSON reader checks the bytes of a string only when it is read, so check them all first.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return (null, [new SubmissionError("", "malformed JSON: the body is not valid UTF-8")]);
        }

        return ParseAndRead(() => JsonDocument.Parse(utf8, DocumentOptions), questionnaireForVersion, mode, expectedCycle, expectedMunicipality);
    }

    /// <summary>Parses and validates; returns the submission only when there is no error at all.</summary>
    public static (Submission? Submission, IReadOnlyList<SubmissionError> Errors) Read(
        string json,
        Func<string, Questionnaire?> questionnaireForVersion,
        ValidationMode mode,
        int? expectedCycle = null,
        string? expectedMunicipality = null) =>
        ParseAndRead(() => JsonDocument.Parse(json, DocumentOptions), questionnaireForVersion, mode, expectedCycle, expectedMunicipality);

    /// <summary>Deep nesting is refused rather than followed: no submission needs more than a few levels.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    private static (Submission? Submission, IReadOnlyList<SubmissionError> Errors) ParseAndRead(
        Func<JsonDocument> parse,
        Func<string, Questionnaire?> questionnaireForVersion,
        ValidationMode mode,
        int? expectedCycle,
        string? expectedMunicipality)
    {
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException e)
        {
            return (null, [new SubmissionError("", $"malformed JSON: {e.Message}")]);
        }

        using (document)
        {
            return Read(document.RootElement, questionnaireForVersion, mode, expectedCycle, expectedMunicipality);
        }
    }

    public static (Submission? Submission, IReadOnlyList<SubmissionError> Errors) Read(
        JsonElement root,
        Func<string, Questionnaire?> questionnaireForVersion,
        ValidationMode mode,
        int? expectedCycle = null,
        string? expectedMunicipality = null)
    {
        try
        {
            return ReadChecked(root, questionnaireForVersion, mode, expectedCycle, expectedMunicipality);
        }
        catch (InvalidOperationException)
        {
            // A string that cannot be text, such as a lone surrogate escape ("\ud800").
            return (null, [new SubmissionError("", "malformed JSON: a string holds an invalid character escape")]);
        }
    }

    private static (Submission? Submission, IReadOnlyList<SubmissionError> Errors) ReadChecked(
        JsonElement root,
        Func<string, Questionnaire?> questionnaireForVersion,
        ValidationMode mode,
        int? expectedCycle,
        string? expectedMunicipality)
    {
        var errors = new List<SubmissionError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new SubmissionError("", "expected a JSON object")]);
        }

        var known = new HashSet<string>(StringComparer.Ordinal) { "municipality", "cycle", "questionnaire", "consentToBeNamed", "answers", "targets" };
        foreach (var property in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add(new SubmissionError(Pointer(property.Name), $"unknown property '{Truncate(property.Name)}'"));
        }

        RejectDuplicates(root, "", errors);

        var municipality = ReadString(root, "municipality", errors, required: true);
        if (municipality is not null && !Register.MunicipalityCode.IsValid(municipality))
        {
            errors.Add(new SubmissionError("/municipality", $"'{municipality}' is not a municipality code ('GM' and four digits)"));
        }
        else if (municipality is not null && expectedMunicipality is not null && municipality != expectedMunicipality)
        {
            errors.Add(new SubmissionError("/municipality", $"this submission is for {municipality}, not {expectedMunicipality}"));
        }

        int? cycle = null;
        if (!root.TryGetProperty("cycle", out var cycleElement))
        {
            errors.Add(new SubmissionError("/cycle", "missing required property 'cycle'"));
        }
        else if (cycleElement.ValueKind != JsonValueKind.Number || !cycleElement.TryGetInt32(out var cycleValue) || cycleValue is < 2000 or > 2100)
        {
            errors.Add(new SubmissionError("/cycle", "expected the cycle's year, a whole number"));
        }
        else if (expectedCycle is not null && cycleValue != expectedCycle)
        {
            errors.Add(new SubmissionError("/cycle", $"these answers are for cycle {cycleValue}, not {expectedCycle}"));
        }
        else
        {
            cycle = cycleValue;
        }

        var version = ReadString(root, "questionnaire", errors, required: true);
        var questionnaire = version is null ? null : questionnaireForVersion(version);
        if (version is not null && questionnaire is null)
        {
            errors.Add(new SubmissionError("/questionnaire", $"unknown questionnaire version '{version}'"));
        }
        else if (questionnaire is not null && cycle is not null && cycle < questionnaire.FirstCycle)
        {
            errors.Add(new SubmissionError("/questionnaire", $"questionnaire {questionnaire.Version} is not in use in cycle {cycle}"));
        }

        var consent = false;
        if (root.TryGetProperty("consentToBeNamed", out var consentElement) && consentElement.ValueKind != JsonValueKind.Null)
        {
            if (consentElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                consent = consentElement.GetBoolean();
            }
            else
            {
                errors.Add(new SubmissionError("/consentToBeNamed", "expected true or false"));
            }
        }

        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        if (root.TryGetProperty("answers", out var answersElement))
        {
            if (answersElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new SubmissionError("/answers", "expected an object with an answer per question id"));
            }
            else if (questionnaire is not null)
            {
                foreach (var property in answersElement.EnumerateObject())
                {
                    var pointer = "/answers" + Pointer(property.Name);
                    if (!questionnaire.QuestionsById.TryGetValue(property.Name, out var question))
                    {
                        errors.Add(new SubmissionError(pointer, $"unknown question '{Truncate(property.Name)}' in questionnaire {questionnaire.Version}"));
                        continue;
                    }

                    if (answers.ContainsKey(property.Name))
                    {
                        errors.Add(new SubmissionError(pointer, "this question is answered twice"));
                        continue;
                    }

                    var answer = ReadAnswer(property.Value, question, pointer, mode, errors);
                    if (answer is not null)
                    {
                        answers[property.Name] = answer;
                    }
                }
            }
        }

        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("targets", out var targetsElement))
        {
            if (targetsElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new SubmissionError("/targets", "expected an object with a target level per building block"));
            }
            else if (questionnaire is not null)
            {
                RejectDuplicates(targetsElement, "/targets", errors);
                foreach (var property in targetsElement.EnumerateObject())
                {
                    var pointer = Pointer("targets", property.Name);
                    if (!questionnaire.BlocksById.ContainsKey(property.Name))
                    {
                        errors.Add(new SubmissionError(pointer, $"unknown building block '{Truncate(property.Name)}'"));
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var target) || target is < MaturityModel.LowestLevel or > MaturityModel.HighestLevel)
                    {
                        errors.Add(new SubmissionError(pointer, "a target is a level, a whole number from 1 to 5"));
                    }
                    else
                    {
                        targets[property.Name] = target;
                    }
                }
            }
        }

        if (errors.Count > 0 || municipality is null || cycle is null || questionnaire is null)
        {
            return (null, errors);
        }

        return (new Submission(municipality, cycle.Value, questionnaire.Version, consent, InQuestionnaireOrder(answers, questionnaire), InBlockOrder(targets, questionnaire)), errors);
    }

    /// <summary>
    /// The answers in the questionnaire's order, as <see cref="Write"/> puts them: a body read as sent and the same
    /// answers read back from storage are then alike in every respect, enumeration order included, so the one can stand
    /// for the other (a save reuses what it read instead of reading its own canonical form back).
    /// </summary>
    private static Dictionary<string, Answer> InQuestionnaireOrder(Dictionary<string, Answer> answers, Questionnaire questionnaire)
    {
        var ordered = new Dictionary<string, Answer>(answers.Count, StringComparer.Ordinal);
        foreach (var question in questionnaire.Questions)
        {
            if (answers.TryGetValue(question.Id, out var answer))
            {
                ordered[question.Id] = answer;
            }
        }

        return ordered;
    }

    private static Dictionary<string, int> InBlockOrder(Dictionary<string, int> targets, Questionnaire questionnaire)
    {
        if (targets.Count == 0)
        {
            return targets;
        }

        var ordered = new Dictionary<string, int>(targets.Count, StringComparer.Ordinal);
        foreach (var block in questionnaire.Blocks)
        {
            if (targets.TryGetValue(block.BlockId, out var target))
            {
                ordered[block.BlockId] = target;
            }
        }

        return ordered;
    }

    /// <summary>JSON allows a key twice and keeps the last; for answers that would silently drop one, so it is an error.</summary>
    private static void RejectDuplicates(JsonElement element, string pointer, List<SubmissionError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject().Where(p => !seen.Add(p.Name)).DistinctBy(p => p.Name))
        {
            errors.Add(new SubmissionError(pointer + Pointer(property.Name), $"'{Truncate(property.Name)}' appears more than once"));
        }
    }

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";

    private static string? ReadString(JsonElement parent, string name, List<SubmissionError> errors, bool required)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new SubmissionError(Pointer(name), $"missing required property '{name}'"));
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new SubmissionError(Pointer(name), "expected a string"));
            return null;
        }

        return element.GetString();
    }

    private static Answer? ReadAnswer(JsonElement element, Question question, string pointer, ValidationMode mode, List<SubmissionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SubmissionError(pointer, "expected an answer object, e.g. {\"value\": …, \"explanation\": \"…\"}"));
            return null;
        }

        var before = errors.Count;
        if (!HasOnlyKnownPropertiesOnce(element))
        {
            RejectDuplicates(element, pointer, errors);
            foreach (var property in element.EnumerateObject().Where(p => !AnswerProperties.Contains(p.Name)))
            {
                errors.Add(new SubmissionError(pointer + Pointer(property.Name), $"unknown property '{Truncate(property.Name)}'"));
            }
        }

        var explanation = ReadText(element, "explanation", pointer, errors);
        var reason = ReadText(element, "reason", pointer, errors);
        var notApplicable = false;
        if (element.TryGetProperty("notApplicable", out var naElement))
        {
            if (naElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                notApplicable = naElement.GetBoolean();
            }
            else
            {
                errors.Add(new SubmissionError(pointer + "/notApplicable", "expected true or false"));
            }
        }

        AnswerValue? value = null;
        var hasValue = element.TryGetProperty("value", out var valueElement) && valueElement.ValueKind != JsonValueKind.Null;
        if (hasValue)
        {
            value = ReadValue(valueElement, question, pointer + "/value", errors);
        }

        if (notApplicable)
        {
            if (!question.NotApplicableAllowed)
            {
                errors.Add(new SubmissionError(pointer + "/notApplicable", $"'not applicable' is not allowed for question '{question.Id}'"));
            }
            else if (string.IsNullOrWhiteSpace(reason))
            {
                errors.Add(new SubmissionError(pointer + "/reason", "'not applicable' needs a reason"));
            }

            if (hasValue)
            {
                errors.Add(new SubmissionError(pointer + "/value", "give either a value or 'not applicable', not both"));
            }
        }
        else if (reason is not null)
        {
            errors.Add(new SubmissionError(pointer + "/reason", "a reason only goes with 'not applicable'"));
        }

        if (mode == ValidationMode.Final && hasValue && question.ExplanationRequired && string.IsNullOrWhiteSpace(explanation))
        {
            errors.Add(new SubmissionError(pointer + "/explanation", $"question '{question.Id}' needs an explanation"));
        }

        var evidence = ReadText(element, "evidence", pointer, errors);
        if (evidence is not null && question.Type != QuestionType.Level)
        {
            errors.Add(new SubmissionError(pointer + "/evidence", $"evidence goes with the level question of a block, not with question '{question.Id}'"));
        }
        else if (evidence is not null && string.IsNullOrWhiteSpace(evidence))
        {
            evidence = null;
        }

        PracticeNote? note = null;
        if (element.TryGetProperty("practiceNote", out var noteElement) && noteElement.ValueKind != JsonValueKind.Null)
        {
            note = ReadPracticeNote(noteElement, pointer + "/practiceNote", errors);
        }

        return errors.Count > before ? null : new Answer(value, notApplicable, reason, explanation, note) { Evidence = evidence?.Trim() };
    }

    private static PracticeNote? ReadPracticeNote(JsonElement element, string pointer, List<SubmissionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SubmissionError(pointer, "expected {\"text\": \"…\", \"contactRole\": \"…\"}"));
            return null;
        }

        RejectDuplicates(element, pointer, errors);
        foreach (var property in element.EnumerateObject().Where(p => p.Name is not ("text" or "contactRole")))
        {
            errors.Add(new SubmissionError(pointer + Pointer(property.Name), $"unknown property '{Truncate(property.Name)}'"));
        }

        var text = ReadText(element, "text", pointer, errors);
        var role = ReadText(element, "contactRole", pointer, errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new SubmissionError(pointer + "/text", "a practice note needs a text"));
            return null;
        }

        return new PracticeNote(text, role);
    }

    private static string? ReadText(JsonElement parent, string name, string pointer, List<SubmissionError> errors)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new SubmissionError($"{pointer}/{name}", "expected a string"));
            return null;
        }

        // A refused text is still returned, so that it does not also count as missing ("needs a reason"); the error
        // keeps the answer from being read. Its pointer is made only for an error: most texts pass.
        var text = TextOf(element);
        if ((text.Length > MaxTextLength || UnsafeText.Find(text) is not null) && CheckText(text, $"{pointer}/{name}") is { } error)
        {
            errors.Add(error);
        }

        return text;
    }

    /// <summary>
    /// A string value. An escaped lone surrogate ("\ud800"), which <see cref="JsonElement.GetString"/> refuses to turn into
    /// a string, is decoded here as it stands, so that <see cref="CheckText"/> refuses it with the value's own pointer.
    /// </summary>
    private static string TextOf(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return DecodeLiteral(element.GetRawText());
        }
    }

    /// <summary>Decodes a JSON string literal (quotes included) that the parser has already found well-formed.</summary>
    private static string DecodeLiteral(string literal)
    {
        var builder = new StringBuilder(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] != '\\')
            {
                builder.Append(literal[i]);
                continue;
            }

            i++;
            builder.Append(literal[i] switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => (char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                var escaped => escaped,
            });
            i += literal[i] == 'u' ? 4 : 0;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The rule every free text the service accepts follows, here and in comments, notes and labels elsewhere: at most
    /// <see cref="MaxTextLength"/> characters, and none that <see cref="UnsafeText"/> refuses.
    /// </summary>
    public static SubmissionError? CheckText(string? text, string pointer)
    {
        if (text is { Length: > MaxTextLength })
        {
            return new SubmissionError(pointer, $"text of {text.Length} characters is longer than the {MaxTextLength} allowed");
        }

        return UnsafeText.Problem(text) is { } problem ? new SubmissionError(pointer, problem) : null;
    }

    private static readonly string[] AnswerPropertyNames = ["value", "notApplicable", "reason", "explanation", "practiceNote", "evidence"];

    private static readonly HashSet<string> AnswerProperties = new(AnswerPropertyNames, StringComparer.Ordinal);

    private static readonly byte[][] AnswerPropertyNamesUtf8 = [.. AnswerPropertyNames.Select(Encoding.UTF8.GetBytes)];

    /// <summary>
    /// Whether an answer object has only properties an answer has, each once: the answer of nearly every request. It
    /// compares the names as UTF-8 where they stand, so the usual answer costs no string per name; only an answer that
    /// fails it is looked at name by name, for the errors.
    /// </summary>
    private static bool HasOnlyKnownPropertiesOnce(JsonElement element)
    {
        var seen = 0;
        foreach (var property in element.EnumerateObject())
        {
            var index = 0;
            while (index < AnswerPropertyNamesUtf8.Length && !property.NameEquals(AnswerPropertyNamesUtf8[index]))
            {
                index++;
            }

            if (index == AnswerPropertyNamesUtf8.Length || (seen & (1 << index)) != 0)
            {
                return false;
            }

            seen |= 1 << index;
        }

        return true;
    }

    private static AnswerValue? ReadValue(JsonElement element, Question question, string pointer, List<SubmissionError> errors)
    {
        switch (question.Type)
        {
            case QuestionType.Level:
                if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var level) && level is >= MaturityModel.LowestLevel and <= MaturityModel.HighestLevel)
                {
                    return new LevelValue(level);
                }

                errors.Add(new SubmissionError(pointer, "expected a level, a whole number from 1 to 5"));
                return null;

            case QuestionType.YesNo:
                if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    return new YesNoValue(element.GetBoolean());
                }

                errors.Add(new SubmissionError(pointer, "expected true (yes) or false (no)"));
                return null;

            case QuestionType.Single:
                if (element.ValueKind == JsonValueKind.String && question.Option(element.GetString()!) is { } option)
                {
                    return new ChoiceValue(option.Id);
                }

                errors.Add(new SubmissionError(pointer, $"expected one of the options: {string.Join(", ", question.Options.Select(o => o.Id))}"));
                return null;

            case QuestionType.Multi:
                return ReadMulti(element, question, pointer, errors);

            case QuestionType.Number:
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var number))
                {
                    errors.Add(new SubmissionError(pointer, "expected a number"));
                    return null;
                }

                if (question.IntegerOnly && number != decimal.Truncate(number))
                {
                    errors.Add(new SubmissionError(pointer, $"expected a whole number, found {number.ToString(CultureInfo.InvariantCulture)}"));
                    return null;
                }

                if ((question.Min is { } min && number < min) || (question.Max is { } max && number > max))
                {
                    errors.Add(new SubmissionError(pointer, $"{number.ToString(CultureInfo.InvariantCulture)} is outside the allowed range {Range(question)}"));
                    return null;
                }

                return new NumberValue(number);

            case QuestionType.Text:
                if (element.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new SubmissionError(pointer, "expected a string"));
                    return null;
                }

                var text = TextOf(element);
                if (CheckText(text, pointer) is { } error)
                {
                    errors.Add(error);
                    return null;
                }

                return new TextValue(text);

            default:
                throw new InvalidOperationException($"Unhandled question type {question.Type}.");
        }
    }

    private static string Range(Question question) =>
        $"{question.Min?.ToString(CultureInfo.InvariantCulture) ?? "…"} to {question.Max?.ToString(CultureInfo.InvariantCulture) ?? "…"}";

    private static MultiChoiceValue? ReadMulti(JsonElement element, Question question, string pointer, List<SubmissionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new SubmissionError(pointer, $"expected a list of options from: {string.Join(", ", question.Options.Select(o => o.Id))}"));
            return null;
        }

        var chosen = new List<string>();
        var index = 0;
        var ok = true;
        foreach (var item in element.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (id is null || question.Option(id) is null)
            {
                errors.Add(new SubmissionError($"{pointer}/{index}", $"expected one of the options: {string.Join(", ", question.Options.Select(o => o.Id))}"));
                ok = false;
            }
            else if (chosen.Contains(id))
            {
                errors.Add(new SubmissionError($"{pointer}/{index}", $"option '{id}' is chosen twice"));
                ok = false;
            }
            else
            {
                chosen.Add(id);
            }

            index++;
        }

        var exclusive = chosen.Where(id => question.Option(id)!.Exclusive).ToList();
        if (exclusive.Count > 0 && chosen.Count > 1)
        {
            errors.Add(new SubmissionError(pointer, $"option '{exclusive[0]}' cannot be combined with other options"));
            ok = false;
        }

        // Keep the questionnaire's order so equal choices are equal values.
        return ok ? new MultiChoiceValue(question.Options.Select(o => o.Id).Where(chosen.Contains).ToList()) : null;
    }

    /// <summary>
    /// The canonical form of each submission written, kept as long as the submission itself lives. A save needs it
    /// three or four times (to compare with the stored draft, to store, to answer); a <see cref="Submission"/> does not
    /// change once made, so the first form written is the form every time.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Submission, Canonical> Written = [];

    /// <summary>The canonical form as written (UTF-8: what is compressed, compared and answered); the text only when asked for.</summary>
    private sealed class Canonical(Questionnaire questionnaire, byte[] utf8)
    {
        private string? _json;

        public Questionnaire Questionnaire { get; } = questionnaire;

        public byte[] Utf8 { get; } = utf8;

        // Two threads may both decode it; either string is the same text.
        public string Json => _json ??= Encoding.UTF8.GetString(Utf8);
    }

    /// <summary>Writes a submission in the canonical form: properties in a fixed order, answers in questionnaire order.</summary>
    public static string Write(Submission submission, Questionnaire questionnaire) => CanonicalOf(submission, questionnaire).Json;

    /// <summary>
    /// The canonical form of <see cref="Write"/> as UTF-8, for storing, comparing and answering without decoding it into
    /// a string and encoding it back. Not to be changed: it is the form kept for the submission.
    /// </summary>
    public static ReadOnlyMemory<byte> WriteUtf8(Submission submission, Questionnaire questionnaire) => CanonicalOf(submission, questionnaire).Utf8;

    private static Canonical CanonicalOf(Submission submission, Questionnaire questionnaire)
    {
        if (Written.TryGetValue(submission, out var known) && ReferenceEquals(known.Questionnaire, questionnaire))
        {
            return known;
        }

        var canonical = new Canonical(questionnaire, WriteNew(submission, questionnaire));
        Written.AddOrUpdate(submission, canonical);
        return canonical;
    }

    private static byte[] WriteNew(Submission submission, Questionnaire questionnaire)
    {
        // Written into one growing buffer, trailing line break included, and copied out once at its exact length.
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("municipality", submission.Municipality);
            writer.WriteNumber("cycle", submission.Cycle);
            writer.WriteString("questionnaire", submission.QuestionnaireVersion);
            writer.WriteBoolean("consentToBeNamed", submission.ConsentToBeNamed);
            writer.WriteStartObject("answers");
            foreach (var question in questionnaire.Questions)
            {
                if (submission.Answers.TryGetValue(question.Id, out var answer))
                {
                    writer.WritePropertyName(question.Id);
                    WriteAnswer(writer, answer);
                }
            }

            writer.WriteEndObject();
            writer.WriteStartObject("targets");
            foreach (var block in questionnaire.Blocks)
            {
                if (submission.Targets.TryGetValue(block.BlockId, out var target))
                {
                    writer.WriteNumber(block.BlockId, target);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAnswer(Utf8JsonWriter writer, Answer answer)
    {
        writer.WriteStartObject();
        switch (answer.Value)
        {
            case LevelValue level:
                writer.WriteNumber("value", level.Level);
                break;
            case YesNoValue yesNo:
                writer.WriteBoolean("value", yesNo.Yes);
                break;
            case ChoiceValue choice:
                writer.WriteString("value", choice.OptionId);
                break;
            case MultiChoiceValue multi:
                writer.WriteStartArray("value");
                foreach (var id in multi.OptionIds)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
                break;
            case NumberValue number:
                writer.WriteNumber("value", number.Number);
                break;
            case TextValue text:
                writer.WriteString("value", text.Text);
                break;
            case null:
                break;
        }

        if (answer.NotApplicable)
        {
            writer.WriteBoolean("notApplicable", true);
            writer.WriteString("reason", answer.Reason);
        }

        if (answer.Explanation is not null)
        {
            writer.WriteString("explanation", answer.Explanation);
        }

        if (answer.Evidence is not null)
        {
            writer.WriteString("evidence", answer.Evidence);
        }

        if (answer.PracticeNote is { } note)
        {
            writer.WriteStartObject("practiceNote");
            writer.WriteString("text", note.Text);
            if (note.ContactRole is not null)
            {
                writer.WriteString("contactRole", note.ContactRole);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
