using System.Globalization;
using System.Text;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;

namespace Benchmark.Functions.Web;

/// <summary>
/// The ids and names of the questionnaire's form fields. Question ids contain dots, which a #fragment link and a CSS
/// selector read differently, so every character other than a letter, digit, '-' or '_' becomes '-'.
/// </summary>
public static class QuestionnaireFields
{
    public const string Consent = "toestemming";
    public const string Version = "versie";

    public static string Safe(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return builder.ToString();
    }

    /// <summary>The name of a question's value; also the id of a number or text field.</summary>
    public static string Value(Question question) => "q-" + Safe(question.Id);

    /// <summary>The id of the field the error summary links to: the first option of a choice, or the text field itself.</summary>
    public static string Focus(Question question) => question.Type is QuestionType.Number or QuestionType.Text ? Value(question) : Option(question, 1);

    /// <summary>The id of the n-th option (1-based) of a choice question; yes is 1, no is 2.</summary>
    public static string Option(Question question, int number) => Value(question) + "-" + number.ToString(CultureInfo.InvariantCulture);

    public static string Explanation(Question question) => Value(question) + "-toelichting";

    public static string NotApplicable(Question question) => Value(question) + "-nvt";

    /// <summary>The evidence field of a level question (a link or a document reference).</summary>
    public static string Evidence(Question question) => Value(question) + "-bewijs";

    public static string Reason(Question question) => Value(question) + "-reden";

    public static string Block(string blockId) => "b-" + Safe(blockId);

    public static string Note(string blockId) => Block(blockId) + "-praktijk";

    public static string NoteRole(string blockId) => Block(blockId) + "-praktijk-rol";

    public static string Error(string fieldId) => fieldId + "-fout";

    public static string Help(Question question) => Value(question) + "-hulp";

    public const string Yes = "ja";
    public const string No = "nee";
}

/// <summary>What a form shows: the posted values, or the stored answers written as form values.</summary>
public sealed class QuestionnaireFormState
{
    private readonly Dictionary<string, IReadOnlyList<string>> _values = new(StringComparer.Ordinal);

    public static QuestionnaireFormState From(IFormCollection form)
    {
        var state = new QuestionnaireFormState();
        foreach (var (name, values) in form)
        {
            state._values[name] = values.Where(v => v is not null).Select(v => v!).ToList();
        }

        return state;
    }

    public void Set(string name, params string[] values) => _values[name] = values;

    public string Get(string name) => _values.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : "";

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var values) ? values : [];

    public bool Has(string name, string value) => All(name).Contains(value, StringComparer.Ordinal);
}

/// <summary>The answers read from one questionnaire page, or the localized problems that kept them from being read.</summary>
public sealed record QuestionnaireFormResult(IReadOnlyDictionary<string, Answer?> Answers, bool ConsentToBeNamed, FormErrors Errors);

/// <summary>
/// Turns the posted fields of one page of the questionnaire (the blocks of one domain) into answers, and answers back
/// into fields. Every problem is named in the visitor's language next to the field it belongs to.
/// </summary>
public static class QuestionnaireForm
{
    public static QuestionnaireFormState ToState(IEnumerable<QuestionnaireBlock> blocks, Submission? submission)
    {
        var state = new QuestionnaireFormState();
        if (submission is null)
        {
            return state;
        }

        if (submission.ConsentToBeNamed)
        {
            state.Set(QuestionnaireFields.Consent, "ja");
        }

        foreach (var block in blocks)
        {
            foreach (var question in block.Questions)
            {
                if (submission.AnswerTo(question.Id) is not { } answer)
                {
                    continue;
                }

                var name = QuestionnaireFields.Value(question);
                switch (answer.Value)
                {
                    case LevelValue level:
                        state.Set(name, level.Level.ToString(CultureInfo.InvariantCulture));
                        break;
                    case YesNoValue yesNo:
                        state.Set(name, yesNo.Yes ? QuestionnaireFields.Yes : QuestionnaireFields.No);
                        break;
                    case ChoiceValue choice:
                        state.Set(name, choice.OptionId);
                        break;
                    case MultiChoiceValue multi:
                        state.Set(name, [.. multi.OptionIds]);
                        break;
                    case NumberValue number:
                        state.Set(name, number.Number.ToString(CultureInfo.InvariantCulture));
                        break;
                    case TextValue text:
                        state.Set(name, text.Text);
                        break;
                }

                if (answer.NotApplicable)
                {
                    state.Set(QuestionnaireFields.NotApplicable(question), "ja");
                    state.Set(QuestionnaireFields.Reason(question), answer.Reason ?? "");
                }

                if (answer.Explanation is not null)
                {
                    state.Set(QuestionnaireFields.Explanation(question), answer.Explanation);
                }

                if (answer.Evidence is not null)
                {
                    state.Set(QuestionnaireFields.Evidence(question), answer.Evidence);
                }

                if (question.Type == QuestionType.Level && answer.PracticeNote is { } note)
                {
                    state.Set(QuestionnaireFields.Note(block.BlockId), note.Text);
                    state.Set(QuestionnaireFields.NoteRole(block.BlockId), note.ContactRole ?? "");
                }
            }
        }

        return state;
    }

