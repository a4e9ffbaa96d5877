using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>Per building block the distribution of the scores in the current benchmark: a chart, its description and its data.</summary>
public sealed class VerdelingenModel(BenchmarkService benchmark, QuestionnaireCatalog catalog) : PageModel
{
    public Cycle Cycle { get; private set; } = null!;

    public BenchmarkSummary? Summary { get; private set; }

    public NationalView? National { get; private set; }

    public MaturityModel Model => catalog.ModelForCycle(Cycle.Year);

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        var overview = await benchmark.OverviewAsync(year, cancellationToken);
        if (overview.Failed)
        {
            return NotFound();
        }

        (Cycle, Summary, National) = (overview.Value.Cycle, overview.Value.Summary, overview.Value.National);
        return Page();
    }
}
