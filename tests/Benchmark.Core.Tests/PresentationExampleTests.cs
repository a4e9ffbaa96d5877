using Benchmark.Core.Model;
using Benchmark.Core.Text;
using CsCheck;

namespace Benchmark.Core.Tests;

/// <summary>The presentation rule in docs/scoring.md ("Presenting figures"): its examples run here, and its promises hold for any figure.</summary>
public sealed class PresentationExampleTests
{
    public static TheoryData<string, string, string, string> DocumentedRows()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in DocumentedTable())
        {
            data.Add(row[0], row[1], row[2], row[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedRows))]
    public void EachDocumentedExampleIsWhatTheRuleShows(string figure, string value, string api, string report)
    {
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var (shownByApi, shownInReport) = figure switch
        {
            "score" or "quantile" => (Figures.Score(number, Language.Dutch), Figures.ReportScore(number, Language.Dutch)),
            "index" => (Figures.Index(number, Language.Dutch), Figures.ReportIndex(number, Language.Dutch)),
            "percent" => (Figures.Percent(number, Language.Dutch), Figures.Percent(number, Language.Dutch)),
            "gap" => (Figures.Gap(number, Language.Dutch), "-"),
            _ => throw new InvalidOperationException($"docs/scoring.md names an unknown figure '{figure}'"),
        };

        Assert.Equal(api, shownByApi);
        Assert.Equal(report, shownInReport);
    }

    [Fact]
    public void TheDocumentedTableHasExamplesOfEveryKindOfFigure()
    {
        var kinds = DocumentedTable().Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(kinds, new HashSet<string>(["score", "quantile", "index", "percent", "gap"], StringComparer.Ordinal));
    }

    [Fact]
    public void AShownScoreNeverLeavesItsLevel()
    {
        Gen.Int[1, 4].Select(Gen.Int[0, 99_999]).Sample((level, fraction) =>
        {
            var score = level + (fraction / 100_000m);
            foreach (var shown in new[] { Figures.ReportScore(score, Language.English), Figures.Score(score, Language.English) })
            {
                Assert.StartsWith(level + ".", shown, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void AShownQuantileIsNeverAboveTheTrueOneSoAnOrMoreStatementHolds()
    {
        Gen.Decimal[1m, 5m].Sample(p75 =>
        {
            var shown = decimal.Parse(Figures.ReportScore(p75, Language.English), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(shown <= p75, $"shown {shown} > {p75}");
            Assert.True(p75 - shown < 0.1m);
        });
    }

    [Fact]
    public void PercentOfTargetShowsOneHundredOnlyWhenTheTargetIsReached()
    {
        Gen.Int[2, 5].Select(Gen.Decimal[1m, 5m]).Sample((target, score) =>
        {
            var percent = Math.Clamp((score - 1) / (target - 1) * 100, 0, 100);
            Assert.Equal(score >= target, Figures.Percent(percent, Language.Dutch) == "100");
        });
    }

    [Fact]
    public void TheShownGapIsTheTargetMinusTheShownScoreAndZeroOnlyWhenReached()
    {
        Gen.Int[1, 5].Select(Gen.Int[100_000, 500_000]).Sample((target, hundredThousandths) =>
        {
            var score = hundredThousandths / 100_000m;
            var gap = Math.Max(0, target - score);
            var shownScore = Figures.Down(score, Figures.ScoreDecimals);
            Assert.Equal(Math.Max(0, target - shownScore), Figures.Up(gap, Figures.ScoreDecimals));
            Assert.Equal(score >= target, Figures.Gap(gap, Language.English) == "0.00");
        });
    }

    [Fact]
    public void CuttingOffTwiceIsCuttingOffOnceSoReportsAgreeWithTheApi()
    {
        Gen.Decimal[0m, 100m].Sample(value =>
            Assert.Equal(Figures.Down(value, 1), Figures.Down(Figures.Down(value, 2), 1)));
    }

    private static List<string[]> DocumentedTable()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "scoring.md")).ReplaceLineEndings("\n");
        const string fence = "```text presentation-example\n";
        var start = markdown.IndexOf(fence, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/scoring.md has no presentation-example block");
        start += fence.Length;
        var end = markdown.IndexOf("```", start, StringComparison.Ordinal);
        return markdown[start..end].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1) // the header
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }
}
