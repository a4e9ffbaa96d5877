using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>
/// The analysts' start page: every cycle with its counts, and cycle management (open, move the deadline, close).
/// The page reads the form and words the answer; the rules are <see cref="CycleService"/>'s, the same as the API's.
/// </summary>
public sealed class IndexModel(CycleService service, ReviewService reviews, QuestionnaireCatalog catalog, TimeProvider time, WebText text) : PageModel
{
    /// <summary>Newest first.</summary>
    public IReadOnlyList<ReviewCycle> Cycles { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<string> Versions => catalog.Questionnaires.Select(q => q.Version).ToList();

    /// <summary>What was typed into the form that failed, to show it again.</summary>
    public Dictionary<string, string?> Entered { get; } = new(StringComparer.Ordinal);

    public string? Done { get; private set; }

    public int SuggestedYear { get; private set; }

    public async Task OnGetAsync(string? klaar, int? jaar, CancellationToken cancellationToken)
    {
        Done = klaar switch
        {
            "geopend" => text.Say($"Ronde {jaar} is geopend.", $"Round {jaar} is open."),
            "deadline" => text.Say($"De deadline van ronde {jaar} is verplaatst.", $"The deadline of round {jaar} was moved."),
            "gesloten" => text.Say($"Ronde {jaar} is gesloten.", $"Round {jaar} is closed."),
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostOpenAsync(string? jaar, string? datum, string? tijd, string? vragenlijst, CancellationToken cancellationToken)
    {
        Entered["jaar"] = jaar;
        Entered["datum"] = datum;
        Entered["tijd"] = tijd;
        Entered["vragenlijst"] = vragenlijst;
        int year = 0;
        if (string.IsNullOrWhiteSpace(jaar))
        {
            Errors.Add("jaar", text.Say("Vul het jaar van de ronde in.", "Enter the year of the round."));
        }
        else if (!int.TryParse(jaar.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            Errors.Add("jaar", text.Say("Vul een jaar in van 2000 tot en met 2100.", "Enter a year from 2000 to 2100."));
        }

        var (deadline, deadlineError, onTime) = AnalystDeadline.Parse(datum, tijd, time.GetUtcNow(), text);
        if (deadlineError is not null)
        {
            Errors.Add(onTime ? "tijd" : "datum", deadlineError);
        }

        var questionnaire = string.IsNullOrWhiteSpace(vragenlijst) ? null : vragenlijst;
        if (!Errors.Any)
        {
            var outcome = await service.OpenAsync(User.Actor().KeyId, new OpenCycle(year, deadline!.Value, questionnaire), cancellationToken);
            if (outcome.Refusal is null)
            {
                return Redirect($"/analist?klaar=geopend&jaar={year}");
            }

            Refused(outcome.Refusal, year, yearField: "jaar", deadlineField: "datum", questionnaireField: "vragenlijst");
        }
        else if (Errors.For("jaar") is null && await service.CheckNewCycleAsync(year, questionnaire, cancellationToken) is { } refused)
        {
            // The form names every problem at once: the year's too, though the deadline could not be read.
            Refused(refused, year, yearField: "jaar", deadlineField: "datum", questionnaireField: "vragenlijst");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeadlineAsync(int jaar, string? datum, string? tijd, CancellationToken cancellationToken)
    {
        if ((await service.GetAsync(jaar, cancellationToken)).Failed)
        {
            return NotFound();
        }

        Entered[$"datum-{jaar}"] = datum;
        Entered[$"tijd-{jaar}"] = tijd;
        var (deadline, error, onTime) = AnalystDeadline.Parse(datum, tijd, time.GetUtcNow(), text);
        var outcome = error is null ? await service.SetDeadlineAsync(User.Actor().KeyId, new SetCycleDeadline(jaar, deadline!.Value), cancellationToken) : null;
        if (outcome is { Refusal: null })
        {
            return Redirect($"/analist?klaar=deadline&jaar={jaar}");
        }

        // A closed cycle is refused whatever was typed: say that, not that the date was wrong.
        if ((outcome?.Refusal ?? await service.CheckDeadlineMayMoveAsync(jaar, cancellationToken)) is { } refusal)
        {
            Refused(refusal, jaar, yearField: $"datum-{jaar}", deadlineField: $"datum-{jaar}", questionnaireField: $"datum-{jaar}");
        }
        else
        {
            Errors.Add(onTime ? $"tijd-{jaar}" : $"datum-{jaar}", error!);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int jaar, bool bevestigd, CancellationToken cancellationToken)
    {
        if ((await service.GetAsync(jaar, cancellationToken)).Failed)
        {
            return NotFound();
        }

        if (!bevestigd)
        {
            Errors.Add($"bevestig-{jaar}", text.Say($"Vink aan dat u ronde {jaar} wilt sluiten.", $"Tick the box to confirm you want to close round {jaar}."));
            await LoadAsync(cancellationToken);
            return Page();
        }

        var outcome = await service.CloseAsync(User.Actor().KeyId, new CloseCycle(jaar), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            Refused(refusal, jaar, $"bevestig-{jaar}", $"bevestig-{jaar}", $"bevestig-{jaar}");
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect($"/analist?klaar=gesloten&jaar={jaar}");
    }

    /// <summary>The service's refusal in the analyst's words, at the field it concerns.</summary>
    private void Refused(Refusal refusal, int year, string yearField, string deadlineField, string questionnaireField)
    {
        switch (refusal.Code)
        {
            case CycleRefusals.InvalidYear:
                Errors.Add(yearField, text.Say("Vul een jaar in van 2000 tot en met 2100.", "Enter a year from 2000 to 2100."));
                break;
            case CycleRefusals.Exists:
                Errors.Add(yearField, text.Say($"Ronde {year} bestaat al. Verplaats daar de deadline.", $"Round {year} already exists. Move its deadline there."));
                break;
            case CycleRefusals.Closed:
                Errors.Add(deadlineField, text.Say($"Ronde {year} is gesloten; de deadline verandert niet meer.", $"Round {year} is closed; its deadline no longer changes."));
                break;
            case CycleRefusals.DeadlinePassed:
                Errors.Add(deadlineField, text.Say("De deadline ligt in het verleden. Kies een moment na nu; sluit de ronde als die moet eindigen.", "The deadline is in the past. Choose a moment after now; close the round if it must end."));
                break;
            case CycleRefusals.UnknownQuestionnaire or CycleRefusals.QuestionnaireFixed:
                Errors.Add(questionnaireField, text.Say("Kies een vragenlijst.", "Choose a questionnaire."));
                break;
            default:
                Errors.Add(yearField, refusal.Detail);
                break;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The page's role policy lets only analysts in, as the service's rule does; anyone else would see no cycles.
        var cycles = await reviews.CyclesAsync(User.Actor(), cancellationToken);
        Cycles = cycles.Failed ? [] : cycles.Value.OrderByDescending(c => c.Cycle.Year).ToList();
        SuggestedYear = Cycles.Count == 0 ? time.GetUtcNow().Year : Cycles.Max(c => c.Cycle.Year) + 1;
    }
}
