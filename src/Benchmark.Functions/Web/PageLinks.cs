using Benchmark.Core.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Benchmark.Functions.Web;

/// <summary>
/// Links that keep a list page's query (filters, order) and change one part of it: the page number or the order.
/// Everything is a plain GET link, so paging and sorting work without JavaScript and can be bookmarked.
/// </summary>
public sealed class PageLinks(string path, IQueryCollection query)
{
    public const string PageParameter = "pagina";

    public const string SortParameter = "sorteer";

    public const string DirectionParameter = "volgorde";

    public const string Ascending = "oplopend";

    public const string Descending = "aflopend";

    /// <summary>The same list with <paramref name="changes"/> applied (a null value removes the parameter).</summary>
    public string With(params (string Name, string? Value)[] changes)
    {
        var builder = new QueryBuilder();
        var changed = changes.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in query.Where(q => !changed.Contains(q.Key)))
        {
            foreach (var value in values.OfType<string>().Where(v => v.Length > 0))
            {
                builder.Add(name, value);
            }
        }

        foreach (var (name, value) in changes.Where(c => !string.IsNullOrEmpty(c.Value)))
        {
            builder.Add(name, value!);
        }

        return path + builder.ToQueryString();
    }

    /// <summary>Page <paramref name="number"/> of the same list; the first page has no number in its address.</summary>
    public string Page(int number) => With((PageParameter, number <= 1 ? null : number.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The list ordered by <paramref name="column"/>, from its first page.</summary>
    public string Sort(string column, bool descending) => With((SortParameter, column), (DirectionParameter, descending ? Descending : Ascending), (PageParameter, null));
}

/// <summary>What the pagination partial shows: where the page is in the list and how to reach the others.</summary>
public sealed record PaginationView(int Number, int Pages, int First, int Last, int Total, Func<int, string> Href, string Label, string? Fragment = null)
{
    public static PaginationView Of<T>(Paged<T> page, PageLinks links, string label, string? fragment = null) =>
        new(page.Number, page.Pages, page.First, page.Last, page.Total, links.Page, label, fragment);

    public string Link(int number) => Href(number) + (Fragment is null ? "" : "#" + Fragment);

    /// <summary>
    /// The page numbers to link: the first, the last and two either side of the current one; a gap is null (shown as an
    /// ellipsis). Eleven pages of 50 do not need eleven links on a phone.
    /// </summary>
    public IReadOnlyList<int?> Numbers()
    {
        var shown = Enumerable.Range(1, Pages).Where(n => n == 1 || n == Pages || Math.Abs(n - Number) <= 2).ToList();
        var result = new List<int?>();
        for (var i = 0; i < shown.Count; i++)
        {
            if (i > 0 && shown[i] - shown[i - 1] > 1)
            {
                result.Add(null);
            }

            result.Add(shown[i]);
        }

        return result;
    }
}

/// <summary>One sortable column header: the column's word in the address, its label, and where its link leads.</summary>
public sealed record SortHeaderView(string Column, string Label, bool Numeric, bool Sorted, bool Descending, string Href);
