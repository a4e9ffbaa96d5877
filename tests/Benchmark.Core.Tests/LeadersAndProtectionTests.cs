using System.Text.Json;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Reports;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>Issue 14: leaders that survive ties, honest learn-from, and small-group protection against a reader who knows their own value.</summary>
public sealed class LeadersAndProtectionTests
{
    private const string Block = "woz";
    private const int Cycle = 2026;
    private static readonly DateOnly DataDate = new(2026, 11, 1);

    [Fact]
    public void WhenAThirdOfTheCountrySharesTheTopScoreTheConsentingOnesAreNamedAndProposedToLearnFrom()
    {
        // 30 municipalities, 10 of them at exactly 5.00: under a mid-rank rule 5.00 ranks 83, and nobody would lead.
        var scores = Enumerable.Range(0, 30).Select(i => i < 10 ? 5.00m : 2.00m + (i * 0.08m)).ToList();
        var input = Round(scores, consents: i => i % 2 == 0);
        var benchmark = BenchmarkEngine.Compute(input);
        var top = input.Participants.Where(p => p.Card.Block(Block).Score == 5.00m).ToList();

        Assert.True(Quantiles.PercentileRank(scores.Order().ToList(), 5.00m) < BenchmarkEngine.LeaderPercentileRank);
        var leaders = benchmark.LeadersByBlock[Block];
        var expectedNamed = top.Count(p => p.Submission.ConsentToBeNamed);
        Assert.Equal(Math.Min(expectedNamed, BenchmarkEngine.NamedLeadersAtMost), leaders.Count(l => l.IsNamed));
        Assert.All(leaders.Where(l => l.IsNamed), l => Assert.Contains(top, p => p.Municipality.Code == l.Municipality && p.Submission.ConsentToBeNamed));
        Assert.Equal(top.Count(p => !p.Submission.ConsentToBeNamed), leaders.Count(l => !l.IsNamed));

        var behind = input.Participants.First(p => p.Card.Block(Block).Score < 4m);
        var gap = Assert.Single(LearnFrom.For(input, benchmark, behind.Municipality.Code).Gaps, g => g.BlockId == Block);
        Assert.Equal(LearnFromBasis.Leaders, gap.Basis);
        Assert.NotEmpty(gap.LearnFrom);
        Assert.All(gap.LearnFrom, l => Assert.Contains(leaders, x => x.IsNamed && x.Municipality == l.Municipality));
        var item = Assert.Single(CouncilReportBuilder.Build(ReportInput(input, benchmark, behind.Municipality.Code), Language.Dutch).LearnFrom, i => i.BlockId == Block);
        Assert.Equal(gap.LearnFrom.Select(l => l.Municipality), item.Leaders.Select(l => l.Code));
        Assert.Null(item.NoLeaders);
    }

    [Fact]
    public void TheOrderAmongTiedLeadersDiffersBetweenBlocksAndCyclesSoEarlyCodesAreNotAlwaysFirst()
    {
        var codes = Enumerable.Range(1, 20).Select(i => $"GM9{i:000}").ToList();
        var orders = new[] { ("woz", 2025), ("woz", 2026), ("digid", 2026) }
            .Select(x => string.Join(",", codes.OrderBy(c => BenchmarkEngine.FairOrder(x.Item2, x.Item1, c))))
            .ToList();

        Assert.Equal(orders.Count, orders.Distinct().Count());
        Assert.All(orders, o => Assert.NotEqual(string.Join(",", codes), o));
    }

