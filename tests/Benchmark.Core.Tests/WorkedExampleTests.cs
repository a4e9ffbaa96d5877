using Benchmark.Core.Model;
using Benchmark.Core.Scoring;

namespace Benchmark.Core.Tests;

/// <summary>The worked example in docs/scoring.md is computed by the engine and printed exactly as documented.</summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public void TheDocumentedOutputIsWhatTheEnginePrints()
    {
        var documented = DocumentedOutput();
        var card = ScoringEngine.Score(TestData.Example.ModelForCycle(2026), TestData.Example.Version("2026")!, TestData.ExampleSubmission());

        Assert.Equal(documented, ScoreCardText.Format(card, TestData.Example.ModelForCycle(2026), TestData.Example.Version("2026")!, Language.Dutch));
    }

    [Fact]
    public void TheHandCalculatedNumbersHold()
    {
        var card = ScoringEngine.Score(TestData.Example.ModelForCycle(2026), TestData.Example.Version("2026")!, TestData.ExampleSubmission());

        var digid = card.Block("digid");
        Assert.Equal(2.30m, digid.Score);
        Assert.Equal(4, digid.ClaimedLevel);
        Assert.Equal(2, digid.StagedLevel);
        Assert.Equal(2.70m, digid.GapToTarget);
        Assert.Equal(32.5m, digid.PercentToTarget);
        Assert.Equal(ScoreStatus.NotApplicable, card.Block("mijnoverheid").Status);
        Assert.Equal(3.50m, card.Block("bio").Score);
        Assert.Equal(0.50m, card.Block("bio").GapToTarget);
        Assert.Equal(2.30m, card.Domain("dienstverlening").Score);
        Assert.Equal(3.50m, card.Domain("veiligheid").Score);
        Assert.Equal(2.70m, card.OverallScore);
        Assert.Equal(42.5m, card.Index);
        Assert.Equal(87.5m, card.Completeness);
        Assert.Equal(8, card.RequiredQuestions);
        Assert.Equal(7, card.CompletedQuestions);
    }

    private static string DocumentedOutput()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "scoring.md")).ReplaceLineEndings("\n");
        const string fence = "```text worked-example-output\n";
        var start = markdown.IndexOf(fence, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/scoring.md has no worked-example-output block");
        start += fence.Length;
        var end = markdown.IndexOf("```", start, StringComparison.Ordinal);
        return markdown[start..end].Replace("\n", Environment.NewLine, StringComparison.Ordinal);
    }
}
