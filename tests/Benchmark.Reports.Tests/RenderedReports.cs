using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;

namespace Benchmark.Reports.Tests;

/// <summary>
/// The demo reports rendered once per test run and shared by the test classes. Each value is built by its own
/// <see cref="Lazy{T}"/>, so no two threads ever draw the same ScottPlot plot at the same time.
/// </summary>
internal static class RenderedReports
{
    public static readonly ReportTheme Theme = ReportTheme.Load();

    /// <summary>The report project's one entry point, as the app and the CLI use it.</summary>
    public static readonly ReportRenderer Renderer = new(Theme);

    private static readonly Lazy<CouncilReport> LazyTypical = new(() => DemoReports.Council(DemoReports.TypicalMunicipality));
    private static readonly Lazy<CouncilReport> LazyEnglish = new(() => DemoReports.Council(DemoReports.TypicalMunicipality, Language.English));
    private static readonly Lazy<CouncilReport> LazySmall = new(() => DemoReports.Council(DemoReports.SmallGroupMunicipality));
    private static readonly Lazy<NationalReport> LazyNational = new(() => DemoReports.National());

    private static readonly Lazy<byte[]> LazyTypicalPdf = new(() => Renderer.CouncilPdf(Typical));
    private static readonly Lazy<byte[]> LazyEnglishPdf = new(() => Renderer.CouncilPdf(English));
    private static readonly Lazy<byte[]> LazySmallPdf = new(() => Renderer.CouncilPdf(Small));
    private static readonly Lazy<byte[]> LazyNationalPdf = new(() => Renderer.NationalPdf(National));
    private static readonly Lazy<byte[]> LazyNationalEnglishPdf = new(() => Renderer.NationalPdf(DemoReports.National(Language.English)));

    /// <summary>The pages the visual tests compare, drawn by the entry point the app uses.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> LazyPages = new(() => new Dictionary<string, byte[]>
    {
        ["council-page-1"] = Renderer.CouncilPagePng(Typical, 1, VisualScale),
        ["council-page-2"] = Renderer.CouncilPagePng(Typical, 2, VisualScale),
        ["council-page-3"] = Renderer.CouncilPagePng(Typical, 3, VisualScale),
        ["national-page-1"] = Renderer.NationalPagePng(National, 1, VisualScale),
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
