using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Gemeente;

/// <summary>
/// The municipality's scores, its position in its peer groups, whom to learn from, and its report. Only ever its own:
/// the municipality comes from the session.
/// </summary>
public sealed class ResultatenModel(SubmissionService service, BenchmarkService benchmarks, ReportService reports, WebText text) : PageModel
{
    public MunicipalityRound Round { get; private set; } = null!;

    /// <summary>The scores the benchmark used, or else those of the current answers.</summary>
    public ScoreCard? Card { get; private set; }

    public bool CardFromBenchmark { get; private set; }

    public MunicipalityResult? Result { get; private set; }

    public BenchmarkSummary? Summary { get; private set; }

    /// <summary>Why a report cannot be downloaded (not made yet, out of date), shown on the page instead of an error.</summary>
    public string? ReportProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year)
    {
        return await LoadAsync(year) ? Page() : NotFound();
    }

    /// <summary>Streams the stored report: the same rules as the API's GET …/submissions/{gm}/report, for the session's own municipality only.</summary>
    public async Task<IActionResult> OnGetRapportAsync(int year, string? formaat, string? taal)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }

        var outcome = await reports.DownloadAsync(Round.Actor, year, Round.Municipality, formaat, taal, HttpContext.RequestAborted);
        if (outcome.Failed)
        {
            (ReportProblem, Response.StatusCode) = outcome.Refusal.Code switch
            {
                ReportRefusals.InvalidQuery => (text.Say("Dit rapport bestaat niet: kies PDF of HTML, Nederlands of Engels.", "This report does not exist: choose PDF or HTML, Dutch or English."), StatusCodes.Status400BadRequest),
                ReportRefusals.NotComputed => (text.Say($"Ronde {year} is nog niet gebenchmarkt, dus er is nog geen rapport.", $"Round {year} has not been benchmarked yet, so there is no report."), StatusCodes.Status404NotFound),
                ReportRefusals.OutOfDate => (text.Say("Het opgeslagen rapport hoort bij een eerdere berekening en is verouderd. De analisten maken binnenkort een nieuw rapport.", "The stored report belongs to an earlier computation and is out of date. The analysts will make a new report soon."), StatusCodes.Status409Conflict),
                _ => (text.Say("Dit rapport is nog niet gemaakt. De analisten maken de rapporten nadat ze de ronde hebben gebenchmarkt.", "This report has not been made yet. The analysts make the reports after benchmarking the round."), StatusCodes.Status404NotFound),
            };
            return Page();
        }

        var file = outcome.Value;
        var result = new FileContentResult(file.Content, file.ContentType)
        {
            LastModified = file.LastModified,
            EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(file.ETag),
        };
        if (file.Format == "html")
        {
            // The report is one self-contained document with its own inline style sheet and SVG, and no script.
            Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        }
        else
        {
            result.FileDownloadName = file.FileName;
        }

        return result;
    }

    private async Task<bool> LoadAsync(int year)
    {
        var round = await MunicipalityRound.LoadAsync(User, year, service, HttpContext.RequestAborted);
        if (round is null)
        {
            return false;
        }

        Round = round;
        Summary = await benchmarks.SummaryAsync(year, HttpContext.RequestAborted);
        Result = Summary is null ? null : (await benchmarks.ResultAsync(year, round.Municipality, HttpContext.RequestAborted)).Value;
        if (Result?.Card is { } card)
        {
            Card = card;
            CardFromBenchmark = true;
        }
        else if (round.Stored is not null)
        {
            Card = (await service.ScoreAsync(round.Actor, year, round.Municipality, HttpContext.RequestAborted)).Value;
        }

        return true;
    }

    public string DomainName(string id) => Round.Model.DomainsById.TryGetValue(id, out var d) ? text.Say(d.Name) : id;

    public string BlockName(string id) => Round.Model.BlocksById.TryGetValue(id, out var b) ? text.Say(b.Name) : id;

    public string MeasureName(Measure measure) => measure.Kind switch
    {
        MeasureKind.Domain => DomainName(measure.Id!),
        MeasureKind.Block => BlockName(measure.Id!),
        _ => text.Say("Index", "Index"),
    };

    public string GroupName(string id) => Result?.Groups.FirstOrDefault(g => g.Id == id)?.Label ?? id;

    public string Score(decimal? value, int decimals = 1) => value is { } v ? text.Number(v, decimals) : "–";

    /// <summary>A group figure at the precision it is published with (<see cref="Disclosure.Decimals"/>): "68", not "68,0".</summary>
    public string Published(decimal? value, Measure measure) => Score(value, Disclosure.Decimals(measure.IsIndex));

    /// <summary>A group in running text: "alle gemeenten", "de gemeenten in grootteklasse 4", "Provincie Utrecht".</summary>
    public string GroupObject(string? id) =>
        Result?.Groups.FirstOrDefault(g => g.Id == id) is { } group
            ? Core.Reports.CouncilReportBuilder.GroupObject(group, new Core.Reports.Words(text.Language))
            : text.Say("vergelijkbare gemeenten", "similar municipalities");

    public string WhyNoBenchmark()
    {
        if (Summary is null)
        {
            return text.Say($"Ronde {Round.Cycle.Year} is nog niet gebenchmarkt. Dat doen de analisten na de deadline, als de ingediende antwoorden zijn beoordeeld.", $"Round {Round.Cycle.Year} has not been benchmarked yet. The analysts do that after the deadline, once the submitted answers are reviewed.");
        }

        return Round.Status switch
        {
            SubmissionStatus.Approved => text.Say("Uw antwoorden zijn goedgekeurd na de laatste berekening; ze tellen mee in de volgende.", "Your answers were approved after the last computation; they count in the next one."),
            SubmissionStatus.Submitted => text.Say("Alleen goedgekeurde antwoorden tellen mee in de benchmark. De analisten beoordelen uw antwoorden nog.", "Only approved answers count in the benchmark. The analysts are still reviewing yours."),
            _ => text.Say("Alleen ingediende en goedgekeurde antwoorden tellen mee in de benchmark. Dien uw antwoorden in om mee te doen.", "Only submitted and approved answers count in the benchmark. Submit your answers to take part."),
        };
    }
}
