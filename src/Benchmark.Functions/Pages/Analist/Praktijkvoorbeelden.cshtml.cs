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
public sealed class PraktijkvoorbeeldenModel(CurationService curation, ActorNames actors, QuestionnaireCatalog catalog, WebText text) : PageModel
{
    /// <summary>Twenty cards a page: each card holds a form, so a page stays quick to scan and to load.</summary>
    public const int PageSize = 20;

    /// <summary>The orders the list offers, by the word in its address: by municipality, by building block, or the latest curated first.</summary>
    public static readonly IReadOnlyList<string> SortWords = ["gemeente", "bouwsteen", "beoordeeld"];

    private IReadOnlyList<CuratedNote> _all = [];

    public Cycle Cycle { get; private set; } = null!;

    public NoteStatus? Status { get; private set; }

    public string? MunicipalityFilter { get; private set; }

    public IReadOnlyList<CuratedNote> Notes { get; private set; } = [];

    public Paged<CuratedNote> Shown { get; private set; } = null!;

    public string Sort { get; private set; } = SortWords[0];

    public PageLinks Links { get; private set; } = null!;

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

    private ActorDirectory People { get; set; } = ActorDirectory.Empty;

    /// <summary>The analyst who curated a note, by the label of their key.</summary>
    public string Name(string actor) => text.Say(People.NameOf(actor));

    public static string Key(CuratedNote note) => $"{note.Municipality}_{note.QuestionId}";

    public static string FieldId(CuratedNote note) => "tekst-" + Key(note).Replace('.', '-');

    public string Words(NoteStatus status) => status switch
    {
        NoteStatus.Pending => text.Say("Te beoordelen", "Pending"),
        NoteStatus.Approved => text.Say("Goedgekeurd", "Approved"),
        _ => text.Say("Verborgen", "Hidden"),
    };

    private int BlockPosition(string blockId)
    {
        var blocks = catalog.ModelForCycle(Cycle.Year).Blocks;
        var index = blocks.ToList().FindIndex(b => b.Id == blockId);
        return index < 0 ? int.MaxValue : index;
    }

    public string BlockName(string blockId) => catalog.Models.Select(m => m.BlocksById.GetValueOrDefault(blockId)).LastOrDefault(b => b is not null) is { } block ? text.Say(block.Name) : blockId;

    public string QuestionText(string questionId) =>
        catalog.Questionnaires.Select(q => q.QuestionsById.GetValueOrDefault(questionId)).LastOrDefault(q => q is not null) is { } question ? text.Say(question.Text) : questionId;

    public string SortWord(string sort) => sort switch
    {
        "bouwsteen" => text.Say("Bouwsteen", "Building block"),
        "beoordeeld" => text.Say("Laatst beoordeeld eerst", "Latest curated first"),
        _ => text.Say("Gemeente", "Municipality"),
    };

    public async Task<IActionResult> OnGetAsync(int year, string? status, string? gemeente, string? sorteer, string? pagina, string? klaar, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, status, gemeente, sorteer, pagina, cancellationToken))
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

    public async Task<IActionResult> OnPostAsync(int year, string? status, string? gemeente, string? sorteer, string? pagina, string? gm, string? vraag, string? actie, string? tekst, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, status, gemeente, sorteer, pagina, cancellationToken))
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
            // Back to the same list, filter, order and page (the status filter is written out, so "all" stays "all").
            var back = Links.With(("status", Status?.ToString().ToLowerInvariant() ?? "alle"), ("klaar", outcome.Value.Status == NoteStatus.Approved ? "goedgekeurd" : "verborgen"));
            return Redirect($"{back}#{FieldId(outcome.Value)}-kaart");
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
                    Shown = Shown with { Items = Notes };
                }

                break;
            default:
                Problem = text.Say("Dit praktijkvoorbeeld bestaat niet meer; misschien heeft de gemeente het verwijderd.", "This practice note no longer exists; the municipality may have removed it.");
                break;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(int year, string? status, string? gemeente, string? sorteer, string? pagina, CancellationToken cancellationToken)
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
        Sort = SortWords.FirstOrDefault(w => string.Equals(w, sorteer?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? SortWords[0];
        IEnumerable<CuratedNote> ordered = Sort switch
        {
            // Building blocks in the model's order (as in the questionnaire), then municipality.
            "bouwsteen" => matching.OrderBy(n => BlockPosition(n.BlockId)).ThenBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.QuestionId, StringComparer.Ordinal),
            "beoordeeld" => matching.OrderByDescending(n => n.CuratedAt ?? DateTimeOffset.MinValue).ThenBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.QuestionId, StringComparer.Ordinal),
            _ => matching.OrderBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.QuestionId, StringComparer.Ordinal),
        };
        Shown = Paging.Page(ordered.ToList(), Paging.ParseNumber(pagina), PageSize);
        Notes = Shown.Items;
        Links = new PageLinks($"/analist/{year}/praktijkvoorbeelden", Request.Query);
        People = await actors.NameAllAsync(all.Select(n => n.CuratedBy), cancellationToken);
        return true;
    }
}
