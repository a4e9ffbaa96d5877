using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Scoring;
using Benchmark.Core.Text;
using Benchmark.Reports.Html;

namespace Benchmark.Reports.Tests;

/// <summary>
/// Issue 14, "trustworthy figures": over several seeded demo rounds, every council report's HTML twin (and a sample of
/// PDFs, read back with PdfPig) prints no level that contradicts its score, no "x of meer" above the printed quantile,
/// no 100 % of target below the target, and the same figure in its text as in its tables.
/// </summary>
public sealed partial class FigureConsistencyTests
{
    private static readonly int[] Seeds = [1, 2, 3];
    private const int PdfsPerSeed = 2;
    private static readonly DateOnly DataDate = new(2026, 11, 22);

    public static TheoryData<int> SeedData() => [.. Seeds];

    [Theory]
    [MemberData(nameof(SeedData))]
    public void NoPrintedFigureContradictsAnotherInAnyCouncilReportOfARound(int seed)
    {
        var offline = new OfflineReports(DemoGenerator.Generate(DemoReports.Catalog, seed, [2024, 2025, 2026]), DemoReports.Catalog, 2026);
        var codes = offline.Municipalities;
        Assert.NotEmpty(codes);
        var pdfSample = codes.Where((_, i) => i % Math.Max(1, codes.Count / PdfsPerSeed) == 0).Take(PdfsPerSeed).ToHashSet(StringComparer.Ordinal);
        var checkedStatements = 0;

        foreach (var code in codes)
        {
            var input = offline.CouncilInput(code, DataDate);
            var report = CouncilReportBuilder.Build(input, Language.Dutch);
            var where = $"seed {seed}, {code}";

            TextAgreesWithTables(report, input, where);
            PercentOfTargetIsWholeOnlyAtTheTarget(input.Card, where);

            var html = VisibleText(RenderedReports.Renderer.CouncilHtml(report));
            checkedStatements += PrintedStatementsHold(html, where + " (HTML)");
            foreach (var paragraph in report.Summary.Paragraphs.Concat(report.Domains.Select(d => d.Sentence)))
            {
                Assert.Contains(PdfText.Normalise(paragraph), html, StringComparison.Ordinal);
            }

            if (pdfSample.Contains(code))
            {
                var pdf = PdfText.Normalise(PdfText.Read(RenderedReports.Renderer.CouncilPdf(report)).All);
                Assert.True(PrintedStatementsHold(pdf, where + " (PDF)") > 0, $"{where}: the PDF states no level with its score");
                Assert.Contains(report.Summary.IndexText, pdf, StringComparison.Ordinal);
            }
        }

        Assert.True(checkedStatements > codes.Count, $"seed {seed}: only {checkedStatements} statements checked in {codes.Count} reports");
    }

    /// <summary>Checks every statement the text makes about figures; returns how many it found.</summary>
    private static int PrintedStatementsHold(string text, string where)
    {
        var found = 0;
        foreach (Match m in LevelAndScore().Matches(text))
        {
            Assert.True(m.Groups["level"].Value == m.Groups["whole"].Value, $"{where}: \"{m.Value}\" prints a score outside its level");
            found++;
        }

        foreach (Match m in QuarterReach().Matches(text))
        {
            Assert.True(Number(m.Groups["score"].Value) <= Number(m.Groups["p75"].Value), $"{where}: \"{m.Value}\": a gap's score above the quarter's");
            found++;
        }

        foreach (Match m in TargetSet().Matches(text))
        {
            Assert.True(Number(m.Groups["score"].Value) < Number(m.Groups["target"].Value), $"{where}: \"{m.Value}\": a gap to a target that is reached");
            found++;
        }

        foreach (Match m in IndexChange().Matches(text))
        {
            var from = int.Parse(m.Groups["from"].Value, CultureInfo.InvariantCulture);
            var to = int.Parse(m.Groups["to"].Value, CultureInfo.InvariantCulture);
            var points = int.Parse(m.Groups["points"].Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(to - from) == points, $"{where}: \"{m.Value}\" does not add up");
            Assert.True((m.Groups["direction"].Value == "hoger") == (to > from), $"{where}: \"{m.Value}\" goes the wrong way");
            Assert.True((m.Groups["word"].Value == "punt") == (points == 1), $"{where}: \"{m.Value}\": punt or punten");
            found++;
        }

        Assert.DoesNotMatch(@"\bde alle gemeenten", text);
        Assert.DoesNotContain("voortgang naar het volgende niveau", text, StringComparison.Ordinal);
        return found;
    }

