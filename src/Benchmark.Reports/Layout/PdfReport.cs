using System.Globalization;
using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>Document metadata. <paramref name="Date"/> is the data date of the report, never the clock, so output is reproducible.</summary>
internal sealed record ReportInfo(string Title, string Author, string Subject, DateTimeOffset Date, string Language = "nl")
{
    /// <summary>The words of the footer's "pagina x van y"; without them Dutch or English is picked from <see cref="Language"/>.</summary>
    public string? PageWord { get; init; }

    public string? OfWord { get; init; }

    /// <summary>Left in the footer; by default the date.</summary>
    public string? FooterText { get; init; }

    /// <summary>A cover page carries the title itself and needs no header.</summary>
    public bool HeaderOnFirstPage { get; init; } = true;
}

/// <summary>
/// An A4 PDF document: blocks flow top to bottom and break over pages automatically; every page gets a
/// header (the title) and a footer ("pagina x van y"). Same blocks and same <see cref="ReportInfo"/> give
/// byte-identical files. A page can also be drawn on a raster canvas (<see cref="RenderPagePng"/>) by the same
/// code that draws it into the PDF, which is what visual tests compare.
/// </summary>
internal sealed class PdfReport(ReportTheme theme, ReportInfo info)
{
    private readonly List<IBlock> _blocks = [];
    private List<List<(Slice Slice, float Y)>>? _pages;

    public PdfReport Add(IBlock block)
    {
        _blocks.Add(block);
        _pages = null;
        return this;
    }

    public PdfReport AddRange(IEnumerable<IBlock> blocks)
    {
        foreach (var block in blocks)
        {
            Add(block);
        }

        return this;
    }

    public int PageCount => Pages.Count;

    private List<List<(Slice Slice, float Y)>> Pages
    {
        get
        {
            lock (_renderLock)
            {
                return _pages ??= Paginate();
            }
        }
    }

    /// <summary>Draws page <paramref name="pageIndex"/> (0-based) onto any canvas, in points from the top-left corner of the page.</summary>
    public void RenderPage(SKCanvas canvas, int pageIndex)
    {
        lock (_renderLock)
        {
            RenderPageUnlocked(canvas, pageIndex);
        }
    }

    /// <summary>
    /// A document draws one page at a time: its charts are ScottPlot plots, which keep render state (a plot's first
    /// render settles its layout) and must not be drawn from two threads at once. Different documents draw in
    /// parallel: a process-wide lock made two report workers render one after the other, and drawing is most of a
    /// report's cost (docs/PERFORMANCE.md, the reports measurement, which also checks that reports drawn two at a
    /// time are byte-identical to reports drawn alone). ScottPlot's shared typeface cache is a concurrent dictionary;
    /// the report typefaces are loaded once, before any drawing, and only read afterwards.
    /// </summary>
    private readonly Lock _renderLock = new();

