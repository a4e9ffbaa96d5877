using Benchmark.Core.Model;

namespace Benchmark.Core.Reports;

// The report models are complete and final: every word and number a reader sees is decided here, in the core,
// so that the PDF and its HTML twin carry the same content and the renderers only lay it out.

/// <summary>A table of already formatted cells; the first column names the row.</summary>
public sealed record DataTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What a chart is called, what it shows in words (the text alternative), and its data as a table.</summary>
public sealed record ChartText(string Title, string Description, DataTable Data);

/// <summary>Domain scores (1–5) of the municipality against the peer median, one axis per domain.</summary>
public sealed record RadarChart(ChartText Text, IReadOnlyList<string> Axes, IReadOnlyList<decimal?> Own, IReadOnlyList<decimal?> Peer, string OwnLabel, string? PeerLabel);

/// <summary>A bar per building block (score 1–5) with the peers' P25–P75 band and median where they may be shown.</summary>
/// <param name="MedianLabel">The legend entry for the peers' median stroke; null when no stroke is drawn.</param>
public sealed record BandBarChart(ChartText Text, IReadOnlyList<BandBar> Bars, string OwnLabel, string? BandLabel, string? MedianLabel);

public sealed record BandBar(string Label, decimal? Score, decimal? PeerP25, decimal? PeerMedian, decimal? PeerP75);

/// <summary>The peers' spread of the index (0–100) as public statistics, and where the municipality stands in it.</summary>
/// <param name="PeerLabel">The legend entry for the box (P25–P75); null when no box is drawn.</param>
/// <param name="MedianLabel">The legend entry for the median stroke; null when no stroke is drawn.</param>
public sealed record DistributionChart(ChartText Text, decimal? Own, decimal? P10, decimal? P25, decimal? Median, decimal? P75, decimal? P90, string OwnLabel, string? PeerLabel, string? MedianLabel);

/// <summary>The index over cycles; a missing cycle has no value.</summary>
public sealed record TrendChart(ChartText Text, IReadOnlyList<TrendValue> Points, string OwnLabel);

public sealed record TrendValue(int Cycle, decimal? Index, bool FromPredecessors);

/// <summary>A heading with paragraphs of plain text.</summary>
public sealed record TextSection(string Heading, IReadOnlyList<string> Paragraphs);

public sealed record ReportMunicipality(string Code, string Name, string Province, int Population, string SizeClass);

/// <summary>The group the municipality is compared with. <paramref name="WithheldNote"/> says why a group it belongs to shows no statistics.</summary>
public sealed record ReportPeerGroup(string Id, string Label, int Members, string? WithheldNote);

/// <summary>A building block singled out as a strength or a gap.</summary>
public sealed record BlockHighlight(string BlockId, string Name, decimal Score, int Level, string LevelName, decimal? PeerMedian, string Sentence);

public sealed record ReportSummary(
    string Heading,
    decimal? Index,
    string IndexText,
    string IndexCaption,
    IReadOnlyList<string> Paragraphs,
    string StrengthsHeading,
    IReadOnlyList<BlockHighlight> Strengths,
    string GapsHeading,
    IReadOnlyList<BlockHighlight> Gaps,
    string ChangeHeading,
    string Change);

public sealed record DomainSection(string DomainId, string Name, string Description, decimal? Score, string Sentence, BandBarChart Chart);

/// <summary>A municipality to learn from. <paramref name="Standing"/> is its level and score in words ("niveau 5 (…), score 5,0").</summary>
public sealed record LeaderItem(string Code, string Name, int Level, decimal Score, string? PracticeNote, string? ContactRole, string Standing);

public sealed record LearnFromItem(string BlockId, string BlockName, string Sentence, IReadOnlyList<LeaderItem> Leaders, string? NoLeaders);

public sealed record CompletenessSection(string Heading, decimal Percent, string Sentence, string FlagsSentence, IReadOnlyList<string> OpenFlags);

/// <summary>Headings and fixed words of a report, in its language.</summary>
public sealed record ReportLabels(
    string DocumentTitle,
    string Subject,
    string Author,
    string CoverLine,
    string DataDateLine,
    string Contents,
    string PositionHeading,
    string PositionIntro,
    string DomainsHeading,
    string DomainsIntro,
    string LearnFromHeading,
    string LearnFromIntro,
    string PracticeNoteLabel,
    string ContactLabel,
    string MethodologyHeading,
    string DataTableLabel,
    string PageWord,
    string OfWord);

/// <summary>A council report: one municipality, one cycle, one language. Statistics are public statistics only.</summary>
public sealed record CouncilReport(
    Language Language,
    int Cycle,
    DateOnly DataDate,
    ReportLabels Labels,
    ReportMunicipality Municipality,
    ReportPeerGroup PeerGroup,
    ReportSummary Summary,
    RadarChart Radar,
    DistributionChart Distribution,
    TrendChart Trend,
    IReadOnlyList<DomainSection> Domains,
    IReadOnlyList<LearnFromItem> LearnFrom,
    CompletenessSection Completeness,
    IReadOnlyList<TextSection> Methodology)
{
    public string LanguageCode => Language == Language.English ? "en" : "nl";
}

/// <summary>Mean staged level (1–5) per size class (rows) and building block (columns), rounded as published; null where the group is under 5.</summary>
public sealed record HeatMap(ChartText Text, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<decimal?>> Values);

/// <summary>Box plots of block scores (1–5) over all counted municipalities: whiskers at P10 and P90 (never min and max, which are one municipality's score), box P25–P75, median line; each only where <see cref="Benchmarking.Disclosure"/> publishes it.</summary>
public sealed record BoxPlotChart(ChartText Text, IReadOnlyList<BoxPlotItem> Boxes);

/// <summary>One box: whiskers P10–P90 in the public reports.</summary>
public sealed record BoxPlotItem(string Label, int N, decimal? P10, decimal? P25, decimal? Median, decimal? P75, decimal? P90)
{
    /// <summary>For analysts only, who see full figures: the whiskers then run from the lowest to the highest score.</summary>
    public decimal? Min { get; init; }

    /// <summary>For analysts only, who see full figures.</summary>
    public decimal? Max { get; init; }

    /// <summary>Drawn as a diamond when given.</summary>
    public decimal? Mean { get; init; }
}

/// <summary>Response rate per group as bars (0–100 %).</summary>
public sealed record ResponseChart(ChartText Text, IReadOnlyList<string> Groups, IReadOnlyList<decimal> ResponseRates);

/// <summary>The national picture for analysts (full statistics; groups under 5 still withheld).</summary>
public sealed record NationalReport(
    Language Language,
    int Cycle,
    DateOnly DataDate,
    ReportLabels Labels,
    IReadOnlyList<string> Intro,
    HeatMap Levels,
    IReadOnlyList<BoxPlotChart> BoxPlots,
    string LeadersHeading,
    DataTable Leaders,
    ResponseChart ResponseBySizeClass,
    DataTable ResponseBySizeClassTable,
    ResponseChart ResponseByProvince,
    DataTable ResponseByProvinceTable,
    IReadOnlyList<TextSection> Methodology)
{
    public string LanguageCode => Language == Language.English ? "en" : "nl";
}
