using Benchmark.Core.Application;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Gemeente;

/// <summary>A municipality's start page: every round with its deadline and where the municipality's answers stand.</summary>
public sealed class IndexModel(SubmissionService service) : PageModel
{
    /// <summary>Newest first: the round the municipality is working on leads.</summary>
    public IReadOnlyList<SubmissionCycle> Cycles { get; private set; } = [];

    public string MunicipalityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var cycles = await service.CyclesAsync(User.Actor(), User.Municipality(), cancellationToken);
        if (cycles.Failed)
        {
            return Forbid();
        }

        Cycles = cycles.Value.Cycles.OrderByDescending(c => c.Cycle.Year).ToList();
        MunicipalityName = cycles.Value.Name;
        return Page();
    }
}