    private void RenderPageUnlocked(SKCanvas canvas, int pageIndex)
    {
        var pages = Pages;
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, pages.Count);
        DrawFrame(canvas, pageIndex + 1, pages.Count);
        foreach (var (slice, y) in pages[pageIndex])
        {
            slice.Draw(canvas, new SKPoint(theme.Margins.Left, theme.Margins.Top + y));
        }
    }

    /// <summary>
    /// Page <paramref name="pageIndex"/> (0-based) as a PNG on a white background; <paramref name="scale"/> is pixels per
    /// point, so 1 gives 595 × 842 pixels for A4.
    /// </summary>
    public byte[] RenderPagePng(int pageIndex, float scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var width = (int)Math.Ceiling(theme.PageSize.Width * scale);
        var height = (int)Math.Ceiling(theme.PageSize.Height * scale);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Skia could not create a raster surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        RenderPage(canvas, pageIndex);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Write(stream);
        return stream.ToArray();
    }

    public void Write(Stream output)
    {
        using var buffer = new MemoryStream();
        lock (_renderLock)
        {
            var pageCount = Pages.Count;
            using var document = SKDocument.CreatePdf(buffer, Metadata());
            for (var i = 0; i < pageCount; i++)
            {
                var canvas = document.BeginPage(theme.PageSize.Width, theme.PageSize.Height);
                RenderPageUnlocked(canvas, i);
                document.EndPage();
            }

            document.Close();
        }

        // Skia's metadata has no language, and its PDF/A document id depends on the clock.
        // The identifier first: rewriting it may change the file's length, and the language update appended after it records byte offsets.
        var bytes = PdfPostProcessor.AddLanguage(PdfPostProcessor.MakeIdentifierDeterministic(buffer.ToArray()), info.Language);
        output.Write(bytes);
    }

    private SKDocumentPdfMetadata Metadata()
    {
        // UTC, so the dates in the file do not depend on the time zone of the machine.
        var date = info.Date.UtcDateTime;
        return new SKDocumentPdfMetadata
        {
            Title = ReportTheme.Printable(info.Title),
            Author = ReportTheme.Printable(info.Author),
            Subject = ReportTheme.Printable(info.Subject),
            Creator = "Benchmark e-overheid",
            Producer = "Benchmark e-overheid",
            Creation = date,
            Modified = date,
            PdfA = true,
            // Only what Skia must rasterise (nothing in our own components) uses this; 300 dpi keeps that sharp in print.
            RasterDpi = 300,
        };
    }

    private SKSize BodySize => new(
        theme.PageSize.Width - theme.Margins.Left - theme.Margins.Right,
        theme.PageSize.Height - theme.Margins.Top - theme.Margins.Bottom);

    /// <summary>Distributes all slices over pages before anything is drawn, so the page count is known for the footer.</summary>
    internal List<List<(Slice Slice, float Y)>> Paginate()
    {
        var body = BodySize;
        var context = new LayoutContext(theme, body.Width, body.Height);
        var slices = _blocks.SelectMany(b => b.Layout(context)).ToList();
        var pages = new List<List<(Slice, float)>> { new() };
        var y = 0f;

        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            if (slice.StartsPage && y > 0)
            {
                pages.Add([]);
                y = 0;
            }

            if (y == 0 && slice.DroppedAtPageTop)
            {
                continue;
            }

            var needed = HeightKeptWith(slices, i);
            if (y > 0 && y + needed > body.Height)
            {
                // A chain taller than a page cannot move as a whole; then only the slice itself must fit.
                if (needed <= body.Height || y + slice.Height > body.Height)
                {
                    pages.Add([]);
                    y = 0;
                    if (slice.DroppedAtPageTop)
                    {
                        continue;
                    }
                }
            }

            if (y == 0 && slice.RepeatAtPageTop is { } repeated)
            {
                pages[^1].Add((repeated, y));
                y += repeated.Height;
            }

            pages[^1].Add((slice, y));
            y += slice.Height;
            if (slice.Anchor is { } anchor)
            {
                context.Anchors.Set(anchor, pages.Count);
            }
        }

        return pages;
    }

    /// <summary>The height of a slice plus everything it must stay on the page with.</summary>
    private static float HeightKeptWith(List<Slice> slices, int index)
    {
        var height = slices[index].Height;
        var keep = slices[index].KeepWithNext;
        for (var j = index + 1; keep && j < slices.Count; j++)
        {
            height += slices[j].Height;
            keep = slices[j].KeepWithNext || slices[j].DroppedAtPageTop;
        }

        return height;
    }

    private void DrawFrame(SKCanvas canvas, int page, int pageCount)
    {
        var left = theme.Margins.Left;
        var right = theme.PageSize.Width - theme.Margins.Right;
        var small = theme.Small;
        using var font = theme.Font(small);
        using var paint = new SKPaint { Color = small.Colour, IsAntialias = true };
        using var rule = new SKPaint { Color = theme.Rule, StrokeWidth = 0.5f, IsStroke = true };

        if (page > 1 || info.HeaderOnFirstPage)
        {
            var headerBaseline = theme.Margins.Top - 28;
            canvas.DrawText(ReportTheme.Printable(info.Title), left, headerBaseline, SKTextAlign.Left, font, paint);
            canvas.DrawLine(left, headerBaseline + 6, right, headerBaseline + 6, rule);
        }

        var footerBaseline = theme.PageSize.Height - (theme.Margins.Bottom / 2);
        canvas.DrawLine(left, footerBaseline - 12, right, footerBaseline - 12, rule);
        canvas.DrawText(info.FooterText ?? info.Date.ToString("d MMMM yyyy", Culture), left, footerBaseline, SKTextAlign.Left, font, paint);
        canvas.DrawText(PageLabel(page, pageCount), right, footerBaseline, SKTextAlign.Right, font, paint);
    }

    private CultureInfo Culture => CultureInfo.GetCultureInfo(info.Language);

    private string PageLabel(int page, int pageCount)
    {
        var dutch = info.Language.StartsWith("nl", StringComparison.Ordinal);
        return $"{info.PageWord ?? (dutch ? "pagina" : "page")} {page} {info.OfWord ?? (dutch ? "van" : "of")} {pageCount}";
    }
}
