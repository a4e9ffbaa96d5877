using System.Globalization;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>
/// The analysts' start page: every cycle with its counts, and cycle management (open, move the deadline, close).
/// The rules are those of <c>CycleEndpoints</c> (duplicated: the endpoint keeps them private), with the same audit entries.
/// </summary>
public sealed class IndexModel(CycleStore cycles, SubmissionStore submissions, AuditStore audit, QuestionnaireCatalog catalog, TimeProvider time, WebText text) : PageModel
{
    public sealed record CycleRow(Cycle Cycle, IReadOnlyDictionary<SubmissionStatus, int> Counts);

    public IReadOnlyList<CycleRow> Cycles { get; private set; } = [];

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
        else if (!int.TryParse(jaar.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out year) || year is < 2000 or > 2100)
        {
            Errors.Add("jaar", text.Say("Vul een jaar in van 2000 tot en met 2100.", "Enter a year from 2000 to 2100."));
        }
        else if (await cycles.GetAsync(year, cancellationToken) is not null)
        {
            Errors.Add("jaar", text.Say($"Ronde {year} bestaat al. Verplaats daar de deadline.", $"Round {year} already exists. Move its deadline there."));
        }

        var (deadline, deadlineError, onTime) = AnalystDeadline.Parse(datum, tijd, time.GetUtcNow(), text);
        if (deadlineError is not null)
        {
            Errors.Add(onTime ? "tijd" : "datum", deadlineError);
        }

        var version = string.IsNullOrWhiteSpace(vragenlijst) ? (year > 0 ? catalog.ForCycle(year)?.Version : null) : vragenlijst;
        if (version is null || catalog.Version(version) is null)
        {
            Errors.Add("vragenlijst", text.Say("Kies een vragenlijst.", "Choose a questionnaire."));
        }

        if (Errors.Any)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var cycle = new Cycle(year, version!, CycleStatus.Open, deadline!.Value, time.GetUtcNow(), null);
        await cycles.SaveAsync(cycle, cancellationToken);
        await audit.AppendAsync(AuditStore.CyclesArea, User.Actor().KeyId, "cycle-opened", year.ToString(CultureInfo.InvariantCulture), $"deadline {cycle.Deadline:O}", cancellationToken);
        return Redirect($"/analist?klaar=geopend&jaar={year}");
    }

    public async Task<IActionResult> OnPostDeadlineAsync(int jaar, string? datum, string? tijd, CancellationToken cancellationToken)
    {
        var existing = await cycles.GetAsync(jaar, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        Entered[$"datum-{jaar}"] = datum;
        Entered[$"tijd-{jaar}"] = tijd;
        if (existing.Status == CycleStatus.Closed)
        {
            Errors.Add($"datum-{jaar}", text.Say($"Ronde {jaar} is gesloten; de deadline verandert niet meer.", $"Round {jaar} is closed; its deadline no longer changes."));
        }
        else
        {
            var (deadline, error, onTime) = AnalystDeadline.Parse(datum, tijd, time.GetUtcNow(), text);
            if (error is not null)
            {
                Errors.Add(onTime ? $"tijd-{jaar}" : $"datum-{jaar}", error);
            }
            else
            {
                var moved = existing with { Deadline = deadline!.Value };
                await cycles.SaveAsync(moved, cancellationToken);
                await audit.AppendAsync(AuditStore.CyclesArea, User.Actor().KeyId, "cycle-deadline-set", jaar.ToString(CultureInfo.InvariantCulture), $"deadline {moved.Deadline:O}", cancellationToken);
                return Redirect($"/analist?klaar=deadline&jaar={jaar}");
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int jaar, bool bevestigd, CancellationToken cancellationToken)
    {
        var existing = await cycles.GetAsync(jaar, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        if (!bevestigd)
        {
            Errors.Add($"bevestig-{jaar}", text.Say($"Vink aan dat u ronde {jaar} wilt sluiten.", $"Tick the box to confirm you want to close round {jaar}."));
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (existing.Status != CycleStatus.Closed)
        {
            await cycles.SaveAsync(existing with { Status = CycleStatus.Closed, ClosedAt = time.GetUtcNow() }, cancellationToken);
            await audit.AppendAsync(AuditStore.CyclesArea, User.Actor().KeyId, "cycle-closed", jaar.ToString(CultureInfo.InvariantCulture), null, cancellationToken);
        }

        return Redirect($"/analist?klaar=gesloten&jaar={jaar}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<CycleRow>();
        foreach (var cycle in (await cycles.ListAsync(cancellationToken)).OrderByDescending(c => c.Year))
        {
            var records = await submissions.ListAsync(cycle.Year, cancellationToken);
            list.Add(new CycleRow(cycle, Enum.GetValues<SubmissionStatus>().ToDictionary(s => s, s => records.Count(r => r.Status == s))));
        }

        Cycles = list;
        SuggestedYear = list.Count == 0 ? time.GetUtcNow().Year : list.Max(c => c.Cycle.Year) + 1;
    }
}
