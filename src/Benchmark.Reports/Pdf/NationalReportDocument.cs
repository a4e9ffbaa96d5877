using Benchmark.Core.Reports;
using Benchmark.Reports.Charts;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Pdf;

/// <summary>
/// Lays out a <see cref="NationalReport"/> on A4: cover with the introduction and contents, the heat map of levels
/// per size class, box plots per domain, the leaders table, response by size class and by province (chart and
/// table), and the methodology.
/// </summary>
internal static class NationalReportDocument
{
    private const string LevelsAnchor = "levels";
    private const string SpreadAnchor = "spread";
    private const string LeadersAnchor = "leaders";
    private const string ResponseSizeAnchor = "response-size";
    private const string ResponseProvinceAnchor = "response-province";
    private const string MethodologyAnchor = "methodology";

    public static PdfReport Compose(NationalReport report, ReportTheme theme)
    {
        var labels = report.Labels;
        var language = report.Language;
        var pdf = new PdfReport(theme, Components.Info(labels, report.DataDate, report.LanguageCode));
        pdf.AddRange(Components.Cover(
            labels,
            [],
            report.Intro,
            [
                (labels.PositionHeading, LevelsAnchor),
                (labels.DomainsHeading, SpreadAnchor),
                (report.LeadersHeading, LeadersAnchor),
                (report.ResponseBySizeClass.Text.Title, ResponseSizeAnchor),
                (report.ResponseByProvince.Text.Title, ResponseProvinceAnchor),
                (labels.MethodologyHeading, MethodologyAnchor),
            ]));

        pdf.Add(new Heading(labels.PositionHeading, 1) { Anchor = LevelsAnchor })
            .Add(new Paragraph(labels.PositionIntro))
            .Add(Components.Figure(report.Levels.Text, HeatMapPlot.Create(report.Levels, theme, language)))
            .Add(new PageBreak());

        pdf.Add(new Heading(labels.DomainsHeading, 1) { Anchor = SpreadAnchor })
            .Add(new Paragraph(labels.DomainsIntro))
            .AddRange(report.BoxPlots.Select(b => Components.Figure(b.Text, BoxPlotChartPlot.Create(b, theme, language, BoxPlotChartPlot.LabelColumn(theme, report.BoxPlots)))))
            .Add(new PageBreak());

        pdf.Add(new Heading(report.LeadersHeading, 1) { Anchor = LeadersAnchor })
            .Add(new Paragraph(labels.LearnFromIntro))
            .Add(Components.Table(report.Leaders, withCaption: report.Leaders.Caption != report.LeadersHeading))
            .Add(new PageBreak());

        foreach (var (chart, table, anchor) in new[]
        {
            (report.ResponseBySizeClass, report.ResponseBySizeClassTable, ResponseSizeAnchor),
            (report.ResponseByProvince, report.ResponseByProvinceTable, ResponseProvinceAnchor),
        })
        {
            var figure = ResponseChartPlot.Create(chart, theme, language);
            pdf.Add(new KeepTogether([
                    new Heading(chart.Text.Title, 1) { Anchor = anchor },
                    .. Components.Chart(figure),
                    new Paragraph([new Span(chart.Text.Description, FontFace.Italic)], t => t.Caption)]))
                .Add(Components.Table(table));
        }

        pdf.AddRange(Components.Methodology(labels.MethodologyHeading, MethodologyAnchor, report.Methodology));
        return pdf;
    }
}
