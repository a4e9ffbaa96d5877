using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports;
using Benchmark.Reports.Layout;
using Benchmark.Reports.Pdf;
using Benchmark.Testing;
using ScottPlot;

namespace Benchmark.Performance;

/// <summary>
/// The demo (seed 1, cycles 2024–2026) as report inputs in memory, without storage, the way the CLI's offline
/// report and tests/Benchmark.Reports.Tests/DemoReports.cs build them; and the work the report measurements time.
/// </summary>
public sealed class ReportDemo
{
    public const int Cycle = 2026;

    public static readonly DateOnly DataDate = new(2026, 11, 22);

    private ReportDemo(QuestionnaireCatalog catalog, OfflineReports offline, ReportTheme theme)
    {
        Catalog = catalog;
        Offline = offline;
        Theme = theme;
        Renderer = new ReportRenderer(theme);
        Municipalities = offline.Municipalities;
        Inputs = Municipalities.ToDictionary(code => code, code => offline.CouncilInput(code, DataDate), StringComparer.Ordinal);
    }

    public QuestionnaireCatalog Catalog { get; }

    public OfflineReports Offline { get; }

    internal ReportTheme Theme { get; }

    /// <summary>What the queue-triggered function renders with: the PDF and its HTML twin.</summary>
    public ReportRenderer Renderer { get; }

    public IReadOnlyList<string> Municipalities { get; }

    public IReadOnlyDictionary<string, CouncilReportInput> Inputs { get; }

    /// <summary>The width a chart gets on the page: the page body, as <see cref="ChartBlock"/> draws it.</summary>
    public int ChartWidth => (int)(Theme.PageSize.Width - Theme.Margins.Left - Theme.Margins.Right);

    public static ReportDemo Load()
    {
        var catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires"));
        var offline = new OfflineReports(DemoGenerator.Generate(catalog, 1, [2024, 2025, Cycle]), catalog, Cycle);
        return new ReportDemo(catalog, offline, ReportTheme.Load());
    }

    public CouncilReport Council(string municipality, Language language = Language.Dutch) => CouncilReportBuilder.Build(Inputs[municipality], language);

    public NationalReport National(Language language = Language.Dutch) => NationalReportBuilder.Build(Catalog.ModelForCycle(2026), Offline.National(), DataDate, language);

    /// <summary>
    /// The charts of one council report, each built from the report model by the report's own code and drawn to PNG by
    /// ScottPlot at the size it has on the page; returns the total PNG bytes, so the work cannot be optimised away.
    /// </summary>
    public long ChartsToPng(CouncilReport report)
    {
        long bytes = 0;
        foreach (var figure in CouncilReportDocument.Charts(report, Theme))
        {
            using var image = figure.Plot.GetImage(ChartWidth, (int)Math.Ceiling(figure.Height));
            bytes += image.GetImageBytes(ImageFormat.Png).Length;
        }

        return bytes;
    }

    /// <summary>The same charts drawn by ScottPlot to images in memory, without encoding them; returns the pixels drawn.</summary>
    public long ChartsToImages(CouncilReport report)
    {
        long pixels = 0;
        foreach (var figure in CouncilReportDocument.Charts(report, Theme))
        {
            using var image = figure.Plot.GetImage(ChartWidth, (int)Math.Ceiling(figure.Height));
            pixels += image.Width * image.Height;
        }

        return pixels;
    }
}
