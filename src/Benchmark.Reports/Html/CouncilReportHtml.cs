using Benchmark.Core.Reports;
using Benchmark.Core.Text;

namespace Benchmark.Reports.Html;

/// <summary>
/// The council report as one self-contained, accessible HTML page with the same content as the PDF:
/// cover, summary, position charts, a section per domain, who to learn from, completeness and methodology.
/// </summary>
internal static class CouncilReportHtml
{
    public static string Render(CouncilReport report, HtmlPalette palette)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Labels;
        var page = new HtmlPage(palette, labels, report.Language);
        var w = page.Writer;

        var summaryId = page.Id("summary");
        var positionId = page.Id("position");
        var domainsId = page.Id("domains");
        var domainIds = report.Domains.Select(d => page.Id("domain-" + d.DomainId)).ToList();
        var learnId = page.Id("learn-from");
        var completenessId = page.Id("completeness");
        var methodologyId = page.Id("methodology");

        page.Begin(labels.DocumentTitle);

        // Cover.
        w.Open("header", ("class", "cover"));
        w.Element("p", labels.Subject, ("class", "subject"));
        w.Element("h1", labels.DocumentTitle);
        w.Element("p", labels.CoverLine, ("class", "lead"));
        var m = report.Municipality;
        w.Element("p", $"{m.Name} · {m.Province} · {m.SizeClass}", ("class", "meta"));
        w.Element("p", labels.DataDateLine, ("class", "meta"));
        w.Close("header");

        page.Contents(
        [
            (summaryId, report.Summary.Heading, []),
            (positionId, labels.PositionHeading, []),
            (domainsId, labels.DomainsHeading, report.Domains.Select((d, i) => (domainIds[i], d.Name)).ToList()),
            (learnId, labels.LearnFromHeading, []),
            (completenessId, report.Completeness.Heading, []),
            (methodologyId, labels.MethodologyHeading, []),
        ]);

        w.Open("main", ("id", page.Id("main")));

        // Summary: the index as printed, strengths, gaps and change.
        var s = report.Summary;
        Section(w, summaryId, s.Heading);
        w.Open("p", ("class", "index"));
        w.Element("span", s.IndexText, ("class", "index-value"));
        w.Text(" ");
        w.Element("span", s.IndexCaption, ("class", "index-caption"));
        w.Close("p");
        page.Paragraphs(s.Paragraphs);
        w.Element("h3", s.StrengthsHeading);
        page.List(s.Strengths.Select(h => h.Sentence).ToList());
        w.Element("h3", s.GapsHeading);
        page.List(s.Gaps.Select(h => h.Sentence).ToList());
        w.Element("h3", s.ChangeHeading);
        w.Element("p", s.Change);
        w.Close("section");

        // Where the municipality stands.
        Section(w, positionId, labels.PositionHeading);
        w.Element("p", labels.PositionIntro);
        var radar = report.Radar;
        page.Chart(
            radar.Text,
            3,
            (writer, by) => page.Charts.Radar(writer, radar, by),
            radar.PeerLabel is null ? [(LegendKey.OwnLine, radar.OwnLabel)] : [(LegendKey.OwnLine, radar.OwnLabel), (LegendKey.PeerLine, radar.PeerLabel)]);
        var distribution = report.Distribution;
        page.Chart(
            distribution.Text,
            3,
            (writer, by) => page.Charts.Distribution(writer, distribution, by),
            Keys((LegendKey.OwnMarker, distribution.OwnLabel), (LegendKey.Band, distribution.PeerLabel), (LegendKey.Median, distribution.MedianLabel)));
        var trend = report.Trend;
        var trendLegend = new List<(LegendKey, string)> { (LegendKey.OwnLine, trend.OwnLabel) };
        var predecessorNote = trend.Text.Data.Rows.Where((_, i) => i < trend.Points.Count && trend.Points[i].FromPredecessors).Select(r => r.Count > 2 ? r[2] : string.Empty).FirstOrDefault(n => n.Length > 0);
        if (predecessorNote is not null)
        {
            trendLegend.Add((LegendKey.HollowMarker, predecessorNote));
        }

