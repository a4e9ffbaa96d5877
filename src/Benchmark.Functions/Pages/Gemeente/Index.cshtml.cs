using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Gemeente;

/// <summary>A municipality's start page: every round with its deadline and where the municipality's answers stand.</summary>
public sealed class IndexModel(CycleStore cycles, SubmissionStore submissions, RegisterStore registers) : PageModel
{
    public sealed record CycleRow(Cycle Cycle, SubmissionStatus? Status);

    public IReadOnlyList<CycleRow> Cycles { get; private set; } = [];

    public string MunicipalityName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var municipality = User.Municipality();
        var rows = new List<CycleRow>();
        foreach (var cycle in (await cycles.ListAsync(cancellationToken)).OrderByDescending(c => c.Year))
        {
            var current = await submissions.GetAsync(cycle.Year, municipality, cancellationToken);
            rows.Add(new CycleRow(cycle, current?.Record.Status));
        }

        Cycles = rows;
        var latest = rows.Count > 0 ? await registers.GetAsync(rows[0].Cycle.Year, cancellationToken) : null;
        MunicipalityName = latest?.Find(municipality)?.EverydayName ?? municipality;
    }
}
