using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;
using Benchmark.Reports.Pdf;

namespace Benchmark.Reports.Tests;

/// <summary>
/// The demo reports rendered once per test run and shared by the test classes. Each value is built by its own
/// <see cref="Lazy{T}"/>, so no two threads ever draw the same ScottPlot plot at the same time.
/// </summary>
internal static class RenderedReports
{
    public static readonly ReportTheme Theme = ReportTheme.Load();

    private static readonly Lazy<CouncilReport> LazyTypical = new(() => DemoReports.Council(DemoReports.TypicalMunicipality));
    private static readonly Lazy<CouncilReport> LazyEnglish = new(() => DemoReports.Council(DemoReports.TypicalMunicipality, Language.English));
    private static readonly Lazy<CouncilReport> LazySmall = new(() => DemoReports.Council(DemoReports.SmallGroupMunicipality));
    private static readonly Lazy<NationalReport> LazyNational = new(() => DemoReports.National());

    private static readonly Lazy<byte[]> LazyTypicalPdf = new(() => ReportRenderer.CouncilPdf(Typical, Theme));
    private static readonly Lazy<byte[]> LazyEnglishPdf = new(() => ReportRenderer.CouncilPdf(English, Theme));
    private static readonly Lazy<byte[]> LazySmallPdf = new(() => ReportRenderer.CouncilPdf(Small, Theme));
    private static readonly Lazy<byte[]> LazyNationalPdf = new(() => ReportRenderer.NationalPdf(National, Theme));
    private static readonly Lazy<byte[]> LazyNationalEnglishPdf = new(() => ReportRenderer.NationalPdf(DemoReports.National(Language.English), Theme));

    /// <summary>The pages the visual tests compare, at one pixel per point, rendered from one composed document.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> LazyPages = new(() =>
    {
        var council = CouncilReportDocument.Compose(Typical, Theme);
        var national = NationalReportDocument.Compose(National, Theme);
        return new Dictionary<string, byte[]>
        {
            ["council-page-1"] = council.RenderPagePng(0, VisualScale),
            ["council-page-2"] = council.RenderPagePng(1, VisualScale),
            ["council-page-3"] = council.RenderPagePng(2, VisualScale),
            ["national-page-1"] = national.RenderPagePng(0, VisualScale),
        };
    });

    public const float VisualScale = 1;

    public static CouncilReport Typical => LazyTypical.Value;

    public static CouncilReport English => LazyEnglish.Value;

    public static CouncilReport Small => LazySmall.Value;

    public static NationalReport National => LazyNational.Value;

    public static byte[] TypicalPdf => LazyTypicalPdf.Value;

    public static byte[] EnglishPdf => LazyEnglishPdf.Value;

    public static byte[] SmallPdf => LazySmallPdf.Value;

    public static byte[] NationalPdf => LazyNationalPdf.Value;

    public static byte[] NationalEnglishPdf => LazyNationalEnglishPdf.Value;

    public static IReadOnlyDictionary<string, byte[]> Pages => LazyPages.Value;
}