    private static void TextAgreesWithTables(CouncilReport report, CouncilReportInput input, string where)
    {
        var rows = report.Domains.SelectMany(d => d.Chart.Text.Data.Rows).ToDictionary(r => r[0], StringComparer.Ordinal);
        foreach (var row in rows.Values.Where(r => r[1].Any(char.IsDigit)))
        {
            Assert.True(row[1].StartsWith(row[2] + ",", StringComparison.Ordinal), $"{where}: table row {string.Join(" | ", row)}: score outside its level");
        }

        foreach (var highlight in report.Summary.Strengths.Concat(report.Summary.Gaps))
        {
            var row = rows[highlight.Name];
            Assert.Contains($"score {row[1]}", highlight.Sentence, StringComparison.Ordinal);
        }

        foreach (var gap in input.Advice.Gaps.Where(g => g.ReferenceKind != "target"))
        {
            var p75 = input.Groups.FirstOrDefault(g => g.Id == gap.ReferenceGroup)?.Measures.GetValueOrDefault(Measure.Block(gap.BlockId))?.P75;
            var sentence = report.Summary.Gaps.Single(h => h.BlockId == gap.BlockId).Sentence;
            if (p75 is { } shown)
            {
                Assert.Contains($"haalt {Figures.ReportScore(shown, Language.Dutch)} of meer", sentence, StringComparison.Ordinal);
            }
        }

        var radar = report.Radar.Text.Data.Rows.ToDictionary(r => r[0], StringComparer.Ordinal);
        foreach (var domain in report.Domains.Where(d => d.Score is not null))
        {
            Assert.Contains($"scoort {radar[domain.Name][1]} op {domain.Name}", domain.Sentence, StringComparison.Ordinal);
            if (radar[domain.Name][2].Any(char.IsDigit))
            {
                Assert.Contains($"({radar[domain.Name][2]})", domain.Sentence, StringComparison.Ordinal);
            }
        }

        var distribution = report.Distribution.Text.Data.Rows;
        if (report.Summary.Index is not null)
        {
            Assert.True(report.Summary.IndexText == distribution[0][1], $"{where}: index {report.Summary.IndexText}, distribution {distribution[0][1]}");
            Assert.Contains($"scoort {report.Summary.IndexText} op de index", report.Summary.Paragraphs[0], StringComparison.Ordinal);
            var trendNow = report.Trend.Text.Data.Rows.Single(r => r[0] == report.Cycle.ToString(CultureInfo.InvariantCulture));
            if (report.Trend.Text.Data.Caption.Contains("op de vragen die elk jaar gesteld zijn", StringComparison.Ordinal))
            {
                // Across a change of questionnaire the trend is another measure (like with like): named as such, with this
                // year's full index beside it in the table and in the change sentence, whose figures are the table's.
                Assert.Contains($"met alle vragen van {report.Cycle}: {report.Summary.IndexText}", trendNow[2], StringComparison.Ordinal);
                Assert.StartsWith("Op de vragen die beide vragenlijsten stellen", report.Summary.Change, StringComparison.Ordinal);
                Assert.True(
                    report.Summary.Change.Contains($"naar {trendNow[1]} in {report.Cycle}", StringComparison.Ordinal) || report.Summary.Change.Contains($"gelijk: {trendNow[1]} in ", StringComparison.Ordinal),
                    $"{where}: the change sentence does not give the table's {trendNow[1]} for {report.Cycle}: {report.Summary.Change}");
                Assert.Contains($"Met alle vragen van {report.Cycle} is de index {report.Summary.IndexText}.", report.Summary.Change, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(report.Summary.IndexText == trendNow[1], $"{where}: index {report.Summary.IndexText}, trend for {report.Cycle} {trendNow[1]}: {string.Join(" / ", report.Trend.Text.Data.Rows.Select(r => string.Join(" | ", r)))}; {report.Trend.Text.Data.Caption}");
            }
        }

        if (distribution.FirstOrDefault(r => r[0] == "Middelste score") is { } middle)
        {
            Assert.Contains(report.Summary.Paragraphs, p => p.Contains($"de middelste score ({middle[1]})", StringComparison.Ordinal));
        }
    }

    private static void PercentOfTargetIsWholeOnlyAtTheTarget(ScoreCard card, string where)
    {
        foreach (var block in card.Blocks.Where(b => b.PercentToTarget is not null))
        {
            var shown = Figures.Percent(block.PercentToTarget!.Value, Language.Dutch);
            Assert.True((shown == "100") == (block.Score >= block.Target), $"{where}, {block.BlockId}: score {block.Score} against target {block.Target} shows {shown} %");
            Assert.True((Figures.Gap(block.GapToTarget!.Value, Language.Dutch) == "0,00") == (block.Score >= block.Target), $"{where}, {block.BlockId}: gap shown wrongly");
        }
    }

    private static string VisibleText(string html)
    {
        var withoutStyle = StyleBlock().Replace(html, " ");
        return PdfText.Normalise(WebUtility.HtmlDecode(Tag().Replace(withoutStyle, " ")));
    }

    private static decimal Number(string dutch) => decimal.Parse(dutch.Replace(',', '.'), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"niveau (?<level>\d)(?: \([^)]*\))?, score (?<whole>\d),\d")]
    private static partial Regex LevelAndScore();

    [GeneratedRegex(@"score (?<score>\d,\d); een kwart van [^.;]*? haalt (?<p75>\d,\d) of meer")]
    private static partial Regex QuarterReach();

    [GeneratedRegex(@"score (?<score>\d,\d), terwijl de gemeente zelf (?<target>\d,\d) als doel")]
    private static partial Regex TargetSet();

    [GeneratedRegex(@"De index (steeg|daalde) van (?<from>\d+) in \d{4}[^:]*? naar (?<to>\d+) in \d{4}: (?<points>\d+) (?<word>punt|punten) (?<direction>hoger|lager)")]
    private static partial Regex IndexChange();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<style[\s\S]*?</style>")]
    private static partial Regex StyleBlock();
}