    [Fact]
    public void WhenLeadersAreAheadButNoneConsentedTheAdviceSaysSoAndNotThatNobodyWantsToBeNamed()
    {
        var scores = Enumerable.Range(0, 30).Select(i => i < 10 ? 5.00m : 2.00m + (i * 0.08m)).ToList();
        // Only municipalities below 3.00 consent, so nobody who is clearly ahead of the one at 2.80 may be named.
        var input = Round(scores, consents: i => scores[i] < 3m);
        var benchmark = BenchmarkEngine.Compute(input);
        var behind = input.Participants.First(p => p.Card.Block(Block).Score < 3m);
        Assert.Contains(benchmark.LeadersByBlock[Block], l => !l.IsNamed && l.Score >= behind.Card.Block(Block).Score + LearnFrom.ClearlyAheadBy);

        var gap = Assert.Single(LearnFrom.For(input, benchmark, behind.Municipality.Code).Gaps, g => g.BlockId == Block);
        Assert.Equal(LearnFromBasis.LeadersAnonymous, gap.Basis);
        Assert.Empty(gap.LearnFrom);
        foreach (var language in new[] { Language.Dutch, Language.English })
        {
            var item = Assert.Single(CouncilReportBuilder.Build(ReportInput(input, benchmark, behind.Municipality.Code), language).LearnFrom, i => i.BlockId == Block);
            Assert.Contains(language == Language.Dutch ? "geen van hen heeft ingestemd" : "none of them agreed", item.NoLeaders!, StringComparison.Ordinal);
            Assert.DoesNotContain(language == Language.Dutch ? "genoemd wil worden" : "(yet)", item.NoLeaders!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WhenNobodyIsClearlyAheadTheAdviceSaysThatHonestly()
    {
        // Everyone between 4.50 and 4.79; one municipality set itself a target of 5 at 4.60: a gap, but nobody is half a level ahead.
        var scores = Enumerable.Range(0, 10).Select(i => 4.50m + (i * 0.03m)).ToList();
        var input = Round(scores, consents: _ => true, target: (Index: 3, Level: 5));
        var benchmark = BenchmarkEngine.Compute(input);
        var reader = input.Participants[3];

        var gap = Assert.Single(LearnFrom.For(input, benchmark, reader.Municipality.Code).Gaps, g => g.BlockId == Block);
        Assert.Equal("target", gap.ReferenceKind);
        Assert.Equal(LearnFromBasis.NobodyAhead, gap.Basis);
        Assert.Empty(gap.LearnFrom);
        Assert.True(input.Participants.All(p => p.Card.Block(Block).Score < reader.Card.Block(Block).Score + LearnFrom.ClearlyAheadBy));
        var item = Assert.Single(CouncilReportBuilder.Build(ReportInput(input, benchmark, reader.Municipality.Code), Language.Dutch).LearnFrom, i => i.BlockId == Block);
        Assert.Contains("Geen enkele gemeente scoort", item.NoLeaders!, StringComparison.Ordinal);
    }

    [Fact]
    public void InAGroupOfExactlyTheThresholdSizeNoOutputForAMemberRevealsANonConsentingPeersValue()
    {
        // Five municipalities, one size class, one province: every group has exactly the minimum size. Only the first consents.
        decimal[] scores = [2.13m, 2.87m, 3.41m, 4.06m, 4.72m];
        Assert.Equal(Disclosure.MinimumGroupSize, scores.Length);
        const decimal delta = 0.01m;
        var checkedWorlds = 0;
        for (var reader = 0; reader < scores.Length; reader++)
        {
            for (var peer = 0; peer < scores.Length; peer++)
            {
                if (peer == reader || peer == 0)
                {
                    continue;
                }

                // Another world in which the peer's value differs while the sum stays the same: moved to another non-consenting member.
                var other = Enumerable.Range(1, scores.Length - 1).First(i => i != reader && i != peer);
                var shifted = scores.ToArray();
                shifted[peer] += delta;
                shifted[other] -= delta;
                var (before, exactBefore) = MemberOutputs(scores, reader);
                var (after, exactAfter) = MemberOutputs(shifted, reader);

                // The exact statistics do tell the worlds apart, so the comparison below would catch an unprotected figure.
                Assert.NotEqual(exactBefore, exactAfter);
                Assert.Equal(before, after);
                checkedWorlds++;
            }
        }

        Assert.Equal(scores.Length * (scores.Length - 1) - (scores.Length - 1), checkedWorlds);
    }

    [Fact]
    public void TheLearnFromReferenceIsThePublishedSeventyFifthPercentileNeverTheExactOneWhichIsAMembersScore()
    {
        // 13 values: P75 sits at rank 9 exactly, so the exact P75 is one municipality's score.
        var scores = Enumerable.Range(0, 13).Select(i => 2.13m + (i * 0.21m)).ToList();
        var input = Round(scores, consents: i => i == 0);
        var benchmark = BenchmarkEngine.Compute(input);
        var statistics = benchmark.Group("all").Of(Measure.Block(Block));
        var published = Disclosure.Publish(statistics, isIndex: false).P75;

        Assert.Contains(statistics.Distribution!.P75, scores);
        var gaps = input.Participants.SelectMany(p => LearnFrom.For(input, benchmark, p.Municipality.Code).Gaps).Where(g => g.ReferenceKind == "peer-p75").ToList();
        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.Equal(published, g.Reference));
        Assert.All(gaps, g => Assert.NotEqual(statistics.Distribution.P75, g.Reference));
    }

    /// <summary>Everything a member reader gets (its groups' statistics, position, learn-from, the council report) as one JSON text; and, for contrast, the exact statistics.</summary>
    private static (string Member, string Exact) MemberOutputs(IReadOnlyList<decimal> scores, int reader)
    {
        var input = Round(scores, consents: i => i == 0);
        var benchmark = BenchmarkEngine.Compute(input);
        var code = input.Participants[reader].Municipality.Code;
        var report = ReportInput(input, benchmark, code);
        var member = JsonSerializer.Serialize(new object[]
        {
            report.Position,
            report.Groups,
            report.Advice,
            CouncilReportBuilder.Build(report, Language.Dutch),
            CouncilReportBuilder.Build(report, Language.English),
        });
        return (member, JsonSerializer.Serialize(benchmark.Groups));
    }

    private static CouncilReportInput ReportInput(BenchmarkInput input, CycleBenchmark benchmark, string code)
    {
        var participant = input.Participants.Single(p => p.Municipality.Code == code);
        var position = benchmark.PositionOf(code)!;
        return new CouncilReportInput(
            input.Model,
            participant.Municipality,
            participant.Card,
            position,
            benchmark.Groups.Where(g => position.Groups.Contains(g.Group.Id)).Select(PublicGroup.From).ToList(),
            LearnFrom.For(input, benchmark, code),
            [],
            [],
            input.Cycle,
            DataDate);
    }

    /// <summary>
    /// A round of municipalities of one size class and province whose only difference is their WOZ score: every other block
    /// scores 3.00 for everyone, so the WOZ block is the only gap and the only thing a reader could learn about others.
    /// </summary>
    private static BenchmarkInput Round(IReadOnlyList<decimal> wozScores, Func<int, bool> consents, (int Index, int Level)? target = null)
    {
        var model = TestData.Real.ModelForCycle(2026);
        var municipalities = wozScores.Select((_, i) => new Municipality($"GM9{i + 1:000}", $"Gemeente {i + 1}", $"Gemeente {i + 1}", "Utrecht", 30_000 + i, [], [])).ToList();
        var register = new MunicipalityRegister(Cycle, municipalities);
        var participants = municipalities.Select((m, i) =>
        {
            var targets = target is { } t && t.Index == i ? new Dictionary<string, int> { [Block] = t.Level } : new Dictionary<string, int>();
            var blocks = model.Blocks.Select(b =>
            {
                var score = b.Id == Block ? wozScores[i] : 3.00m;
                var level = (int)Math.Floor(score);
                return new BlockScore(b.Id, b.DomainId, ScoreStatus.Scored, score, level, level, [], 100m, targets.TryGetValue(b.Id, out var goal) ? goal : null, null, null, []);
            }).ToList();
            var domains = model.Domains.Select(d => new DomainScore(d.Id, ScoreStatus.Scored, 3.00m, 1m, model.BlocksIn(d.Id).Count(), 0, 0)).ToList();
            var card = new ScoreCard(m.Code, Cycle, "2026", 50m, 3m, 100m, 1, 1, domains, blocks);
            var submission = new Submission(m.Code, Cycle, "2026", consents(i), new Dictionary<string, Answer>(), targets);
            return new Participant(m, submission, card, SubmissionStatus.Approved, Complete: true);
        }).ToList();
        return new BenchmarkInput(Cycle, model, register, participants, [], []);
    }
}
