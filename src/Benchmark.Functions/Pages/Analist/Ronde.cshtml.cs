using Benchmark.Core.Application;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>A cycle's submissions in a table, filtered by a GET form, with the counts per status.</summary>
public sealed class RondeModel(ReviewService reviews) : PageModel
{
    public Cycle Cycle => Table.Cycle;

    public ReviewFilter Filter { get; private set; } = ReviewFilter.None;

    public ReviewTable Table { get; private set; } = null!;

    public IReadOnlyList<SizeClass> SizeClasses => SizeClass.All;

    public async Task<IActionResult> OnGetAsync(int year, string? status, string? provincie, string? grootteklasse, string? samenwerking, CancellationToken cancellationToken)
    {
        Filter = ReviewFilter.Parse(status, provincie, grootteklasse, samenwerking);
        var table = await reviews.ListAsync(User.Actor(), year, Filter, cancellationToken);
        if (table.Failed)
        {
            return table.Refusal.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        Table = table.Value;
        return Page();
    }
}
