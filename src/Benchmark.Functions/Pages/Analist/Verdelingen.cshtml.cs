using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>Per building block the distribution of the scores in the current benchmark: a chart, its description and its data.</summary>
public sealed class VerdelingenModel(CycleStore cycles, BenchmarkStore results, QuestionnaireCatalog catalog) : PageModel
{
    public Cycle Cycle { get; private set; } = null!;

    public BenchmarkSummary? Summary { get; private set; }

    public NationalView? National { get; private set; }

    public MaturityModel Model => catalog.ModelForCycle(Cycle.Year);

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        if (await cycles.GetAsync(year, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        Cycle = cycle;
        Summary = await results.SummaryAsync(year, cancellationToken);
        National = Summary is null ? null : await results.NationalAsync(year, cancellationToken);
        return Page();
    }
}
