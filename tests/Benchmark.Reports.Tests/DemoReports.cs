using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;

namespace Benchmark.Reports.Tests;

/// <summary>Report models built from the demo data (seed 1, cycles 2024–2026), as the CLI builds them offline.</summary>
internal static class DemoReports
{
    public static readonly DateOnly DataDate = new(2026, 11, 22);

    private static readonly Lazy<QuestionnaireCatalog> LazyCatalog = new(() => QuestionnaireCatalog.LoadDirectory(Path.Combine(FindRoot(), "questionnaires")));
    private static readonly Lazy<OfflineReports> LazyOffline = new(() => new OfflineReports(DemoGenerator.Generate(Catalog, 1, [2024, 2025, 2026]), Catalog, 2026));

    public static string RepositoryRoot { get; } = FindRoot();

    public static QuestionnaireCatalog Catalog => LazyCatalog.Value;

    public static OfflineReports Offline => LazyOffline.Value;

    /// <summary>A municipality with a full report: a comparison group with statistics, three gaps and named leaders to learn from.</summary>
    public static string TypicalMunicipality => LazyTypical.Value;

    /// <summary>A municipality whose size class has fewer than 5 approved members.</summary>
    public static string SmallGroupMunicipality => LazySmall.Value;

    private static readonly Lazy<string> LazyTypical = new(() => Offline.Municipalities.First(code =>
    {
        var input = Offline.CouncilInput(code, DataDate);
        return input.Advice.Gaps.Count == 3 && input.Advice.Gaps.All(g => g.LearnFrom.Count > 0)
            && input.Groups.Single(g => g.Id == PeerGroups.DefaultGroupId(input.Municipality)).Measures[BenchmarkEngine.Index].P25 is not null;
    }));

    private static readonly Lazy<string> LazySmall = new(() => Offline.Municipalities.First(code =>
    {
        var input = Offline.CouncilInput(code, DataDate);
        return input.Groups.Single(g => g.Id == PeerGroups.DefaultGroupId(input.Municipality)).Measures[BenchmarkEngine.Index].N < GroupStatistics.MinimumGroupSize;
    }));

    public static CouncilReportInput Input(string code) => Offline.CouncilInput(code, DataDate);

    public static CouncilReport Council(string code, Language language = Language.Dutch) => CouncilReportBuilder.Build(Input(code), language);

    public static NationalReport National(Language language = Language.Dutch) => NationalReportBuilder.Build(Catalog.ModelForCycle(2026), Offline.National(), DataDate, language);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Benchmark.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Benchmark.sln not found above " + AppContext.BaseDirectory);
    }
}
