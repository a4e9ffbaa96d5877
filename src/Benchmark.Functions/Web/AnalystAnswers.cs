using System.Globalization;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;

namespace Benchmark.Functions.Web;

/// <summary>Answers as a person reads them: the level with its name, the option's label, yes or no.</summary>
public static class AnalystAnswers
{
    public static string Describe(Question question, Answer? answer, MaturityModel model, WebText text)
    {
        if (answer is null || !answer.IsAnswered)
        {
            return text.Say("Niet beantwoord", "Not answered");
        }

        if (answer.NotApplicable)
        {
            return text.Say("Niet van toepassing", "Not applicable");
        }

        return answer.Value switch
        {
            LevelValue level => text.Say("Niveau ", "Level ") + level.Level.ToString(CultureInfo.InvariantCulture)
                                + (model.Levels.FirstOrDefault(l => l.Level == level.Level) is { } meaning ? ": " + text.Say(meaning.Name) : ""),
            YesNoValue yesNo => yesNo.Yes ? text.Say("Ja", "Yes") : text.Say("Nee", "No"),
            ChoiceValue choice => Label(question, choice.OptionId, text),
            MultiChoiceValue multi => multi.OptionIds.Count == 0 ? text.Say("Geen", "None") : string.Join("; ", multi.OptionIds.Select(o => Label(question, o, text))),
            NumberValue number => Numbers.Format(number.Number, number.Number == decimal.Truncate(number.Number) ? 0 : 2, text.Language) + (question.Unit is { } unit ? " " + text.Say(unit) : ""),
            TextValue t => t.Text,
            _ => answer.Value?.ToString() ?? "",
        };
    }

    private static string Label(Question question, string optionId, WebText text) =>
        question.Option(optionId) is { } option ? text.Say(option.Label) : optionId;
}
