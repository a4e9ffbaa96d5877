using Benchmark.Core.Reports;
using Benchmark.Reports.Charts;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Pdf;

/// <summary>
/// Lays out a <see cref="CouncilReport"/> on A4: cover with contents, a one-page summary, where the municipality
/// stands (radar, distribution, trend), a section per domain, who to learn from, completeness and checks, and the
/// methodology. Every word and number comes from the report model; this class only places them.
/// </summary>
internal static class CouncilReportDocument
{
    private const string SummaryAnchor = "summary";
    private const string PositionAnchor = "position";
    private const string DomainsAnchor = "domains";
    private const string LearnFromAnchor = "learn-from";
    private const string CompletenessAnchor = "completeness";
    private const string MethodologyAnchor = "methodology";

    public static PdfReport Compose(CouncilReport report, ReportTheme theme)
    {
        var labels = report.Labels;
        var pdf = new PdfReport(theme, Components.Info(labels, report.DataDate, report.LanguageCode));
        var m = report.Municipality;
        pdf.AddRange(Components.Cover(
            labels,
            [m.Name, $"{m.Province} · {m.SizeClass}"],
            [],
            [
                (report.Summary.Heading, SummaryAnchor),
                (labels.PositionHeading, PositionAnchor),
                (labels.DomainsHeading, DomainsAnchor),
                (labels.LearnFromHeading, LearnFromAnchor),
                (report.Completeness.Heading, CompletenessAnchor),
                (labels.MethodologyHeading, MethodologyAnchor),
            ]));
        pdf.AddRange(Summary(report.Summary));
        pdf.AddRange(Position(report, theme));
        pdf.AddRange(Domains(report, theme));
        pdf.AddRange(LearnFrom(report));
        pdf.AddRange(Completeness(report.Completeness));
        pdf.AddRange(Components.Methodology(labels.MethodologyHeading, MethodologyAnchor, report.Methodology, onNewPage: false));
        return pdf;
    }

    private static IEnumerable<IBlock> Summary(ReportSummary summary)
    {
        yield return new Heading(summary.Heading, 1) { Anchor = SummaryAnchor };
        yield return new KeyFigure(summary.IndexText, summary.IndexCaption);
        foreach (var paragraph in summary.Paragraphs)
        {
            yield return new Paragraph(paragraph);
        }

        foreach (var (heading, items) in new[] { (summary.StrengthsHeading, summary.Strengths), (summary.GapsHeading, summary.Gaps) })
        {
            if (items.Count > 0)
            {
                yield return new Heading(heading, 2);
                yield return new BulletList(items.Select(h => h.Sentence));
            }
        }

        yield return new Heading(summary.ChangeHeading, 2);
        yield return new Paragraph(summary.Change);
        yield return new PageBreak();
    }

    private static IEnumerable<IBlock> Position(CouncilReport report, ReportTheme theme)
    {
        var language = report.Language;
        yield return new Heading(report.Labels.PositionHeading, 1) { Anchor = PositionAnchor };
        yield return new Paragraph(report.Labels.PositionIntro);
        if (report.PeerGroup.WithheldNote is { } note)
        {
            yield return new Paragraph([new Span(note, FontFace.Italic)]);
        }

        yield return Components.Figure(report.Radar.Text, RadarChartPlot.Create(report.Radar, theme, language));
        yield return Components.Figure(report.Distribution.Text, DistributionChartPlot.Create(report.Distribution, theme, language));
        yield return Components.Figure(report.Trend.Text, TrendChart(report, theme));
    }

    /// <summary>
    /// The charts the report draws, in page order, built by the same code as <see cref="Compose"/>: the performance
    /// measurement times them drawn on their own against the whole report.
    /// </summary>
    internal static IReadOnlyList<ChartFigure> Charts(CouncilReport report, ReportTheme theme) =>
    [
        RadarChartPlot.Create(report.Radar, theme, report.Language),
        DistributionChartPlot.Create(report.Distribution, theme, report.Language),
        TrendChart(report, theme),
        .. DomainCharts(report, theme),
    ];

    private static ChartFigure TrendChart(CouncilReport report, ReportTheme theme)
    {
        var predecessors = report.Trend.Text.Data.Rows
            .Zip(report.Trend.Points)
            .FirstOrDefault(x => x.Second.FromPredecessors && x.First.Count > 2).First?[2];
        return TrendChartPlot.Create(report.Trend, theme, report.Language, predecessors);
    }

    /// <summary>One bar chart per domain, in the order of <see cref="CouncilReport.Domains"/>, sharing one column for the block names.</summary>
    private static List<ChartFigure> DomainCharts(CouncilReport report, ReportTheme theme)
    {
        var labelColumn = BandBarChartPlot.LabelColumn(theme, report.Domains.Select(d => d.Chart));
        return report.Domains.Select(d => BandBarChartPlot.Create(d.Chart, theme, report.Language, d.Chart.MedianLabel, labelColumn)).ToList();
    }

    private static IEnumerable<IBlock> Domains(CouncilReport report, ReportTheme theme)
    {
        yield return new Heading(report.Labels.DomainsHeading, 1) { Anchor = DomainsAnchor };
        yield return new Paragraph(report.Labels.DomainsIntro);
        foreach (var (domain, chart) in report.Domains.Zip(DomainCharts(report, theme)))
        {
            yield return new KeepTogether([
                new Heading(domain.Name, 2),
                new Paragraph([new Span(domain.Description)], t => t.Body with { Colour = t.Muted }),
                new Paragraph(domain.Sentence),
                new Heading(domain.Chart.Text.Title, 3),
                .. Components.Chart(chart)]);
        }

        yield return new PageBreak();
    }

    private static IEnumerable<IBlock> LearnFrom(CouncilReport report)
    {
        var labels = report.Labels;
        yield return new Heading(labels.LearnFromHeading, 1) { Anchor = LearnFromAnchor };
        yield return new Paragraph(labels.LearnFromIntro);
        foreach (var item in report.LearnFrom)
        {
            yield return new Heading(item.BlockName, 2);
            yield return new Paragraph(item.Sentence);
            if (item.NoLeaders is { } none)
            {
                yield return new Paragraph([new Span(none, FontFace.Italic)]);
            }

            foreach (var leader in item.Leaders)
            {
                var blocks = new List<IBlock> { new BulletList([[new Span(leader.Name, FontFace.Semibold), new Span(" – " + leader.Standing)]]) };
                if (leader.PracticeNote is { } practice)
                {
                    blocks.Add(new Indent(new Paragraph([new Span(labels.PracticeNoteLabel + ": ", FontFace.Semibold), new Span(practice, FontFace.Italic)]), 14));
                }

                if (leader.ContactRole is { } role)
                {
                    blocks.Add(new Indent(new Paragraph([new Span(labels.ContactLabel + ": ", FontFace.Semibold), new Span(role)]), 14));
                }

                yield return new KeepTogether(blocks);
            }
        }
    }

    private static IEnumerable<IBlock> Completeness(CompletenessSection section)
    {
        // A short section: split, its last flag would stand alone on a page before the methodology's.
        yield return new KeepTogether([
            new Heading(section.Heading, 1) { Anchor = CompletenessAnchor },
            new Paragraph(section.Sentence),
            new Paragraph(section.FlagsSentence),
            .. section.OpenFlags.Count > 0 ? [new BulletList(section.OpenFlags)] : Array.Empty<IBlock>()]);
    }
}
