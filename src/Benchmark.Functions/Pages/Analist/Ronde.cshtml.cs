using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>A cycle's submissions in a table, filtered by a GET form, with the counts per status.</summary>
public sealed class RondeModel(CycleStore cycles, AnalystSubmissionList submissions) : PageModel
{
    public Cycle Cycle { get; private set; } = null!;

    public AnalystSubmissionFilter Filter { get; private set; } = new(null, null, null, null);

    public AnalystSubmissionTable Table { get; private set; } = null!;

    public IReadOnlyList<SizeClass> SizeClasses => SizeClass.All;

    public async Task<IActionResult> OnGetAsync(int year, string? status, string? provincie, string? grootteklasse, string? samenwerking, CancellationToken cancellationToken)
    {
        if (await cycles.GetAsync(year, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        Cycle = cycle;
        Filter = AnalystSubmissionFilter.Parse(status, provincie, grootteklasse, samenwerking);
        Table = await submissions.ListAsync(year, Filter, cancellationToken);
        return Page();
    }
}
