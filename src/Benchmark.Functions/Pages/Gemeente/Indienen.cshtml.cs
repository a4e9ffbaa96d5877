using Benchmark.Core.Application;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Gemeente;

/// <summary>Checking the answers and submitting them, after an explicit confirmation.</summary>
public sealed class IndienenModel(SubmissionService service, WebText text) : PageModel
{
    /// <summary>A problem that blocks submitting, with a link to the field on its domain page.</summary>
    public sealed record Blocker(string Url, string Message);

    public MunicipalityRound Round { get; private set; } = null!;

    public IReadOnlyList<Blocker> Blockers { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, string? bevestig, int versie)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }

        // A council's pages only read, so a form it posts anyway is a refused write: kept in the municipality's trail; the page answers as for any read-only round.
        await service.RefuseWriteAsync(Round.Actor, year, Round.Municipality, "submit on the submit page", HttpContext.RequestAborted);

        if (Round.ReadOnly || Round.Stored is null || Blockers.Count > 0)
        {
            return Page();
        }

        if (bevestig != "ja")
        {
            Errors.Add("bevestig", text.Say("Bevestig dat de antwoorden kloppen en ingediend mogen worden.", "Confirm that the answers are correct and may be submitted."));
            return Page();
        }

        var outcome = await service.SubmitAsync(Round.Actor, new SubmitAnswers(year, Round.Municipality, null, versie > 0 ? versie : null), HttpContext.RequestAborted);
        if (outcome.Refusal is { } refusal)
        {
            if (refusal.Kind == RefusalKind.Forbidden)
            {
                return Forbid();
            }

            await LoadAsync(year);
            Problem = refusal.Kind is RefusalKind.Stale or RefusalKind.PreconditionRequired
                ? text.Say("Niet ingediend: een collega heeft intussen een nieuwere versie opgeslagen. Controleer de antwoorden en dien opnieuw in.", "Not submitted: a colleague has saved a newer version in the meantime. Check the answers and submit again.")
                : text.Say("Niet ingediend: de antwoorden kunnen nu niet worden ingediend. ", "Not submitted: the answers cannot be submitted now. ") + (Round.ReadOnlyReason is { } reason ? text.Say(reason) : "");
            return Page();
        }

        return LocalRedirect($"/gemeente/{year}?ingediend=true");
    }

    private async Task<bool> LoadAsync(int year)
    {
        var round = await MunicipalityRound.LoadAsync(User, year, service, HttpContext.RequestAborted);
        if (round is null)
        {
            return false;
        }

        Round = round;
        Blockers = round.Submission is not { } saved || round.ReadOnly ? [] : FinalProblems(round, saved);
        return true;
    }

    /// <summary>What the final check finds (missing explanations, mostly), in the visitor's language, each linking to its field.</summary>
    private List<Blocker> FinalProblems(MunicipalityRound round, Submission saved)
    {
        var blockers = new List<Blocker>();
        foreach (var error in service.CheckSubmittable(round.Cycle, round.Municipality, saved)?.Errors ?? [])
        {
            var parts = error.Pointer.Split('/');
            var question = parts.Length >= 3 && parts[1] == "answers" ? round.Questionnaire.QuestionsById.GetValueOrDefault(parts[2].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)) : null;
            if (question is null)
            {
                blockers.Add(new Blocker(round.Url, text.Say("De antwoorden kloppen nog niet; neem contact op met de analisten.", "The answers are not yet valid; contact the analysts.")));
                continue;
            }

            var domain = round.Model.BlocksById[question.BlockId].DomainId;
            var member = parts.Length >= 4 ? parts[3] : null;
            var field = member switch
            {
                "explanation" => QuestionnaireFields.Explanation(question),
                "evidence" => QuestionnaireFields.Evidence(question),
                _ => QuestionnaireFields.Focus(question),
            };
            var name = QuestionnaireForm.Short(question, text);
            var message = member switch
            {
                "explanation" => text.Say($"Geef een toelichting bij ‘{name}’.", $"Give an explanation for ‘{name}’."),
                "evidence" => text.Say($"Geef bewijs (een link of documentverwijzing) bij ‘{name}’.", $"Give evidence (a link or document reference) for ‘{name}’."),
                null when error.Message.StartsWith("required", StringComparison.Ordinal) => text.Say($"Beantwoord ‘{name}’, of geef aan dat de vraag niet van toepassing is.", $"Answer ‘{name}’, or say that the question does not apply."),
                _ => text.Say($"Controleer het antwoord op ‘{name}’.", $"Check the answer to ‘{name}’."),
            };
            blockers.Add(new Blocker($"{round.DomainUrl(domain)}#{field}", message));
        }

        return blockers;
    }
}
