using Benchmark.Core.Application;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>A cycle's submissions in a table, filtered by a GET form, ordered by a column and paged, with the counts per status.</summary>
public sealed class RondeModel(ReviewService reviews) : PageModel
{
    /// <summary>Fifty rows: a round of 342 municipalities in seven pages, each short enough to scan.</summary>
    public const int PageSize = 50;

    /// <summary>The words of the address for each column (…?sorteer=index&amp;volgorde=aflopend).</summary>
    public static readonly IReadOnlyDictionary<ReviewSort, string> SortWords = new Dictionary<ReviewSort, string>
    {
        [ReviewSort.Municipality] = "gemeente",
        [ReviewSort.Province] = "provincie",
        [ReviewSort.SizeClass] = "grootteklasse",
        [ReviewSort.Status] = "status",
        [ReviewSort.Version] = "versie",
        [ReviewSort.Changed] = "gewijzigd",
        [ReviewSort.Index] = "index",
        [ReviewSort.Completeness] = "volledig",
        [ReviewSort.OpenFlags] = "signalen",
    };

    public Cycle Cycle => Table.Cycle;

    public ReviewFilter Filter { get; private set; } = ReviewFilter.None;

    public ReviewOrder Order { get; private set; } = ReviewOrder.Default;

    public ReviewTable Table { get; private set; } = null!;

    public Paged<ReviewRow> Rows { get; private set; } = null!;

    public PageLinks Links { get; private set; } = null!;

    public IReadOnlyList<SizeClass> SizeClasses => SizeClass.All;

    public async Task<IActionResult> OnGetAsync(int year, string? status, string? provincie, string? grootteklasse, string? samenwerking, string? sorteer, string? volgorde, string? pagina, CancellationToken cancellationToken)
    {
        Filter = ReviewFilter.Parse(status, provincie, grootteklasse, samenwerking);
        Order = ParseOrder(sorteer, volgorde);
        var table = await reviews.ListAsync(User.Actor(), year, Filter, Order, cancellationToken);
        if (table.Failed)
        {
            return table.Refusal.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        Table = table.Value;
        Rows = Paging.Page(Table.Rows, Paging.ParseNumber(pagina), PageSize);
        Links = new PageLinks($"/analist/{year}", Request.Query);
        return Page();
    }

    /// <summary>The link a column's header carries: this column the other way round, or another column in its first direction.</summary>
    public string SortLink(ReviewSort column) =>
        Links.Sort(SortWords[column], Order.Column == column ? !Order.Descending : StartsDescending(column)) + "#resultaat";

    /// <summary>Figures start with the highest (the most flags, the newest change); words start with A.</summary>
    public static bool StartsDescending(ReviewSort column) =>
        column is ReviewSort.Changed or ReviewSort.Index or ReviewSort.Completeness or ReviewSort.OpenFlags or ReviewSort.Version;

    /// <summary>An unknown column or direction is ignored (the default order), as an unknown filter is.</summary>
    public static ReviewOrder ParseOrder(string? column, string? direction)
    {
        var matches = SortWords.Where(w => string.Equals(w.Value, column?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(w => w.Key).ToList();
        if (matches.Count == 0)
        {
            return ReviewOrder.Default;
        }

        var sort = matches[0];

        var descending = direction?.Trim().ToLowerInvariant() switch
        {
            PageLinks.Descending => true,
            PageLinks.Ascending => false,
            _ => StartsDescending(sort),
        };
        return new ReviewOrder(sort, descending);
    }
}
