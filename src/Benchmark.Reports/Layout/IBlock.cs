using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>
/// A piece of a report (paragraph, heading, table, chart…). Layout and drawing are separate: a block first
/// cuts itself into slices of known height, the document then distributes the slices over pages, and only
/// then are they drawn. That is what lets the footer know the page count before anything is drawn.
/// </summary>
internal interface IBlock
{
    IEnumerable<Slice> Layout(LayoutContext context);
}

/// <summary>What a block may know while laying out: the theme and the size of the page body.</summary>
internal sealed record LayoutContext(ReportTheme Theme, float Width, float PageBodyHeight)
{
    /// <summary>
    /// The page each anchored slice landed on. It is filled in by pagination, which comes after layout and
    /// before drawing, so a slice may read it when it is drawn (a table of contents), never while laying out.
    /// </summary>
    public PageAnchors Anchors { get; init; } = new();
}

/// <summary>Page numbers (1-based) of named places in a document, known once the document is paginated.</summary>
internal sealed class PageAnchors
{
    private readonly Dictionary<string, int> _pages = new(StringComparer.Ordinal);

    public int? PageOf(string anchor) => _pages.TryGetValue(anchor, out var page) ? page : null;

    internal void Set(string anchor, int page) => _pages.TryAdd(anchor, page);
}

/// <summary>
/// The smallest unit the paginator moves: a page may break before a slice, never inside it.
/// </summary>
/// <param name="Height">Height in points.</param>
/// <param name="Draw">Draws the slice with its top-left corner at the given point.</param>
internal sealed record Slice(float Height, Action<SKCanvas, SKPoint> Draw)
{
    /// <summary>Do not end a page after this slice (headings, table header rows).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Space between blocks: dropped when it would start a page.</summary>
    public bool DroppedAtPageTop { get; init; }

    /// <summary>When this slice starts a page, draw this one above it first (a table's header row).</summary>
    public Slice? RepeatAtPageTop { get; init; }

    /// <summary>End the page before this slice, unless the page is still empty (a page break).</summary>
    public bool StartsPage { get; init; }

    /// <summary>A name for the place this slice is drawn; its page number ends up in <see cref="LayoutContext.Anchors"/>.</summary>
    public string? Anchor { get; init; }

    public static Slice Space(float height) => new(height, static (_, _) => { }) { DroppedAtPageTop = true };

    /// <summary>The same slice drawn <paramref name="dx"/> points further right (a repeated header moves along).</summary>
    public Slice Shifted(float dx) => this with
    {
        Draw = (canvas, at) => Draw(canvas, new SKPoint(at.X + dx, at.Y)),
        RepeatAtPageTop = RepeatAtPageTop?.Shifted(dx),
    };
}
