using Benchmark.Core.Register;
using Benchmark.Core.Scoring;

namespace Benchmark.Core.Benchmarking;

/// <summary>One of a municipality's largest gaps, and consenting municipalities to learn from.</summary>
/// <param name="Reference">The target, or the published (rounded) P75 of <paramref name="ReferenceGroup"/>: never an exact quantile, which in a small group is a peer's score.</param>
/// <param name="ReferenceKind">"target" (its own ambition) or "peer-p75" (the 75th percentile of a peer group).</param>
/// <param name="ReferenceGroup">For "peer-p75": the group whose P75 it is (its own group, or all municipalities when that one publishes none).</param>
/// <param name="Basis">Why <paramref name="LearnFrom"/> holds who it holds, one of <see cref="LearnFromBasis"/>; null in results stored before it was kept.</param>
public sealed record Gap(string BlockId, decimal Score, decimal Reference, string ReferenceKind, string? ReferenceGroup, decimal Weight, decimal WeightedGap, IReadOnlyList<Leader> LearnFrom, string? Basis = null);

public sealed record LearnFromAdvice(string Municipality, int Cycle, string PeerGroupId, IReadOnlyList<Gap> Gaps);

/// <summary>Why a gap lists the municipalities it does; every case has its own honest sentence in the outputs.</summary>
public static class LearnFromBasis
{
    /// <summary>Consenting leaders of the block who are clearly ahead.</summary>
    public const string Leaders = "leaders";

    /// <summary>No consenting leader is ahead, but other consenting municipalities are clearly ahead.</summary>
    public const string Ahead = "ahead";

    /// <summary>Leaders are ahead, but none of them (nor anyone else ahead) agreed to be named.</summary>
    public const string LeadersAnonymous = "leaders-anonymous";

    /// <summary>No leader is ahead; others are clearly ahead but none agreed to be named.</summary>
    public const string AheadAnonymous = "ahead-anonymous";

    /// <summary>Nobody in the country is clearly ahead on this block.</summary>
    public const string NobodyAhead = "nobody-ahead";
}

/// <summary>"Who can we learn from?" — rules in docs/benchmarking.md.</summary>
public static class LearnFrom
{
    public const int GapsShown = 3;
    public const int LeadersPerGap = 3;

    /// <summary>Someone is clearly ahead on a block with a score at least this much higher: half a level, more than progress noise within one level.</summary>
    public const decimal ClearlyAheadBy = 0.5m;

    /// <summary>The advice for one municipality. For many, make one <see cref="Advisor"/> and ask it for each.</summary>
    public static LearnFromAdvice For(BenchmarkInput input, CycleBenchmark benchmark, string municipality, string? peerGroupId = null) =>
        new Advisor(input, benchmark).For(municipality, peerGroupId);

    /// <summary>
    /// The advice for every municipality of one computation. What all of them share (who counts, who is ahead on each
    /// block, the notes) is worked out once, so advising every municipality grows with their number rather than with
    /// its square (issue 19). Others are read from their summaries (<see cref="ParticipantSummary"/>); only the advised
    /// municipality's own score card is needed, so a large cycle need not hold every card. Not for use from several
    /// threads at once.
    /// </summary>
    public sealed class Advisor
    {
        private readonly ScoredCycle _cycle;
        private readonly CycleBenchmark _benchmark;
        private readonly Dictionary<string, ParticipantSummary> _counted;
        private readonly Dictionary<string, ScoreCard>? _cards;
        private readonly Dictionary<(string BlockId, string Municipality), ApprovedNote> _notes = [];
        private readonly Dictionary<string, List<(ParticipantSummary Participant, decimal Score, int StagedLevel)>> _byScoreDescending = new(StringComparer.Ordinal);

