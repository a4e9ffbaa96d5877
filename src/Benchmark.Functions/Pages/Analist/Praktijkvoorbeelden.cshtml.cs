using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>Practice-note curation: pending, approved and hidden notes; approve (perhaps with an edited text) or hide.</summary>
public sealed class PraktijkvoorbeeldenModel(CycleStore cycles, CurationStore curation, RegisterStore registers, QuestionnaireCatalog catalog, WebText text) : PageModel
{
    public const int MaxShown = 40;

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

        var all = await curation.NotesAsync(year, cancellationToken);
        var note = all.FirstOrDefault(n => n.Municipality == gm && n.QuestionId == vraag);
        if (note is null)
        {
            Problem = text.Say("Dit praktijkvoorbeeld bestaat niet meer; misschien heeft de gemeente het verwijderd.", "This practice note no longer exists; the municipality may have removed it.");
            return Page();
        }

        var target = actie switch
        {
            "goedkeuren" => NoteStatus.Approved,
            "verbergen" => NoteStatus.Hidden,
            _ => (NoteStatus?)null,
        };
        if (target is null)
        {
            Problem = text.Say("Kies goedkeuren of verbergen.", "Choose approve or hide.");
            return Page();
        }

        var edited = tekst?.Trim();
        if (target == NoteStatus.Approved && Errors.AddIfRefused(FieldId(note), edited, text))
        {
            EnteredFor = Key(note);
            EnteredText = tekst;
            if (!Notes.Contains(note))
            {
                Notes = [note, .. Notes];
            }

            return Page();
        }

        // Only a changed text counts as an edit; an emptied field keeps the text as it is.
        var newText = target == NoteStatus.Approved && !string.IsNullOrEmpty(edited) && edited != note.Text ? edited : null;
        await curation.CurateAsync(year, note.Municipality, note.QuestionId, target.Value, newText, User.Actor().KeyId, cancellationToken);
        return Redirect($"/analist/{year}/praktijkvoorbeelden?{Query}&klaar={(target == NoteStatus.Approved ? "goedgekeurd" : "verborgen")}#{FieldId(note)}-kaart");
    }

    private async Task<bool> LoadAsync(int year, string? status, string? gemeente, CancellationToken cancellationToken)
    {
        if (await cycles.GetAsync(year, cancellationToken) is not { } cycle)
        {
            return false;
        }

        Cycle = cycle;
        var all = await curation.NotesAsync(year, cancellationToken);
        Counts = Enum.GetValues<NoteStatus>().ToDictionary(s => s, s => all.Count(n => n.Status == s));
        Status = status switch
        {
            "alle" => null,
            null or "" => Counts[NoteStatus.Pending] > 0 ? NoteStatus.Pending : null,
            _ => Enum.TryParse<NoteStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _) ? parsed : null,
        };
        MunicipalityFilter = string.IsNullOrWhiteSpace(gemeente) ? null : gemeente.Trim().ToUpperInvariant();
        Register = await registers.GetAsync(year, cancellationToken);
        MunicipalityOptions = all.Select(n => n.Municipality).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(code => (code, Register?.Find(code) is { } m ? $"{code} {m.EverydayName}" : code))
            .ToList();
        var matching = all.Where(n => Status is null || n.Status == Status).Where(n => MunicipalityFilter is null || n.Municipality == MunicipalityFilter).ToList();
        Matching = matching.Count;
        Notes = matching.Take(MaxShown).ToList();
        return true;
    }
}
