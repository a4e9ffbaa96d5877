using System.Text;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;

namespace Benchmark.Reports.Html;

/// <summary>
/// What the council and the national report pages share: the document head with its inline style sheet,
/// charts with their title, description, legend and data table, and plain tables. Ids are numbered in document
/// order, so the same report always gives the same page.
/// </summary>
internal sealed class HtmlPage
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _charts;

    public HtmlPage(HtmlPalette palette, ReportLabels labels, Language language)
    {
        Palette = palette;
        Labels = labels;
        Language = language;
        Charts = new SvgCharts(palette, language);
    }

    public HtmlWriter Writer { get; } = new();

    public HtmlPalette Palette { get; }

    public ReportLabels Labels { get; }

    public Language Language { get; }

    public SvgCharts Charts { get; }

    public string LanguageCode => Language == Language.English ? "en" : "nl";

    /// <summary>An id for an element, unique in the page: the suggestion made safe, numbered if taken.</summary>
    public string Id(string suggestion)
    {
        var builder = new StringBuilder();
        foreach (var c in suggestion.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var id = builder.ToString().Trim('-');
        id = id.Length == 0 || !char.IsAsciiLetter(id[0]) ? "s-" + id : id;
        var unique = id;
        for (var i = 2; !_ids.Add(unique); i++)
        {
            unique = id + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    public void Begin(string title)
    {
        var w = Writer;
        w.Raw("<!DOCTYPE html>\n");
        w.Open("html", ("lang", LanguageCode));
        w.Open("head");
        w.Empty("meta", ("charset", "utf-8")).Line();
        w.Empty("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
        w.Element("title", title);
        w.Empty("meta", ("name", "description"), ("content", Labels.Subject)).Line();
        w.Empty("meta", ("name", "author"), ("content", Labels.Author)).Line();
        w.Open("style").Raw(StyleSheet(Palette)).Close("style");
        w.Close("head");
        w.Open("body");
    }

    public string End()
    {
        Writer.Close("body").Close("html");
        return Writer.ToString();
    }

    /// <summary>A table of contents: links to the sections, nested one level where a section has parts.</summary>
    public void Contents(IReadOnlyList<(string Id, string Text, IReadOnlyList<(string Id, string Text)> Children)> entries)
    {
        var w = Writer;
        var headingId = Id("contents");
        w.Open("nav", ("class", "contents"), ("aria-labelledby", headingId));
        w.Element("h2", Labels.Contents, ("id", headingId));
        w.Open("ol");
        foreach (var (id, text, children) in entries)
        {
            w.Open("li").Element("a", text, ("href", "#" + id));
            if (children.Count > 0)
            {
                w.Line().Open("ol");
                foreach (var (childId, childText) in children)
                {
                    w.Open("li").Element("a", childText, ("href", "#" + childId)).Close("li");
                }

                w.Close("ol");
            }

            w.Close("li");
        }

        w.Close("ol");
        w.Close("nav");
    }

    public void Paragraphs(IEnumerable<string> paragraphs, string? cssClass = null)
    {
        foreach (var paragraph in paragraphs)
        {
            Writer.Element("p", paragraph, ("class", cssClass));
        }
    }

    public void List(IReadOnlyList<string> items, string? cssClass = null)
    {
        if (items.Count == 0)
        {
            return;
        }

        Writer.Open("ul", ("class", cssClass));
        foreach (var item in items)
        {
            Writer.Element("li", item);
        }

        Writer.Close("ul");
    }

    /// <summary>
    /// A chart: its title as a heading, a legend, the SVG (named by the title and the description), the description
    /// as visible text and the chart's data as a table. <paramref name="table"/> replaces the chart's own table
    /// when the report carries the same data as a table of its own, which is then shown open.
    /// </summary>
    public void Chart(
        ChartText text,
        int headingLevel,
        Action<HtmlWriter, string> draw,
        IReadOnlyList<(LegendKey Key, string Label)> legend,
        DataTable? table = null,
        string? headingId = null,
        Action? customLegend = null)
    {
        var w = Writer;
        _charts++;
        var number = _charts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var titleId = headingId ?? Id("chart-" + number + "-title");
        var descriptionId = Id("chart-" + number + "-description");
        w.Open("div", ("class", "chart"), ("id", Id("chart-" + number)));
        w.Element("h" + headingLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), text.Title, ("id", titleId));
        if (legend.Count > 0)
        {
            w.Open("ul", ("class", "legend"));
            foreach (var (key, label) in legend)
            {
                w.Open("li");
                Charts.Key(w, key);
                w.Text(label).Close("li");
            }

            w.Close("ul");
        }

        customLegend?.Invoke();
        draw(w, titleId + " " + descriptionId);
        w.Element("p", text.Description, ("id", descriptionId), ("class", "chart-description"));
        if (table is null)
        {
            w.Open("details", ("class", "chart-data"));
            w.Element("summary", Labels.DataTableLabel);
            Table(text.Data);
            w.Close("details");
        }
        else
        {
            Table(table);
        }

        w.Close("div");
    }

    /// <summary>A data table: the caption names it, the header row and the first column are header cells.</summary>
    public void Table(DataTable table)
    {
        var w = Writer;
        w.Open("div", ("class", "table-wrap"));
        w.Open("table");
        w.Element("caption", table.Caption);
        w.Open("thead").Open("tr");
        for (var i = 0; i < table.Headers.Count; i++)
        {
            w.Element("th", table.Headers[i], ("scope", "col"), ("class", i > 0 && ColumnIsNumeric(table, i) ? "num" : null));
        }

        w.Close("tr").Close("thead");
        w.Open("tbody");
        foreach (var row in table.Rows)
        {
            w.Open("tr");
            for (var i = 0; i < row.Count; i++)
            {
                if (i == 0)
                {
                    w.Element("th", row[i], ("scope", "row"));
                }
                else
                {
                    w.Element("td", row[i], ("class", ColumnIsNumeric(table, i) ? "num" : null));
                }
            }

            w.Close("tr");
        }

        w.Close("tbody");
        w.Close("table");
        w.Close("div");
    }

    private static bool ColumnIsNumeric(DataTable table, int column) =>
        table.Rows.All(r => column >= r.Count || IsNumeric(r[column]));

    private static bool IsNumeric(string cell) =>
        cell.Length > 0 && cell.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '%' or ' ' or '–' or '-' or '\u00A0');

    private static string StyleSheet(HtmlPalette p) => $$"""

:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html { background: {{p.Background}}; color: {{p.Text}}; }
body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1.25rem 3rem; font-family: "Source Sans 3", "Source Sans Pro", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 1.0625rem; line-height: 1.5; }
h1, h2, h3, h4 { line-height: 1.2; font-weight: 600; margin: 1.6em 0 0.5em; }
h1 { color: {{p.Accent}}; font-size: 2rem; margin-top: 0.4em; }
h2 { font-size: 1.5rem; padding-top: 0.6em; border-top: 2px solid {{p.Rule}}; }
h3 { font-size: 1.2rem; }
h4 { font-size: 1.05rem; }
p, ul, ol { margin: 0 0 0.8em; }
a { color: {{p.Accent}}; }
a:focus-visible, summary:focus-visible { outline: 3px solid {{p.Accent}}; outline-offset: 2px; }
.cover { padding: 1rem 0 1.5rem; border-bottom: 4px solid {{p.Accent}}; margin-bottom: 1rem; }
.cover .subject { color: {{p.Muted}}; font-size: 1rem; margin: 0; text-transform: none; }
.cover .lead { font-size: 1.25rem; }
.cover .meta { color: {{p.Muted}}; margin: 0; }
.contents h2 { border-top: none; padding-top: 0; margin-top: 0.5em; }
.contents ol { padding-left: 1.5rem; }
.contents ol ol { list-style: disc; margin: 0.2em 0 0.3em; }
.index { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; margin: 0.5rem 0 1rem; }
.index-value { font-size: 3.5rem; font-weight: 600; color: {{p.Accent}}; line-height: 1; }
.index-caption { color: {{p.Muted}}; font-size: 1.1rem; }
.note { border-left: 4px solid {{p.Muted}}; padding-left: 0.75rem; }
.label { font-weight: 600; }
.muted { color: {{p.Muted}}; }
.chart { margin: 1.5rem 0 2rem; }
.chart-graphic { display: block; width: 100%; max-width: 680px; height: auto; margin: 0.5rem 0; }
.chart-graphic text { font-family: inherit; }
.chart-description { color: {{p.Text}}; font-size: 0.95rem; }
.legend { list-style: none; padding: 0; margin: 0.25rem 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; font-size: 0.95rem; }
.legend li { display: flex; align-items: center; gap: 0.4rem; }
.key { flex: none; }
details.chart-data { margin: 0.25rem 0 0.5rem; }
details.chart-data summary { cursor: pointer; color: {{p.Accent}}; text-decoration: underline; }
.table-wrap { margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid {{p.Rule}}; }
thead th { background: {{p.TableHeader}}; }
tbody tr:nth-child(even) { background: {{p.Stripe}}; }
tbody th { font-weight: 400; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.leaders { list-style: none; padding: 0; }
.leaders li { margin: 0 0 0.8rem; padding-left: 0.9rem; border-left: 3px solid {{p.Rule}}; }
.leaders p { margin: 0 0 0.3em; }
.leader-name { font-weight: 600; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid {{p.Rule}}; color: {{p.Muted}}; font-size: 0.95rem; }
@media print {
  @page { size: A4; margin: 16mm 15mm 18mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: {{p.Text}}; text-decoration: none; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  .major { break-before: page; }
  .chart-graphic, .legend, .leaders li, tr { break-inside: avoid; }
  .chart-graphic { max-width: 100%; }
  details.chart-data summary { color: {{p.Text}}; text-decoration: none; font-weight: 600; }
  details.chart-data::details-content { content-visibility: visible; display: block; }
}

""";
}
