using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>
/// The distribution of the scores per building block in the current benchmark: an overview table of every block that
/// sorts by its columns, and the charts (with description and data) of one domain at a time, so the page stays short.
/// </summary>
public sealed class VerdelingenModel(BenchmarkService benchmark, QuestionnaireCatalog catalog, WebText text) : PageModel
{
    /// <summary>The overview's columns by the word in the address; figures start with the highest.</summary>
    public static readonly IReadOnlyList<string> SortWords = ["bouwsteen", "onderdeel", "n", "mediaan", "gemiddelde", "spreiding"];

    public Cycle Cycle { get; private set; } = null!;

    public BenchmarkSummary? Summary { get; private set; }

    public NationalView? National { get; private set; }

    public MaturityModel Model => catalog.ModelForCycle(Cycle.Year);

    /// <summary>The domain whose charts are shown.</summary>
    public Domain Domain { get; private set; } = null!;

    public string Sort { get; private set; } = SortWords[0];

    public bool Descending { get; private set; }

    public PageLinks Links { get; private set; } = null!;

    /// <summary>Every block with its distribution (null where too few municipalities have a score), in the chosen order.</summary>
    public IReadOnlyList<(BuildingBlock Block, Domain Domain, Distribution? Distribution)> Overview { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, string? domein, string? sorteer, string? volgorde, CancellationToken cancellationToken)
    {
        var overview = await benchmark.OverviewAsync(year, cancellationToken);
        if (overview.Failed)
        {
            return NotFound();
        }

        (Cycle, Summary, National) = (overview.Value.Cycle, overview.Value.Summary, overview.Value.National);
        Domain = Model.Domains.FirstOrDefault(d => string.Equals(d.Id, domein?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Model.Domains[0];
        Sort = SortWords.FirstOrDefault(w => string.Equals(w, sorteer?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? SortWords[0];
        Descending = volgorde?.Trim().ToLowerInvariant() switch
        {
            PageLinks.Descending => true,
            PageLinks.Ascending => false,
            _ => StartsDescending(Sort),
        };
        Links = new PageLinks($"/analist/{year}/verdelingen", Request.Query);

        var rows = Model.Domains.SelectMany(d => Model.BlocksIn(d.Id).Select(b => (Block: b, Domain: d, Distribution: National?.BlockDistributions.GetValueOrDefault(b.Id)?.Distribution))).ToList();
        var position = rows.Select((r, i) => (r.Block.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        // Words sort by the names as shown; figures put blocks without a distribution last either way; ties keep the model's order.
        var ordered = Sort switch
        {
            "bouwsteen" => OrderBy(rows, r => text.Say(r.Block.Name), StringComparer.CurrentCulture),
            "onderdeel" => OrderBy(rows, r => position[r.Block.Id], Comparer<int>.Default),
            _ => rows.OrderBy(r => r.Distribution is null).ThenBy(r => Figure(r.Distribution), Descending ? Comparer<decimal>.Create((a, b) => b.CompareTo(a)) : Comparer<decimal>.Default),
        };
        Overview = ordered.ThenBy(r => position[r.Block.Id]).ToList();
        return Page();
    }

    /// <summary>The link a column's header carries: this column the other way round, or another column in its first direction.</summary>
    public string SortLink(string column) => Links.Sort(column, Sort == column ? !Descending : StartsDescending(column)) + "#overzicht";

    public string DomainLink(Domain domain) => Links.With(("domein", domain.Id));

    public static bool StartsDescending(string column) => column is "n" or "mediaan" or "gemiddelde" or "spreiding";

    private IOrderedEnumerable<T> OrderBy<T, TKey>(IEnumerable<T> rows, Func<T, TKey> key, IComparer<TKey> comparer) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);

    private decimal Figure(Distribution? d) => d is null ? 0 : Sort switch
    {
        "n" => d.N,
        "mediaan" => d.Median,
        "gemiddelde" => d.Mean,
        _ => d.P75 - d.P25,
    };
}
