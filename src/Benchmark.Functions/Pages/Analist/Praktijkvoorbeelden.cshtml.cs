using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>
/// Practice-note curation: pending, approved and hidden notes; approve (perhaps with an edited text) or hide. The rules
/// are <see cref="CurationService"/>'s, as in the API; this page words its refusals.
/// </summary>
public sealed class PraktijkvoorbeeldenModel(CurationService curation, QuestionnaireCatalog catalog, WebText text) : PageModel
{
    public const int MaxShown = 40;

    private IReadOnlyList<CuratedNote> _all = [];

    public Cycle Cycle { get; private set; } = null!;

    public NoteStatus? Status { get; private set; }

    public string? MunicipalityFilter { get; private set; }

    public IReadOnlyList<CuratedNote> Notes { get; private set; } = [];

    public int Matching { get; private set; }

    public IReadOnlyDictionary<NoteStatus, int> Counts { get; private set; } = new Dictionary<NoteStatus, int>();

    public IReadOnlyList<(string Code, string Label)> MunicipalityOptions { get; private set; } = [];

    public MunicipalityRegister? Register { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The note whose form came back with an error, and what was typed.</summary>
    public string? EnteredFor { get; private set; }

    public string? EnteredText { get; private set; }

    public static string Key(CuratedNote note) => $"{note.Municipality}_{note.QuestionId}";

    public static string FieldId(CuratedNote note) => "tekst-" + Key(note).Replace('.', '-');

    public string Words(NoteStatus status) => status switch
    {
        NoteStatus.Pending => text.Say("Te beoordelen", "Pending"),
        NoteStatus.Approved => text.Say("Goedgekeurd", "Approved"),
        _ => text.Say("Verborgen", "Hidden"),
    };

    public string BlockName(string blockId) => catalog.Models.Select(m => m.BlocksById.GetValueOrDefault(blockId)).LastOrDefault(b => b is not null) is { } block ? text.Say(block.Name) : blockId;

    public string QuestionText(string questionId) =>
        catalog.Questionnaires.Select(q => q.QuestionsById.GetValueOrDefault(questionId)).LastOrDefault(q => q is not null) is { } question ? text.Say(question.Text) : questionId;

    public string Query => QueryFor(Status, MunicipalityFilter);

    public static string QueryFor(NoteStatus? status, string? municipality)
    {
        var parts = new List<string> { "status=" + (status?.ToString().ToLowerInvariant() ?? "alle") };
        if (municipality is not null)
        {
            parts.Add("gemeente=" + Uri.EscapeDataString(municipality));
        }

        return string.Join('&', parts);
    }

    public async Task<IActionResult> OnGetAsync(int year, string? status, string? gemeente, string? klaar, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, status, gemeente, cancellationToken))
        {
            return NotFound();
        }

        Done = klaar switch
        {
            "goedgekeurd" => text.Say("Het praktijkvoorbeeld is goedgekeurd; andere gemeenten kunnen het nu zien.", "The practice note was approved; other municipalities can now see it."),
            "verborgen" => text.Say("Het praktijkvoorbeeld is verborgen.", "The practice note was hidden."),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, string? status, string? gemeente, string? gm, string? vraag, string? actie, string? tekst, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, status, gemeente, cancellationToken))
        {
            return NotFound();
        }

        var target = actie switch
        {
            "goedkeuren" => NoteStatus.Approved,
            "verbergen" => NoteStatus.Hidden,
            _ => (NoteStatus?)null,
        };

        // Only an approval takes the text along: hiding a note leaves its wording as it is.
        var edited = tekst?.Trim();
        var outcome = await curation.CurateNoteAsync(User.Actor().KeyId, new CurateNote(year, gm ?? "", vraag ?? "", target, target == NoteStatus.Approved ? edited : null), cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"/analist/{year}/praktijkvoorbeelden?{Query}&klaar={(outcome.Value.Status == NoteStatus.Approved ? "goedgekeurd" : "verborgen")}#{FieldId(outcome.Value)}-kaart");
        }

        var note = _all.FirstOrDefault(n => n.Municipality == gm && n.QuestionId == vraag);
        switch (outcome.Refusal.Code)
        {
            case CurationRefusals.InvalidStatus:
                Problem = text.Say("Kies goedkeuren of verbergen.", "Choose approve or hide.");
                break;
            case CurationRefusals.InvalidText when note is not null:
                Errors.AddIfRefused(FieldId(note), edited, text);
                EnteredFor = Key(note);
                EnteredText = tekst;
                if (!Notes.Contains(note))
                {
                    Notes = [note, .. Notes];
                }

                break;
            default:
                Problem = text.Say("Dit praktijkvoorbeeld bestaat niet meer; misschien heeft de gemeente het verwijderd.", "This practice note no longer exists; the municipality may have removed it.");
                break;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(int year, string? status, string? gemeente, CancellationToken cancellationToken)
    {
        var loaded = await curation.NotesOfCycleAsync(year, cancellationToken);
        if (loaded.Failed)
        {
            return false;
        }

        Cycle = loaded.Value.Cycle;
        var all = _all = loaded.Value.Notes;
        Counts = Enum.GetValues<NoteStatus>().ToDictionary(s => s, s => all.Count(n => n.Status == s));
        Status = status switch
        {
            "alle" => null,
            null or "" => Counts[NoteStatus.Pending] > 0 ? NoteStatus.Pending : null,
            _ => Enum.TryParse<NoteStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _) ? parsed : null,
        };
        MunicipalityFilter = string.IsNullOrWhiteSpace(gemeente) ? null : gemeente.Trim().ToUpperInvariant();
        Register = loaded.Value.Register;
        MunicipalityOptions = all.Select(n => n.Municipality).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(code => (code, Register?.Find(code) is { } m ? $"{code} {m.EverydayName}" : code))
            .ToList();
        var matching = all.Where(n => Status is null || n.Status == Status).Where(n => MunicipalityFilter is null || n.Municipality == MunicipalityFilter).ToList();
        Matching = matching.Count;
        Notes = matching.Take(MaxShown).ToList();
        return true;
    }
}