    /// <summary>Reads the answers of <paramref name="blocks"/>; a question left empty reads as no answer (null).</summary>
    public static QuestionnaireFormResult Read(QuestionnaireFormState form, IReadOnlyList<QuestionnaireBlock> blocks, WebText text)
    {
        var errors = new FormErrors();
        var answers = new Dictionary<string, Answer?>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            var note = ReadNote(form, block.BlockId, text, errors);
            foreach (var question in block.Questions)
            {
                answers[question.Id] = ReadAnswer(form, question, question.Type == QuestionType.Level ? note : null, text, errors);
            }
        }

        return new QuestionnaireFormResult(answers, form.Get(QuestionnaireFields.Consent) == "ja", errors);
    }

    /// <summary>The stored answers with this page's answers in place of the stored ones of the same questions; other pages' answers stay.</summary>
    public static Submission Merge(Submission? stored, string municipality, int cycle, string questionnaireVersion, QuestionnaireFormResult page)
    {
        var answers = new Dictionary<string, Answer>(stored?.Answers ?? new Dictionary<string, Answer>(), StringComparer.Ordinal);
        foreach (var (id, answer) in page.Answers)
        {
            if (answer is null)
            {
                answers.Remove(id);
            }
            else
            {
                answers[id] = answer;
            }
        }

        return new Submission(municipality, cycle, questionnaireVersion, page.ConsentToBeNamed, answers, stored?.Targets ?? new Dictionary<string, int>());
    }

    /// <summary>Whether two answers say the same (for showing where a colleague's saved version differs).</summary>
    public static bool Same(Answer? a, Answer? b)
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return Equals(a.Value, b.Value) && a.NotApplicable == b.NotApplicable && Blank(a.Reason) == Blank(b.Reason)
               && Blank(a.Explanation) == Blank(b.Explanation) && Blank(a.Evidence) == Blank(b.Evidence) && Equals(a.PracticeNote, b.PracticeNote);
    }

    /// <summary>An answer's value in words, for read-only pages and for a colleague's version.</summary>
    public static string Describe(Question question, Answer? answer, MaturityModel model, WebText text)
    {
        if (answer is null || !answer.IsAnswered)
        {
            return text.Say("Niet beantwoord", "Not answered");
        }

        if (answer.NotApplicable)
        {
            return text.Say("Niet van toepassing: ", "Not applicable: ") + answer.Reason;
        }

        return answer.Value switch
        {
            LevelValue level => text.Say($"Niveau {level.Level}: ", $"Level {level.Level}: ") + text.Say(model.Levels.FirstOrDefault(l => l.Level == level.Level)?.Name ?? new LocalizedText("", "")),
            YesNoValue yesNo => yesNo.Yes ? text.Say("Ja", "Yes") : text.Say("Nee", "No"),
            ChoiceValue choice => question.Option(choice.OptionId) is { } option ? text.Say(option.Label) : choice.OptionId,
            MultiChoiceValue multi => multi.OptionIds.Count == 0 ? text.Say("Geen keuze", "None chosen") : string.Join("; ", multi.OptionIds.Select(id => question.Option(id) is { } o ? text.Say(o.Label) : id)),
            NumberValue number => number.Number.ToString("G", text.Culture) + (question.Unit is { } unit ? " " + text.Say(unit) : ""),
            TextValue value => value.Text,
            _ => "",
        };
    }

    private static PracticeNote? ReadNote(QuestionnaireFormState form, string blockId, WebText text, FormErrors errors)
    {
        var noteText = form.Get(QuestionnaireFields.Note(blockId)).Trim();
        var role = form.Get(QuestionnaireFields.NoteRole(blockId)).Trim();
        if (errors.AddIfRefused(QuestionnaireFields.Note(blockId), noteText, text) | errors.AddIfRefused(QuestionnaireFields.NoteRole(blockId), role, text))
        {
            return null;
        }

        if (noteText.Length == 0)
        {
            if (role.Length > 0)
            {
                errors.Add(QuestionnaireFields.Note(blockId), text.Say("Beschrijf de goede praktijk, of maak ook de contactpersoon leeg.", "Describe the good practice, or also clear the contact."));
            }

            return null;
        }

        return new PracticeNote(noteText, role.Length == 0 ? null : role);
    }

    private static Answer? ReadAnswer(QuestionnaireFormState form, Question question, PracticeNote? note, WebText text, FormErrors errors)
    {
        var before = errors.All.Count;
        var value = ReadValue(form, question, text, errors);
        var explanation = form.Get(QuestionnaireFields.Explanation(question)).Trim();
        errors.AddIfRefused(QuestionnaireFields.Explanation(question), explanation, text);
        var evidence = question.Type == QuestionType.Level ? form.Get(QuestionnaireFields.Evidence(question)).Trim() : "";
        errors.AddIfRefused(QuestionnaireFields.Evidence(question), evidence, text);
        var notApplicable = question.NotApplicableAllowed && form.Get(QuestionnaireFields.NotApplicable(question)) == "ja";
        var reason = form.Get(QuestionnaireFields.Reason(question)).Trim();
        if (notApplicable)
        {
            if (value is not null || HasRawValue(form, question))
            {
                errors.Add(QuestionnaireFields.Focus(question), text.Say(
                    $"Geef bij ‘{Short(question, text)}’ een antwoord óf kies ‘niet van toepassing’, niet allebei.",
                    $"For ‘{Short(question, text)}’, give an answer or choose ‘not applicable’, not both."));
            }

            if (reason.Length == 0)
            {
                errors.Add(QuestionnaireFields.Reason(question), text.Say(
                    $"Geef de reden waarom ‘{Short(question, text)}’ niet van toepassing is.",
                    $"Give the reason why ‘{Short(question, text)}’ does not apply."));
            }

            errors.AddIfRefused(QuestionnaireFields.Reason(question), reason, text);
        }

        if (errors.All.Count > before)
        {
            return null;
        }

        if (value is null && !notApplicable && explanation.Length == 0 && evidence.Length == 0 && note is null)
        {
            return null;
        }

        return new Answer(notApplicable ? null : value, notApplicable, notApplicable ? reason : null, explanation.Length == 0 ? null : explanation, note)
        {
            Evidence = evidence.Length == 0 ? null : evidence,
        };
    }

    private static bool HasRawValue(QuestionnaireFormState form, Question question) =>
        form.All(QuestionnaireFields.Value(question)).Any(v => !string.IsNullOrWhiteSpace(v));

    private static AnswerValue? ReadValue(QuestionnaireFormState form, Question question, WebText text, FormErrors errors)
    {
        var name = QuestionnaireFields.Value(question);
        var raw = form.Get(name).Trim();
        var field = QuestionnaireFields.Focus(question);
        var what = Short(question, text);
        switch (question.Type)
        {
            case QuestionType.Level:
                if (raw.Length == 0)
                {
                    return null;
                }

                if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= MaturityModel.LowestLevel and <= MaturityModel.HighestLevel)
                {
                    return new LevelValue(level);
                }

                errors.Add(field, text.Say($"Kies bij ‘{what}’ een niveau van 1 tot en met 5.", $"For ‘{what}’, choose a level from 1 to 5."));
                return null;

            case QuestionType.YesNo:
                return raw switch
                {
                    "" => null,
                    QuestionnaireFields.Yes => new YesNoValue(true),
                    QuestionnaireFields.No => new YesNoValue(false),
                    _ => Invalid(),
                };

            case QuestionType.Single:
                if (raw.Length == 0)
                {
                    return null;
                }

                return question.Option(raw) is { } option ? new ChoiceValue(option.Id) : Invalid();

            case QuestionType.Multi:
                var chosen = form.All(name).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                if (chosen.Count == 0)
                {
                    return null;
                }

                if (chosen.Any(id => question.Option(id) is null))
                {
                    return Invalid();
                }

                var exclusive = chosen.Select(id => question.Option(id)!).FirstOrDefault(o => o.Exclusive);
                if (exclusive is not null && chosen.Count > 1)
                {
                    errors.Add(field, text.Say(
                        $"‘{text.Say(exclusive.Label)}’ gaat bij ‘{what}’ niet samen met andere keuzes.",
                        $"‘{text.Say(exclusive.Label)}’ cannot be combined with other choices for ‘{what}’."));
                    return null;
                }

                return new MultiChoiceValue(question.Options.Select(o => o.Id).Where(chosen.Contains).ToList());

            case QuestionType.Number:
                if (raw.Length == 0)
                {
                    return null;
                }

                if (!TryParseNumber(raw, out var number))
                {
                    errors.Add(field, text.Say($"Vul bij ‘{what}’ een getal in, zoals 12 of 12,5.", $"For ‘{what}’, enter a number, such as 12 or 12.5."));
                    return null;
                }

                if (question.IntegerOnly && number != decimal.Truncate(number))
                {
                    errors.Add(field, text.Say($"Vul bij ‘{what}’ een heel getal in.", $"For ‘{what}’, enter a whole number."));
                    return null;
                }

                if ((question.Min is { } min && number < min) || (question.Max is { } max && number > max))
                {
                    errors.Add(field, text.Say($"Vul bij ‘{what}’ een getal {RangeNl(question, text)} in.", $"For ‘{what}’, enter a number {RangeEn(question, text)}."));
                    return null;
                }

                return new NumberValue(number);

            case QuestionType.Text:
                if (raw.Length == 0)
                {
                    return null;
                }

                return errors.AddIfRefused(field, raw, text) ? null : new TextValue(raw);

            default:
                throw new InvalidOperationException($"Unhandled question type {question.Type}.");
        }

        AnswerValue? Invalid()
        {
            errors.Add(field, text.Say($"Kies bij ‘{what}’ een van de gegeven antwoorden.", $"For ‘{what}’, choose one of the given answers."));
            return null;
        }
    }

    /// <summary>Accepts a Dutch decimal comma as well as a point; no thousands separators, so 1.000 is never read as one thousand by mistake.</summary>
    public static bool TryParseNumber(string raw, out decimal number)
    {
        var normalized = raw.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (normalized.Contains(',', StringComparison.Ordinal))
        {
            if (normalized.Contains('.', StringComparison.Ordinal) || normalized.Count(c => c == ',') > 1)
            {
                number = 0;
                return false;
            }

            normalized = normalized.Replace(',', '.');
        }

        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static string RangeNl(Question question, WebText text) => (question.Min, question.Max) switch
    {
        ({ } min, { } max) => $"van {text.Number(min, 0)} tot en met {text.Number(max, 0)}",
        ({ } min, null) => $"van minstens {text.Number(min, 0)}",
        (null, { } max) => $"van hoogstens {text.Number(max, 0)}",
        _ => "",
    };

    private static string RangeEn(Question question, WebText text) => (question.Min, question.Max) switch
    {
        ({ } min, { } max) => $"from {text.Number(min, 0)} to {text.Number(max, 0)}",
        ({ } min, null) => $"of at least {text.Number(min, 0)}",
        (null, { } max) => $"of at most {text.Number(max, 0)}",
        _ => "",
    };

    /// <summary>The question's text, shortened for an error message.</summary>
    public static string Short(Question question, WebText text)
    {
        var full = text.Say(question.Text);
        return full.Length <= 70 ? full : full[..67].TrimEnd() + "…";
    }
}
