using Benchmark.Core.Reports;
using Benchmark.Core.Text;

namespace Benchmark.Reports.Html;

/// <summary>
/// The national report as one self-contained, accessible HTML page with the same content as the PDF:
/// levels per size class, spread per building block, leaders, response and methodology.
/// </summary>
internal static class NationalReportHtml
{
    public static string Render(NationalReport report, HtmlPalette palette)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Labels;
        var page = new HtmlPage(palette, labels, report.Language);
        var w = page.Writer;

        var levelsId = page.Id("levels");
        var spreadId = page.Id("spread");
        var boxIds = report.BoxPlots.Select((_, i) => page.Id("spread-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var leadersId = page.Id("leaders");
        var sizeId = page.Id("response-size-class");
        var provinceId = page.Id("response-province");
        var methodologyId = page.Id("methodology");

        page.Begin(labels.DocumentTitle);

        w.Open("header", ("class", "cover"));
        w.Element("p", labels.Subject, ("class", "subject"));
        w.Element("h1", labels.DocumentTitle);
        w.Element("p", labels.CoverLine, ("class", "lead"));
        w.Element("p", labels.DataDateLine, ("class", "meta"));
        w.Close("header");

        page.Contents(
        [
            (levelsId, labels.PositionHeading, []),
            (spreadId, labels.DomainsHeading, report.BoxPlots.Select((b, i) => (boxIds[i], b.Text.Title)).ToList()),
            (leadersId, report.LeadersHeading, []),
            (sizeId, report.ResponseBySizeClass.Text.Title, []),
            (provinceId, report.ResponseByProvince.Text.Title, []),
            (methodologyId, labels.MethodologyHeading, []),
        ]);

        w.Open("main", ("id", page.Id("main")));
        page.Paragraphs(report.Intro, "lead");

        // Levels per size class as a heat map.
        CouncilReportHtml.Section(w, levelsId, labels.PositionHeading);
        w.Element("p", labels.PositionIntro);
        var heat = report.Levels;
        page.Chart(
            heat.Text,
            3,
            (writer, by) => page.Charts.HeatMap(writer, heat, by),
            [],
            customLegend: () => HeatLegend(page));
        w.Close("section");

        // Spread per building block: box plots per domain.
        CouncilReportHtml.Section(w, spreadId, labels.DomainsHeading);
        w.Element("p", labels.DomainsIntro);
        for (var i = 0; i < report.BoxPlots.Count; i++)
        {
            var box = report.BoxPlots[i];
            page.Chart(box.Text, 3, (writer, by) => page.Charts.BoxPlots(writer, box, by), [], headingId: boxIds[i]);
        }

        w.Close("section");

        // Leaders: a table.
        CouncilReportHtml.Section(w, leadersId, report.LeadersHeading);
        w.Element("p", labels.LearnFromIntro);
        page.Table(report.Leaders);
        w.Close("section");

        // Response: each chart's data is the report's own response table, shown below it.
        Response(page, sizeId, report.ResponseBySizeClass, report.ResponseBySizeClassTable);
        Response(page, provinceId, report.ResponseByProvince, report.ResponseByProvinceTable);

        CouncilReportHtml.Methodology(page, methodologyId, labels.MethodologyHeading, report.Methodology);

        w.Close("main");
        w.Open("footer");
        w.Element("p", labels.Author);
        w.Element("p", labels.DataDateLine);
        w.Close("footer");
        return page.End();
    }

    private static void Response(HtmlPage page, string id, ResponseChart chart, DataTable table)
    {
        var w = page.Writer;
        w.Open("section", ("aria-labelledby", id), ("class", "major"));
        var sameData = SameData(chart.Text.Data, table);
        page.Chart(chart.Text, 2, (writer, by) => page.Charts.Response(writer, chart, by), [], sameData ? table : null, headingId: id);
        if (!sameData)
        {
            page.Table(table);
        }

        w.Close("section");
    }

    private static bool SameData(DataTable a, DataTable b) =>
        a.Headers.SequenceEqual(b.Headers, StringComparer.Ordinal)
        && a.Rows.Count == b.Rows.Count
        && a.Rows.Zip(b.Rows).All(p => p.First.SequenceEqual(p.Second, StringComparer.Ordinal));

    /// <summary>The shades of the heat map, one per level.</summary>
    private static void HeatLegend(HtmlPage page)
    {
        var w = page.Writer;
        w.Open("ul", ("class", "legend"));
        for (var level = 1; level <= 5; level++)
        {
            w.Open("li");
            page.Charts.HeatKey(w, level);
            w.Text(Numbers.Format(level, page.Language)).Close("li");
        }

        w.Close("ul");
    }
}
