using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Reports.Exports;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>Compute the benchmark, start a batch of council and national reports, and follow its progress.</summary>
public sealed class RapportenModel(CycleService cycles, BenchmarkService benchmark, ReportService reports, ExportService exports, OpenDataService openData, ActorNames actors, WebText text) : PageModel
{
    public const int BatchesShown = 10;

    public Cycle Cycle { get; private set; } = null!;

    public BenchmarkSummary? Summary { get; private set; }

    /// <summary>Who made the last computation, by the label of their key.</summary>
    public string? ComputedBy { get; private set; }

    public IReadOnlyList<ReportBatchStatus> Batches { get; private set; } = [];

    public IReadOnlyList<PoisonedReport> Failed { get; private set; } = [];

    public bool Running => Batches.Any(b => !b.Finished);

    public FormErrors Errors { get; } = new();

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyList<string> EnteredLanguages { get; private set; } = ["nl"];

    public async Task<IActionResult> OnGetAsync(int year, string? klaar, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, cancellationToken))
        {
            return NotFound();
        }

        Done = klaar switch
        {
            "berekend" => text.Say($"De benchmark is berekend over {Summary?.Participants} gemeenten.", $"The benchmark was computed over {Summary?.Participants} municipalities."),
            "gestart" => text.Say("De rapporten worden gemaakt. Volg de voortgang hieronder.", "The reports are being made. Follow the progress below."),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostComputeAsync(int year, bool ingediend, CancellationToken cancellationToken)
    {
        if ((await cycles.GetAsync(year, cancellationToken)).Failed)
        {
            return NotFound();
        }

        var outcome = await benchmark.ComputeAsync(year, ingediend, User.Actor().KeyId, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            Problem = text.Say($"De benchmark is niet berekend: {refusal.Detail}", $"The benchmark was not computed: {refusal.Detail}");
            await LoadAsync(year, cancellationToken);
            return Page();
        }

        return Redirect($"/analist/{year}/rapporten?klaar=berekend");
    }

    public async Task<IActionResult> OnPostStartAsync(int year, string[]? talen, CancellationToken cancellationToken)
    {
        if ((await cycles.GetAsync(year, cancellationToken)).Failed)
        {
            return NotFound();
        }

        var languages = (talen ?? []).Where(ReportService.LanguageCodes.Contains).Distinct(StringComparer.Ordinal).ToList();
        EnteredLanguages = languages;
        if (languages.Count == 0)
        {
            Errors.Add("taal-nl", text.Say("Kies ten minste één taal.", "Choose at least one language."));
            await LoadAsync(year, cancellationToken);
            return Page();
        }

        var outcome = await reports.StartAsync(year, languages, User.Actor().KeyId, cancellationToken);
        if (outcome.Failed)
        {
            Problem = outcome.Refusal.Code switch
            {
                ReportRefusals.NotComputed => text.Say($"Ronde {year} is nog niet berekend; bereken eerst de benchmark.", $"Round {year} has not been computed yet; compute the benchmark first."),
                ReportRefusals.BatchRunning => text.Say("Er loopt al een reeks rapporten voor deze berekening. Wacht tot die klaar is.", "A batch of reports for this computation is still running. Wait until it has finished."),
                _ => outcome.Refusal.Detail,
            };
            await LoadAsync(year, cancellationToken);
            return Page();
        }

        return Redirect($"/analist/{year}/rapporten?klaar=gestart#reeksen");
    }

    /// <summary>
    /// The round as a workbook or CSV with the session's rights: the same export and the same rules as the API's
    /// GET …/cycles/{year}/export, so a page needs no API key to download it.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(int year, string? formaat, string? tabel, CancellationToken cancellationToken)
    {
        if (ExportFiles.Check(formaat, tabel) is not null)
        {
            Problem = text.Say("Deze export bestaat niet: kies Excel (xlsx) of CSV, en bij CSV eventueel één tabel.", "This export does not exist: choose Excel (xlsx) or CSV, and with CSV perhaps one table.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(year, cancellationToken) ? Page() : NotFound();
        }

        var export = await exports.ExportAsync(User.Actor(), year, cancellationToken);
        if (export.Failed)
        {
            return export.Refusal.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        var file = ExportFiles.Render(export.Value, formaat, tabel);
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// The round's open data as JSON or a CSV zip with the session's rights: the same files and rules as the API's
    /// GET …/cycles/{year}/open-data (docs/open-data.md), to check before publishing.
    /// </summary>
    public async Task<IActionResult> OnGetOpenDataAsync(int year, string? formaat, CancellationToken cancellationToken)
    {
        if (OpenDataFiles.Check(formaat, null) is not null)
        {
            Problem = text.Say("Deze open data bestaat niet: kies JSON of CSV.", "This open data does not exist: choose JSON or CSV.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(year, cancellationToken) ? Page() : NotFound();
        }

        var data = await openData.OpenDataAsync(User.Actor(), year, cancellationToken);
        if (data.Failed)
        {
            return data.Refusal.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        var file = OpenDataFiles.Render(data.Value, formaat, null);
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<bool> LoadAsync(int year, CancellationToken cancellationToken)
    {
        if ((await cycles.GetAsync(year, cancellationToken)).Value is not { } cycle)
        {
            return false;
        }

        Cycle = cycle;
        Summary = await benchmark.SummaryAsync(year, cancellationToken);
        ComputedBy = Summary is null ? null : text.Say(await actors.NameAsync(Summary.ComputedBy, cancellationToken));
        Batches = await reports.RecentAsync(year, BatchesShown, cancellationToken);
        Failed = await reports.PoisonedAsync(year, cancellationToken);
        return true;
    }
}
