using System.Globalization;

namespace Benchmark.Core.Application;

/// <summary>One page of a longer list: the items shown, which page it is (from 1) and how long the whole list is.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    /// <summary>How many pages the list has; an empty list has one, empty, page.</summary>
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    /// <summary>The position in the whole list of the first item shown, counted from 1; 0 when nothing is shown.</summary>
    public int First => Items.Count == 0 ? 0 : ((Number - 1) * Size) + 1;

    /// <summary>The position in the whole list of the last item shown; 0 when nothing is shown.</summary>
    public int Last => Items.Count == 0 ? 0 : First + Items.Count - 1;

    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < Pages;
}

public static class Paging
{
    /// <summary>
    /// The page asked for, brought within the list: before the first page is the first and after the last is the last,
    /// so a link kept from a longer list still shows something rather than an empty table.
    /// </summary>
    public static Paged<T> Page<T>(IReadOnlyList<T> all, int? requested, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var pages = Math.Max(1, (all.Count + size - 1) / size);
        var number = Math.Clamp(requested ?? 1, 1, pages);
        return new Paged<T>(all.Skip((number - 1) * size).Take(size).ToList(), number, size, all.Count);
    }

    /// <summary>A page number from a query string; anything but a whole number is no request (the first page).</summary>
    public static int? ParseNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