        page.Chart(trend.Text, 3, (writer, by) => page.Charts.Trend(writer, trend, by), trendLegend);
        w.Close("section");

        // One part per domain.
        Section(w, domainsId, labels.DomainsHeading);
        w.Element("p", labels.DomainsIntro);
        for (var i = 0; i < report.Domains.Count; i++)
        {
            var domain = report.Domains[i];
            w.Open("section", ("class", "domain"));
            w.Element("h3", domain.Name, ("id", domainIds[i]));
            w.Element("p", domain.Description);
            w.Element("p", domain.Sentence);
            var chart = domain.Chart;
            page.Chart(
                chart.Text,
                4,
                (writer, by) => page.Charts.BandBars(writer, chart, by),
                Keys((LegendKey.OwnBar, chart.OwnLabel), (LegendKey.Band, chart.BandLabel), (LegendKey.Median, chart.MedianLabel)));
            w.Close("section");
        }

        w.Close("section");

        // Who to learn from.
        Section(w, learnId, labels.LearnFromHeading);
        w.Element("p", labels.LearnFromIntro);
        foreach (var item in report.LearnFrom)
        {
            w.Element("h3", item.BlockName);
            w.Element("p", item.Sentence);
            if (item.Leaders.Count > 0)
            {
                w.Open("ul", ("class", "leaders"));
                foreach (var leader in item.Leaders)
                {
                    w.Open("li");
                    w.Element("p", $"{leader.Name} – {leader.Standing}", ("class", "leader-name"));
                    if (leader.PracticeNote is { } note)
                    {
                        Labelled(w, labels.PracticeNoteLabel, note);
                    }

                    if (leader.ContactRole is { } role)
                    {
                        Labelled(w, labels.ContactLabel, role);
                    }

                    w.Close("li");
                }

                w.Close("ul");
            }

            if (item.NoLeaders is { } none)
            {
                w.Element("p", none, ("class", "muted"));
            }
        }

        w.Close("section");

        // Completeness and open flags.
        var c = report.Completeness;
        Section(w, completenessId, c.Heading);
        w.Element("p", c.Sentence);
        w.Element("p", c.FlagsSentence);
        page.List(c.OpenFlags);
        w.Close("section");

        Methodology(page, methodologyId, labels.MethodologyHeading, report.Methodology);

        w.Close("main");
        w.Open("footer");
        w.Element("p", labels.Author);
        w.Element("p", labels.DataDateLine);
        w.Close("footer");
        return page.End();
    }

    internal static void Section(HtmlWriter w, string id, string heading)
    {
        w.Open("section", ("aria-labelledby", id), ("class", "major"));
        w.Element("h2", heading, ("id", id));
    }

    internal static void Methodology(HtmlPage page, string id, string heading, IReadOnlyList<TextSection> sections)
    {
        var w = page.Writer;
        Section(w, id, heading);
        foreach (var section in sections)
        {
            // A single section that repeats the heading needs no heading of its own.
            if (!(sections.Count == 1 && section.Heading == heading))
            {
                w.Element("h3", section.Heading);
            }

            page.Paragraphs(section.Paragraphs);
        }

        w.Close("section");
    }

    private static void Labelled(HtmlWriter w, string label, string text)
    {
        w.Open("p");
        w.Element("span", label + ":", ("class", "label"));
        w.Text(" " + text);
        w.Close("p");
    }

    /// <summary>The legend entries for what the chart draws: an entry without a label is not drawn, so it has no key.</summary>
    private static List<(LegendKey, string)> Keys(params (LegendKey Key, string? Label)[] entries) =>
        entries.Where(e => e.Label is not null).Select(e => (e.Key, e.Label!)).ToList();
}
