using Benchmark.Core.Application;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Gemeente;

/// <summary>
/// One domain of the questionnaire. Saving merges this page's answers into the stored ones (other domains stay as they
/// are) and writes them only if nobody saved in between; otherwise the page says so and keeps the visitor's input.
/// </summary>
public sealed class VragenlijstModel(SubmissionService service, ActorNames actors, WebText text) : PageModel
{
    public MunicipalityRound Round { get; private set; } = null!;

    public MunicipalityDomainProgress Domain { get; private set; } = null!;

    public int Step { get; private set; }

    public QuestionnaireFormState State { get; private set; } = new();

    public FormErrors Errors { get; private set; } = new();

    /// <summary>The version the form was read from; saving writes only over this version.</summary>
    public int Version { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>A colleague's newer version that refused this save; null without a conflict.</summary>
    public SubmissionRecord? Conflict { get; private set; }

    public string? ConflictBy { get; private set; }

    /// <summary>The saved answer of every question where the colleague's version differs from the visitor's input.</summary>
    public IReadOnlyDictionary<string, Answer?> Differences { get; private set; } = new Dictionary<string, Answer?>();

    public string? Problem { get; private set; }

    public string? PreviousDomain => Step > 1 ? Round.Domains[Step - 2].Domain.Id : null;

    public string? NextDomain => Step < Round.Domains.Count ? Round.Domains[Step].Domain.Id : null;

    public async Task<IActionResult> OnGetAsync(int year, string domain, bool opgeslagen = false)
    {
        if (!await LoadAsync(year, domain))
        {
            return NotFound();
        }

        State = QuestionnaireForm.ToState(Domain.Blocks, Round.Submission);
        Version = Round.Version;
        Saved = opgeslagen;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, string domain, string? actie, int versie)
    {
        if (!await LoadAsync(year, domain))
        {
            return NotFound();
        }

        // A council's pages only read, so a form it posts anyway is a refused write: kept in the municipality's trail; the page answers as for any read-only round.
        await service.RefuseWriteAsync(Round.Actor, year, Round.Municipality, "save on the questionnaire page", HttpContext.RequestAborted);

        if (Round.ReadOnly)
        {
            State = QuestionnaireForm.ToState(Domain.Blocks, Round.Submission);
            Version = Round.Version;
            Problem = text.Say("Er is niets opgeslagen. ", "Nothing was saved. ") + text.Say(Round.ReadOnlyReason!);
            return Page();
        }

        State = QuestionnaireFormState.From(Request.Form);
        Version = versie;
        var read = QuestionnaireForm.Read(State, Domain.Blocks, text);
        if (read.Errors.Any)
        {
            Errors = read.Errors;
            return Page();
        }

        var answers = QuestionnaireForm.Merge(Round.Submission, Round.Municipality, year, Round.Questionnaire.Version, read);
        var outcome = await service.SaveDraftAsync(Round.Actor, new SaveDraft(year, Round.Municipality, answers, versie > 0 ? versie : null), HttpContext.RequestAborted);
        if (outcome.Failed)
        {
            return await RefusedAsync(year, domain, outcome.Refusal, read);
        }

        var stepUrl = actie switch
        {
            "volgende" => NextDomain is { } next ? Round.DomainUrl(next) : $"/gemeente/{year}/indienen",
            "vorige" => PreviousDomain is { } previous ? Round.DomainUrl(previous) : Round.Url,
            _ => Round.DomainUrl(domain) + "?opgeslagen=true",
        };
        return LocalRedirect(stepUrl);
    }

    private async Task<IActionResult> RefusedAsync(int year, string domain, Refusal refusal, QuestionnaireFormResult read)
    {
        switch (refusal.Kind)
        {
            case RefusalKind.Stale or RefusalKind.PreconditionRequired:
                // Reload to show the colleague's version; the form keeps the visitor's input and now carries the newer
                // version, so saving again (explicitly) puts the visitor's answers over the colleague's.
                if (!await LoadAsync(year, domain))
                {
                    return NotFound();
                }

                Conflict = Round.Stored?.Record;
                Version = Round.Version;
                if (Conflict is not null)
                {
                    ConflictBy = text.Say(await actors.NameAsync(Conflict.ChangedBy, HttpContext.RequestAborted));
                    Differences = Domain.Blocks.SelectMany(b => b.Questions)
                        .Where(q => !QuestionnaireForm.Same(read.Answers.GetValueOrDefault(q.Id), Conflict.Submission.AnswerTo(q.Id)))
                        .ToDictionary(q => q.Id, q => Conflict.Submission.AnswerTo(q.Id), StringComparer.Ordinal);
                }

                return Page();
            case RefusalKind.Forbidden:
                return Forbid();
            case RefusalKind.NotFound:
                return NotFound();
            default:
                // Most likely a colleague submitted, or the round closed, in the meantime: say which.
                var state = State;
                var version = Version;
                if (!await LoadAsync(year, domain))
                {
                    return NotFound();
                }

                State = state;
                Version = version;
                Problem = text.Say("Er is niets opgeslagen. ", "Nothing was saved. ") + (Round.ReadOnlyReason is { } reason
                    ? text.Say(reason)
                    : text.Say("De antwoorden konden niet worden opgeslagen. Probeer het opnieuw.", "The answers could not be saved. Please try again."));
                return Page();
        }
    }

    private async Task<bool> LoadAsync(int year, string domain)
    {
        var round = await MunicipalityRound.LoadAsync(User, year, service, HttpContext.RequestAborted);
        var index = round?.Domains.ToList().FindIndex(d => d.Domain.Id == domain) ?? -1;
        if (round is null || index < 0)
        {
            return false;
        }

        Round = round;
        Domain = round.Domains[index];
        Step = index + 1;
        return true;
    }

    public string? ErrorFor(string fieldId) => Errors.For(fieldId);

    /// <summary>The ids that describe a field: its help and its error, when there are.</summary>
    public string? DescribedBy(string fieldId, params string?[] more)
    {
        var ids = more.Where(id => id is not null).ToList();
        if (Errors.Has(fieldId))
        {
            ids.Add(QuestionnaireFields.Error(fieldId));
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public string LevelLabel(int level) => text.Say(Round.Model.Levels.FirstOrDefault(l => l.Level == level)?.Name ?? new LocalizedText("", ""));
}