        /// <summary>An advisor for participants whose cards the input holds, so <see cref="For(string, string?)"/> can look them up.</summary>
        public Advisor(BenchmarkInput input, CycleBenchmark benchmark)
            : this(ScoredCycle.Of(input), benchmark)
        {
            _cards = new Dictionary<string, ScoreCard>(StringComparer.Ordinal);
            foreach (var participant in BenchmarkEngine.Counted(input))
            {
                _cards.TryAdd(participant.Municipality.Code, participant.Card);
            }
        }

        /// <summary>An advisor for a cycle held as summaries: ask it with the municipality's card (<see cref="For(string, ScoreCard, string?)"/>).</summary>
        public Advisor(ScoredCycle cycle, CycleBenchmark benchmark)
        {
            ArgumentNullException.ThrowIfNull(cycle);
            ArgumentNullException.ThrowIfNull(benchmark);
            _cycle = cycle;
            _benchmark = benchmark;
            _counted = new Dictionary<string, ParticipantSummary>(StringComparer.Ordinal);
            foreach (var participant in cycle.Counted())
            {
                _counted.TryAdd(participant.Municipality.Code, participant);
            }

            foreach (var note in cycle.Notes)
            {
                // The first note of a municipality on a block is the one quoted, as before.
                _notes.TryAdd((note.BlockId, note.Municipality), note);
            }
        }

        /// <summary>The advice for a counted municipality whose card the advisor was given (<see cref="Advisor(BenchmarkInput, CycleBenchmark)"/>).</summary>
        public LearnFromAdvice For(string municipality, string? peerGroupId = null)
        {
            if (_cards is null)
            {
                throw new InvalidOperationException("This advisor was made from summaries and holds no score cards; ask it with the municipality's card.");
            }

            var card = _cards.GetValueOrDefault(municipality)
                       ?? throw new ArgumentException($"{municipality} has no counted submission in cycle {_cycle.Cycle}.", nameof(municipality));
            return For(municipality, card, peerGroupId);
        }

        /// <param name="card">The municipality's own score card, as its counted submission scores (not checked: the card's own code may be spelt as its submission spells it).</param>
        public LearnFromAdvice For(string municipality, ScoreCard card, string? peerGroupId = null)
        {
            ArgumentNullException.ThrowIfNull(card);
            var self = _counted.GetValueOrDefault(municipality)
                       ?? throw new ArgumentException($"{municipality} has no counted submission in cycle {_cycle.Cycle}.", nameof(municipality));
            var groupId = peerGroupId ?? PeerGroups.DefaultGroupId(self.Municipality);
            var group = _benchmark.Group(groupId);
            var all = _benchmark.Group("all");

            var gaps = new List<Gap>();
            foreach (var block in card.Blocks.Where(b => b.Status == ScoreStatus.Scored))
            {
                var measure = Measure.Block(block.BlockId);

                // The peer reference is the P75 as the municipality may see it (Disclosure), so the advice never carries a
                // number that the position does not publish.
                var (reference, kind, referenceGroup) = block.Target is { } target
                    ? ((decimal)target, "target", (string?)null)
                    : Disclosure.PublishedP75(group, all, measure) is { } published
                        ? (published.P75, "peer-p75", published.GroupId)
                        : (0m, "peer-p75", (string?)null);
                var weight = _cycle.Model.BlocksById[block.BlockId].Weight;
                var distance = reference - block.Score!.Value;
                if (distance > 0)
                {
                    gaps.Add(new Gap(block.BlockId, block.Score.Value, reference, kind, referenceGroup, weight, distance * weight, []));
                }
            }

            var top = gaps.OrderByDescending(g => g.WeightedGap).ThenBy(g => g.BlockId, StringComparer.Ordinal).Take(GapsShown).ToList();
            var result = top.Select(gap =>
            {
                var (basis, learnFrom) = WhomToLearnFrom(self, card, gap.BlockId);
                return gap with { LearnFrom = learnFrom, Basis = basis };
            }).ToList();
            return new LearnFromAdvice(municipality, _cycle.Cycle, groupId, result);
        }

