using Benchmark.Core.Reports;
using Benchmark.Reports.Charts;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Pdf;

/// <summary>Pieces both reports are made of: a cover, a chart with its title and description, a data table.</summary>
internal static class Components
{
    /// <summary>
    /// A chart as a figure: its title as a real heading (so it is text in the PDF, found by search and screen
    /// readers), the chart, and what it shows in words. The three stay on one page.
    /// </summary>
    public static IBlock Figure(ChartText text, ChartFigure figure, bool withDescription = true)
    {
        var blocks = new List<IBlock> { new Heading(text.Title, 3) };
        blocks.AddRange(Chart(figure));
        if (withDescription)
        {
            blocks.Add(new Paragraph([new Span(text.Description, FontFace.Italic)], t => t.Caption));
        }

        return new KeepTogether(blocks);
    }

    /// <summary>A chart with its legend under it.</summary>
    public static IEnumerable<IBlock> Chart(ChartFigure figure)
    {
        yield return new ChartBlock(figure.Plot, figure.Height, styled: true);
        if (figure.Legend.Count > 0)
        {
            yield return new Legend(figure.Legend);
        }
    }

    /// <summary>
    /// A <see cref="DataTable"/> as a table under its caption. Columns get widths after their longest cell, and
    /// columns of figures (digits, %, –) are right-aligned. The caption is left out when it only repeats a heading.
    /// </summary>
    public static IBlock Table(DataTable table, bool withCaption = true)
    {
        var columnCount = table.Headers.Count;
        var columns = Enumerable.Range(0, columnCount).Select(c =>
        {
            var cells = table.Rows.Select(r => c < r.Count ? r[c] : "").ToList();
            var longest = cells.Append(table.Headers[c]).Max(s => s.Length);
            var numeric = c > 0 && cells.Count > 0 && cells.All(IsFigure);
            return new TableColumn(table.Headers[c], Math.Clamp(longest, 6, 60), numeric ? CellAlignment.Right : CellAlignment.Left);
        }).ToList();
        var body = new Layout.Table(columns, table.Rows);
        return withCaption ? new Group(new Heading(table.Caption, 3), body) : body;
    }

    /// <summary>The cover: who it is from, the title, what it is about, facts and the data date, then the contents.</summary>
    internal static IEnumerable<IBlock> Cover(ReportLabels labels, IEnumerable<string> facts, IEnumerable<string> intro, IReadOnlyList<(string Text, string Anchor)> contents)
    {
        yield return new Spacer(48);
        yield return new Paragraph([new Span(labels.Author, FontFace.Semibold)], t => t.Body with { Colour = t.Accent });
        yield return new Rule(3, accent: true);
        yield return new Spacer(16);
        yield return new Paragraph([new Span(labels.DocumentTitle, FontFace.Semibold)], t => t.CoverTitle);
        yield return new Spacer(4);
        yield return new Paragraph([new Span(labels.CoverLine)], t => t.CoverSubtitle);
        yield return new Spacer(12);
        foreach (var fact in facts)
        {
            yield return new Paragraph([new Span(fact, FontFace.Semibold)]);
        }

        yield return new Paragraph([new Span(labels.DataDateLine)], t => t.Body with { Colour = t.Muted });
        foreach (var paragraph in intro)
        {
            yield return new Paragraph(paragraph);
        }

        yield return new Spacer(24);
        yield return new Contents(labels.Contents, contents);
        yield return new PageBreak();
    }

    internal static ReportInfo Info(ReportLabels labels, DateOnly dataDate, string language) =>
        new(labels.DocumentTitle, labels.Author, labels.Subject, new DateTimeOffset(dataDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), language)
        {
            PageWord = labels.PageWord,
            OfWord = labels.OfWord,
            FooterText = labels.DataDateLine,
            HeaderOnFirstPage = false,
        };

    /// <param name="onNewPage">
    /// Whether the methodology starts a page of its own. Without, the heading stays with the first section, so it never
    /// stands alone at the foot of a page.
    /// </param>
    internal static IEnumerable<IBlock> Methodology(string heading, string anchor, IEnumerable<TextSection> sections, bool onNewPage = true)
    {
        if (onNewPage)
        {
            yield return new PageBreak();
        }

        var first = true;
        foreach (var section in sections)
        {
            var blocks = new List<IBlock>();
            if (first)
            {
                blocks.Add(new Heading(heading, 1) { Anchor = anchor });
            }

            if (section.Heading != heading)
            {
                blocks.Add(new Heading(section.Heading, 2));
            }

            blocks.AddRange(section.Paragraphs.Select(p => new Paragraph(p)));
            yield return new KeepTogether(blocks);
            first = false;
        }
    }

    private static bool IsFigure(string cell) =>
        cell.Length > 0 && cell.All(ch => char.IsDigit(ch) || ch is ',' or '.' or '%' or ' ' or '–' or '-' or '\u00A0');
}
