using System.Text.RegularExpressions;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Demo;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Core.Text;

namespace Benchmark.Core.Tests;

public sealed class CouncilReportBuilderTests
{
    private static readonly DateOnly DataDate = new(2026, 11, 22);
    private static readonly Lazy<OfflineReports> Demo = new(() => new OfflineReports(DemoGenerator.Generate(TestData.Real, 1, [2024, 2025, 2026]), TestData.Real, 2026));

    private static IEnumerable<string> AllText(CouncilReport report)
    {
        yield return report.Summary.IndexText;
        foreach (var p in report.Summary.Paragraphs.Append(report.Summary.Change).Append(report.PeerGroup.Label))
        {
            yield return p;
        }

        foreach (var chart in new[] { report.Radar.Text, report.Distribution.Text, report.Trend.Text }.Concat(report.Domains.Select(d => d.Chart.Text)))
        {
            yield return chart.Title;
            yield return chart.Description;
            foreach (var cell in chart.Data.Rows.SelectMany(r => r))
            {
                yield return cell;
            }
        }

        foreach (var item in report.LearnFrom)
        {
            yield return item.Sentence;
            foreach (var leader in item.Leaders)
            {
                yield return leader.Name;
                yield return leader.Standing;
            }
        }
    }

    [Fact]
    public void TheSummaryPrintsTheIndexAsTheScoreCardHasItAndNamesThreeStrengthsAndTheLearnFromGaps()
    {
        var code = Demo.Value.Municipalities.First(c => Demo.Value.CouncilInput(c, DataDate).Advice.Gaps.Count == 3);
        var input = Demo.Value.CouncilInput(code, DataDate);
        var report = CouncilReportBuilder.Build(input, Language.Dutch);

        Assert.Equal(input.Municipality.Name, report.Municipality.Name);
        Assert.Equal(Numbers.Format(input.Card.Index!.Value, 0, Language.Dutch), report.Summary.IndexText);
        Assert.Contains($"scoort {report.Summary.IndexText} op de index", report.Summary.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(3, report.Summary.Strengths.Count);
        Assert.Equal(input.Advice.Gaps.Select(g => g.BlockId), report.Summary.Gaps.Select(g => g.BlockId));
        Assert.Equal(TestData.Real.ModelForCycle(2026).Domains.Count, report.Domains.Count);
        Assert.Equal(TestData.Real.ModelForCycle(2026).Domains.Count, report.Radar.Axes.Count);
        Assert.Null(report.PeerGroup.WithheldNote);
        Assert.All(report.Domains, d => Assert.Equal(TestData.Real.ModelForCycle(2026).BlocksIn(d.DomainId).Count(), d.Chart.Bars.Count));
        Assert.Contains("2025", report.Summary.Change, StringComparison.Ordinal);
    }

    [Fact]
    public void StrengthsLieAboveThePeersMiddleAndAreNeverAlsoGaps()
    {
        foreach (var code in Demo.Value.Municipalities.Take(40))
        {
            var report = CouncilReportBuilder.Build(Demo.Value.CouncilInput(code, DataDate), Language.Dutch);
            Assert.All(report.Summary.Strengths, s => Assert.True(s.PeerMedian is null || s.Score > s.PeerMedian, $"{code} {s.BlockId}: {s.Score} is no strength against {s.PeerMedian}"));
            Assert.Empty(report.Summary.Strengths.Select(s => s.BlockId).Intersect(report.Summary.Gaps.Select(g => g.BlockId)));
        }
    }

    [Fact]
    public void AGapNamesOnlyThePublicRoundedSeventyFifthPercentileNeverTheExactOne()
    {
        foreach (var code in Demo.Value.Municipalities.Take(60))
        {
            var input = Demo.Value.CouncilInput(code, DataDate);
            var report = CouncilReportBuilder.Build(input, Language.Dutch);
            foreach (var (gap, item) in input.Advice.Gaps.Zip(report.LearnFrom))
            {
                if (gap.ReferenceKind == "target")
                {
                    continue;
                }

                var published = input.Groups.Single(g => g.Id == gap.ReferenceGroup).Measures[Measure.Block(gap.BlockId)].P75;
                if (published is { } p75)
                {
                    Assert.Contains(Numbers.Format(p75, 1, Language.Dutch) + " of meer", item.Sentence, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains("minstens een kwart", item.Sentence, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void LearnFromNamesOnlyLeadersWhoConsentedWithTheirPracticeNotes()
    {
        var reports = Demo.Value.Municipalities.Take(40).Select(c => CouncilReportBuilder.Build(Demo.Value.CouncilInput(c, DataDate), Language.Dutch)).ToList();
        var named = reports.SelectMany(r => r.LearnFrom).SelectMany(i => i.Leaders).ToList();
        Assert.NotEmpty(named);
        Assert.Contains(named, l => l.PracticeNote is not null);
        Assert.All(named, l => Assert.Matches($"^niveau {l.Level} \\([a-z ]+\\), score {Regex.Escape(Numbers.Format(l.Score, 1, Language.Dutch))}$", l.Standing));

        var data = DemoGenerator.Generate(TestData.Real, 1, [2024, 2025, 2026]);
        var withheld = data.Submissions.Where(s => s.Cycle == 2026 && !s.ConsentToBeNamed).Select(s => data.RegisterFor(2026).Find(s.Municipality)!.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(withheld);
        foreach (var report in reports)
        {
            var text = string.Join("\n", AllText(report).Where(s => !s.Contains(report.Municipality.Name, StringComparison.Ordinal)));
            Assert.DoesNotContain(withheld, name => text.Contains(name, StringComparison.Ordinal) && name != report.Municipality.Name);
        }
    }

    [Fact]
    public void ASizeClassWithFewerThanFiveApprovedMembersShowsNoStatisticsForThatGroup()
    {
        var input = Demo.Value.Municipalities.Select(c => Demo.Value.CouncilInput(c, DataDate))
            .First(i => i.Groups.Single(g => g.Id == PeerGroups.DefaultGroupId(i.Municipality)).Measures[BenchmarkEngine.Index].N < GroupStatistics.MinimumGroupSize);
        var report = CouncilReportBuilder.Build(input, Language.Dutch);
        var sizeGroup = PeerGroups.DefaultGroupId(input.Municipality);

        Assert.NotNull(report.PeerGroup.WithheldNote);
        Assert.Contains("geen cijfers", report.PeerGroup.WithheldNote, StringComparison.Ordinal);
        Assert.NotEqual(sizeGroup, report.PeerGroup.Id);
        Assert.Contains(report.PeerGroup.WithheldNote, report.Summary.Paragraphs);

        // Every statistic in the report is that of the comparison group (all municipalities), never of the small size class.
        var all = input.Groups.Single(g => g.Id == "all");
        Assert.Equal(all.Measures[BenchmarkEngine.Index].Median, report.Distribution.Median);
        Assert.Equal(input.Model.Domains.Select(d => all.Measures[Measure.Domain(d.Id)].Median), report.Radar.Peer);
        foreach (var domain in report.Domains)
        {
            var blocks = input.Model.BlocksIn(domain.DomainId).ToList();
            Assert.Equal(blocks.Select(b => all.Measures[Measure.Block(b.Id)].P25), domain.Chart.Bars.Select(b => b.PeerP25));
        }
    }

    [Fact]
    public void WithoutAnyComparisonGroupTheReportShowsOnlyTheMunicipalitysOwnScores()
    {
        var input = Demo.Value.CouncilInput(Demo.Value.Municipalities[0], DataDate);
        var own = input.Groups.Single(g => g.Id == PeerGroups.DefaultGroupId(input.Municipality));
        var empty = own with { Measures = own.Measures.ToDictionary(p => p.Key, p => new PublicStatistics(3, null, null, null, null, null, null, "fewer than 5")) };
        var report = CouncilReportBuilder.Build(input with { Groups = [empty] }, Language.Dutch);

        Assert.NotNull(report.PeerGroup.WithheldNote);
        Assert.All(report.Radar.Peer, Assert.Null);
        Assert.Null(report.Distribution.Median);
        Assert.All(report.Domains.SelectMany(d => d.Chart.Bars), b => Assert.Null(b.PeerMedian));
    }

    [Fact]
    public void TheEnglishReportSpeaksEnglishThroughout()
    {
        var input = Demo.Value.CouncilInput(Demo.Value.Municipalities[5], DataDate);
        var report = CouncilReportBuilder.Build(input, Language.English);
        var text = string.Join("\n", AllText(report).Concat(report.Methodology.SelectMany(s => s.Paragraphs.Prepend(s.Heading))));

        // Names of (demo) municipalities are Dutch proper names; leave them out of the check.
        foreach (var municipality in DemoGenerator.Generate(TestData.Real, 1, [2026]).RegisterFor(2026).Municipalities)
        {
            text = text.Replace(municipality.Name, "[name]", StringComparison.Ordinal);
        }

        Assert.Equal("Summary", report.Summary.Heading);
        foreach (var dutch in new[] { " de ", " het ", " een ", "gemeenten", "Samenvatting", "niveau " })
        {
            Assert.DoesNotContain(dutch, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NationalReportWithholdsSizeClassesUnderFiveAndNamesOnlyConsentingLeaders()
    {
        var view = Demo.Value.National();
        var report = NationalReportBuilder.Build(TestData.Real.ModelForCycle(2026), view, DataDate, Language.Dutch);
        Assert.Equal(view.AdoptionBySizeClass.Count, report.Levels.Rows.Count);
        Assert.Equal(TestData.Real.ModelForCycle(2026).Blocks.Count, report.Levels.Columns.Count);
        var small = view.AdoptionBySizeClass.Select((r, i) => (r, i)).Where(x => x.r.Blocks.Values.First().N < GroupStatistics.MinimumGroupSize).ToList();
        Assert.NotEmpty(small);
        Assert.All(small, x => Assert.All(report.Levels.Values[x.i], Assert.Null));
        Assert.Equal(TestData.Real.ModelForCycle(2026).Domains.Count, report.BoxPlots.Count);
        var unnamed = view.LeadersByBlock.Values.SelectMany(l => l).Count(l => !l.IsNamed);
        Assert.Equal(unnamed, report.Leaders.Rows.Sum(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