        /// <summary>
        /// Whom a municipality can learn from on one block, and why. Someone is ahead when their score is at least
        /// <see cref="ClearlyAheadBy"/> higher. Consenting leaders who are ahead come
        /// first; when there are none, any consenting municipality that is ahead; when nobody ahead consented, nobody is
        /// named and the basis says whether those ahead are leaders; when nobody in the country is ahead, it says that.
        /// </summary>
        private (string Basis, IReadOnlyList<Leader> LearnFrom) WhomToLearnFrom(ParticipantSummary self, ScoreCard card, string blockId)
        {
            var bar = card.Blocks.First(b => b.BlockId == blockId).Score!.Value + ClearlyAheadBy;
            var leaders = _benchmark.LeadersByBlock.GetValueOrDefault(blockId) ?? [];
            var leadersAhead = leaders.Where(l => l.Score >= bar && l.Municipality != self.Municipality.Code).ToList();
            var namedLeaders = leadersAhead.Where(l => l.IsNamed).ToList();
            if (namedLeaders.Count > 0)
            {
                return (LearnFromBasis.Leaders, MostSimilar(_cycle.Register, self.Municipality, namedLeaders));
            }

            // Those ahead are a prefix of the block's ranking; their order does not matter, as MostSimilar orders fully.
            var ahead = ByScoreDescending(blockId)
                .TakeWhile(x => x.Score >= bar)
                .Where(x => x.Participant.Municipality.Code != self.Municipality.Code)
                .ToList();
            if (ahead.Count == 0)
            {
                return (LearnFromBasis.NobodyAhead, []);
            }

            var consenting = ahead.Where(x => x.Participant.Submission.ConsentToBeNamed)
                .Select(x => new Leader(blockId, x.Participant.Municipality.Code, x.Participant.Municipality.Name, x.StagedLevel, x.Score,
                    _notes.GetValueOrDefault((blockId, x.Participant.Municipality.Code))))
                .ToList();
            if (consenting.Count > 0)
            {
                return (LearnFromBasis.Ahead, MostSimilar(_cycle.Register, self.Municipality, consenting));
            }

            return (leadersAhead.Count > 0 ? LearnFromBasis.LeadersAnonymous : LearnFromBasis.AheadAnonymous, []);
        }

        /// <summary>The counted participants with a score on the block, highest first; made on first use.</summary>
        private List<(ParticipantSummary Participant, decimal Score, int StagedLevel)> ByScoreDescending(string blockId)
        {
            if (!_byScoreDescending.TryGetValue(blockId, out var ranking))
            {
                var block = _cycle.Layout.BlockNumber(blockId);
                ranking = block < 0
                    ? []
                    : _counted.Values
                        .Select(p => (Participant: p, Score: _cycle.Layout.BlockScore(p.Row, block), StagedLevel: _cycle.Layout.StagedLevel(p.Row, block)))
                        .Where(x => x.Score is not null)
                        .Select(x => (x.Participant, Score: x.Score!.Value, StagedLevel: x.StagedLevel!.Value))
                        .OrderByDescending(x => x.Score)
                        .ToList();
                _byScoreDescending[blockId] = ranking;
            }

            return ranking;
        }
    }

    private static List<Leader> MostSimilar(MunicipalityRegister register, Municipality self, IEnumerable<Leader> candidates) => candidates
        .OrderByDescending(l => Similarity(self, register.Find(l.Municipality!)!))
        .ThenByDescending(l => l.Score)
        .ThenBy(l => l.Municipality, StringComparer.Ordinal)
        .Take(LeadersPerGap)
        .ToList();

    /// <summary>How alike two municipalities are: same size class 3, same coarse class 1, same province 2, each shared collaboration 2.</summary>
    public static int Similarity(Municipality a, Municipality b) =>
        (a.SizeClass == b.SizeClass ? 3 : 0)
        + (a.CoarseSizeClass == b.CoarseSizeClass ? 1 : 0)
        + (a.Province == b.Province ? 2 : 0)
        + (2 * a.Collaborations.Intersect(b.Collaborations, StringComparer.Ordinal).Count());
}
