using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>The analysts' start page: every cycle.</summary>
public sealed class IndexModel(CycleStore cycles) : PageModel
{
    public IReadOnlyList<Cycle> Cycles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cycles = (await cycles.ListAsync(cancellationToken)).OrderByDescending(c => c.Year).ToList();
}
