using System.Globalization;
using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>Document metadata. <paramref name="Date"/> is the data date of the report, never the clock, so output is reproducible.</summary>
public sealed record ReportInfo(string Title, string Author, string Subject, DateTimeOffset Date, string Language = "nl");

/// <summary>
/// An A4 PDF document: blocks flow top to bottom and break over pages automatically; every page gets a
/// header (the title) and a footer ("pagina x van y"). Same blocks and same <see cref="ReportInfo"/> give
/// byte-identical files.
/// </summary>
public sealed class PdfReport(ReportTheme theme, ReportInfo info)
{
    private readonly List<IBlock> _blocks = [];

    public PdfReport Add(IBlock block)
    {
        _blocks.Add(block);
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Write(stream);
        return stream.ToArray();
    }

    public void Write(Stream output)
    {
        var pages = Paginate();
        using var buffer = new MemoryStream();
        using (var document = SKDocument.CreatePdf(buffer, Metadata()))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(theme.PageSize.Width, theme.PageSize.Height);
                DrawFrame(canvas, i + 1, pages.Count);
                foreach (var (slice, y) in pages[i])
                {
                    slice.Draw(canvas, new SKPoint(theme.Margins.Left, theme.Margins.Top + y));
                }

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
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject,
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

        var headerBaseline = theme.Margins.Top - 28;
        canvas.DrawText(info.Title, left, headerBaseline, SKTextAlign.Left, font, paint);
        canvas.DrawLine(left, headerBaseline + 6, right, headerBaseline + 6, rule);

        var footerBaseline = theme.PageSize.Height - (theme.Margins.Bottom / 2);
        canvas.DrawLine(left, footerBaseline - 12, right, footerBaseline - 12, rule);
        canvas.DrawText(info.Date.ToString("d MMMM yyyy", Culture), left, footerBaseline, SKTextAlign.Left, font, paint);
        canvas.DrawText(PageLabel(page, pageCount), right, footerBaseline, SKTextAlign.Right, font, paint);
    }

    private CultureInfo Culture => CultureInfo.GetCultureInfo(info.Language);

    private string PageLabel(int page, int pageCount) =>
        info.Language.StartsWith("nl", StringComparison.Ordinal) ? $"pagina {page} van {pageCount}" : $"page {page} of {pageCount}";
}
