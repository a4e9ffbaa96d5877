using System.Collections;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;

namespace Benchmark.Core.Benchmarking;

/// <summary>
/// What the benchmark needs of one counted participant, and nothing else: its value of every measure (in the order of
/// <see cref="BenchmarkEngine.Measures"/>), the staged level of every block (for leaders) and its consent to be named.
/// About 1 KB, against some 20 KB for its score card, so a cycle of 100,000 organisations fits in memory (issue 19).
/// </summary>
public sealed class MeasureRow
{
    internal MeasureRow(Municipality municipality, bool consentToBeNamed, decimal[] values, bool[] hasValue, byte[] stagedLevels)
    {
        Municipality = municipality;
        ConsentToBeNamed = consentToBeNamed;
        _values = values;
        _hasValue = hasValue;
        StagedLevels = stagedLevels;
    }

    // Values and whether each is there, rather than decimal?[]: a nullable decimal takes 24 bytes, a decimal and a bool 17.
    private readonly decimal[] _values;
    private readonly bool[] _hasValue;

    public Municipality Municipality { get; }

    public bool ConsentToBeNamed { get; }

    internal int MeasureCount => _values.Length;

    /// <summary>The value of measure m; null where the card has no score (not applicable or open).</summary>
    internal decimal? Value(int m) => _hasValue[m] ? _values[m] : null;

    /// <summary>Per block of the model: the staged level of a scored block, 0 for any other.</summary>
    internal byte[] StagedLevels { get; }
}

/// <summary>The measures of one model and where each domain and block lives in a <see cref="MeasureRow"/>.</summary>
public sealed class MeasureLayout
{
    private readonly Dictionary<string, int> _domainSlots;
    private readonly Dictionary<string, int> _blockSlots;

    private MeasureLayout(MaturityModel model)
    {
        Model = model;
        Measures = BenchmarkEngine.Measures(model);
        BlockIds = model.Blocks.Select(b => b.Id).ToArray();
        _domainSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        _blockSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < Measures.Count; m++)
        {
            var measure = Measures[m];
            // TryAdd: were an id listed twice, the first measure with it is the one Value would find first.
            _ = measure.Kind switch
            {
                MeasureKind.Domain => _domainSlots.TryAdd(measure.Id!, m),
                MeasureKind.Block => _blockSlots.TryAdd(measure.Id!, m),
                _ => true,
            };
        }
    }

    public IReadOnlyList<Measure> Measures { get; }

    internal string[] BlockIds { get; }

    /// <summary>The model the layout was made for.</summary>
    public MaturityModel Model { get; }

    /// <summary>
    /// The score of block b (the model's b-th block, <see cref="BlockNumber"/>) when the card scored it, else null. A
    /// block has a score exactly when it is scored, and then a staged level of at least the lowest level, 1
    /// (<c>ScoringEngine</c>; answers hold levels 1 to 5), so a staged level of 0 in the row means "not scored", and this
    /// is the card's <c>Status == Scored</c> as well.
    /// </summary>
    public decimal? BlockScore(MeasureRow row, int block) => IsScored(row, block) ? row.Value(_blockSlots[BlockIds[block]]) : null;

    /// <summary>The staged level of block b when the card scored it, else null.</summary>
    public int? StagedLevel(MeasureRow row, int block) => IsScored(row, block) ? row.StagedLevels[block] : null;

    private bool IsScored(MeasureRow row, int block)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.StagedLevels[block] > 0 && row.Value(_blockSlots[BlockIds[block]]) is not null;
    }

    /// <summary>Where a block of the model is in <see cref="BlockScore"/>; -1 when the model has no such block.</summary>
    public int BlockNumber(string blockId) => Array.IndexOf(BlockIds, blockId);

    public static MeasureLayout For(MaturityModel model) => new(model);

    /// <summary>The row of a participant; see <see cref="Row(Municipality, bool, ScoreCard)"/>.</summary>
    public MeasureRow Row(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return Row(participant.Municipality, participant.Submission.ConsentToBeNamed, participant.Card);
    }

    /// <summary>
    /// The row of a scored submission: the same values <see cref="BenchmarkEngine.Value"/> reads from its card (the
    /// first domain or block with an id, as that does), so the card can be dropped once this is made.
    /// </summary>
    public MeasureRow Row(Municipality municipality, bool consentToBeNamed, ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var values = new decimal[Measures.Count];
        var has = new bool[Measures.Count];
        var staged = new byte[BlockIds.Length];
        var seen = new bool[Measures.Count];
        void Set(int m, decimal? value)
        {
            values[m] = value ?? 0m;
            has[m] = value is not null;
            seen[m] = true;
        }

        for (var m = 0; m < Measures.Count; m++)
        {
            if (Measures[m].IsIndex)
            {
                Set(m, card.Index);
            }
        }

        foreach (var domain in card.Domains)
        {
            if (_domainSlots.TryGetValue(domain.DomainId, out var m) && !seen[m])
            {
                Set(m, domain.Score);
            }
        }

        for (var b = 0; b < BlockIds.Length; b++)
        {
            var block = FirstBlock(card, BlockIds[b]);
            if (block is null)
            {
                continue;
            }

            Set(_blockSlots[BlockIds[b]], block.Score);
            staged[b] = block is { Status: ScoreStatus.Scored, StagedLevel: { } level } ? (byte)Math.Clamp(level, 0, byte.MaxValue) : (byte)0;
        }

        return new MeasureRow(municipality, consentToBeNamed, values, has, staged);
    }

    // A loop rather than LINQ: it runs for every block of every participant.
    private static BlockScore? FirstBlock(ScoreCard card, string blockId)
    {
        foreach (var block in card.Blocks)
        {
            if (string.Equals(block.BlockId, blockId, StringComparison.Ordinal))
            {
                return block;
            }
        }

        return null;
    }
}

/// <summary>
/// The input of <see cref="BenchmarkEngine.Compute(CompactBenchmarkInput)"/>: one row per participant that counts
/// (<see cref="BenchmarkEngine.Counts"/>), in any order; rows of municipalities not in the register are left out, as
/// <see cref="BenchmarkEngine.Counted"/> leaves them out.
/// </summary>
public sealed record CompactBenchmarkInput(
    int Cycle,
    MaturityModel Model,
    MunicipalityRegister Register,
    IReadOnlyList<MeasureRow> Rows,
    IReadOnlyList<CustomGroup> CustomGroups,
    IReadOnlyList<ApprovedNote> Notes);

/// <summary>
/// The benchmark from compact rows: groups are lists of row numbers, each measure is sorted once for all groups, and
/// ranks are kept as whole numbers in one array. Positions are read from those arrays when asked for rather than held as
/// objects (45 positions with a dictionary each were 24 KB per organisation). The arithmetic of every published number
/// is the one <see cref="Quantiles"/> and <see cref="Distribution"/> document, on the values in the same order.
/// </summary>
internal sealed class CompactBenchmark
{
    /// <summary>A rank withheld because the group is too small.</summary>
    private const int Withheld = -1;

    private readonly IReadOnlyList<Measure> _measures;
    private readonly MeasureRow[] _rows;
    private readonly string[] _groupIds;

    /// <summary>Row r's groups are <c>_groupsOf[_groupStart[r] .. _groupStart[r + 1]]</c>, in the order of the groups.</summary>
    private readonly int[] _groupStart;
    private readonly int[] _groupsOf;

    /// <summary>
    /// Row r's rank of measure m in its s-th group, at <c>_groupStart[r] × measures + m × (its group count) + s</c>:
    /// twice the mid-rank count (2 × below + equal), or <see cref="Withheld"/>.
    /// </summary>
    private readonly int[] _ranks;

    /// <summary>How many values group g has of measure m, at <c>g × measures + m</c>.</summary>
    private readonly int[] _counts;

    private CompactBenchmark(IReadOnlyList<Measure> measures, MeasureRow[] rows, string[] groupIds, int[] groupStart, int[] groupsOf)
    {
        _measures = measures;
        _rows = rows;
        _groupIds = groupIds;
        _groupStart = groupStart;
        _groupsOf = groupsOf;
        _ranks = new int[checked(groupsOf.Length * measures.Count)];
        _counts = new int[checked(groupIds.Length * measures.Count)];
    }

    public static CycleBenchmark Compute(CompactBenchmarkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var layout = MeasureLayout.For(input.Model);
        var measures = layout.Measures;
        var rows = input.Rows.Where(r => input.Register.Find(r.Municipality.Code) is not null).OrderBy(r => r.Municipality.Code, StringComparer.Ordinal).ToArray();
        var rowOf = new Dictionary<string, int>(rows.Length, StringComparer.Ordinal);
        for (var r = 0; r < rows.Length; r++)
        {
            if (!rowOf.TryAdd(rows[r].Municipality.Code, r))
            {
                throw new ArgumentException($"Municipality {rows[r].Municipality.Code} has more than one row.", nameof(input));
            }
        }

        var groups = PeerGroups.For(input.Register, input.CustomGroups);

        // Each group's members as row numbers, in the group's order (duplicates kept, as the statistics keep them).
        var members = groups.Select(g => g.Members.Where(rowOf.ContainsKey).Select(c => rowOf[c]).ToArray()).ToArray();

        // Each row's groups in the order of the groups, each once, in two passes: count, then fill.
        var groupStart = new int[rows.Length + 1];
        var distinct = new int[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            distinct[g] = IsIncreasing(members[g]) ? members[g] : members[g].Distinct().ToArray();
            foreach (var r in distinct[g])
            {
                groupStart[r + 1]++;
            }
        }

        for (var r = 0; r < rows.Length; r++)
        {
            groupStart[r + 1] += groupStart[r];
        }

        var groupsOf = new int[groupStart[^1]];
        var fill = groupStart[..^1];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var r in distinct[g])
            {
                groupsOf[fill[r]++] = g;
            }
        }

        var engine = new CompactBenchmark(measures, rows, groups.Select(g => g.Id).ToArray(), groupStart, groupsOf);
        var statistics = new GroupStatistics[groups.Count, measures.Count];
        var allGroup = groups.Select((g, i) => (g, i)).First(x => x.g.Kind == PeerGroupKind.All).i;
        var blockOfMeasure = measures.Select(m => m.Kind == MeasureKind.Block ? Array.IndexOf(layout.BlockIds, m.Id) : -1).ToArray();
        var leaders = new List<Leader>?[layout.BlockIds.Length];
        var notes = NotesByBlock(input.Notes);

        var sorted = new SortedGroup[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            sorted[g] = new SortedGroup(members[g].Length);
        }

        // Allocated once for all measures rather than per measure: at 100,000 rows they are large objects, and 45 of each
        // would wait for a full collection.
        var keys = new decimal[rows.Length];
        var order = new int[rows.Length];
        var inRowOrder = members.Select(IsIncreasing).ToArray();
        for (var m = 0; m < measures.Count; m++)
        {
            engine.SortIntoGroups(m, members, sorted, keys, order, inRowOrder);
            for (var g = 0; g < groups.Count; g++)
            {
                var group = sorted[g];
                engine._counts[(g * measures.Count) + m] = group.Count;
                statistics[g, m] = GroupStatistics.OfSorted(group.Values, group.Count);
                engine.Rank(m, group);
                if (g == allGroup && blockOfMeasure[m] >= 0 && leaders[blockOfMeasure[m]] is null)
                {
                    var block = blockOfMeasure[m];
                    leaders[block] = engine.Leaders(input.Cycle, layout.BlockIds[block], block, group, notes.GetValueOrDefault(layout.BlockIds[block]));
                }
            }
        }

        var groupResults = groups.Select((g, gi) => new GroupBenchmark(g, measures.Select((m, mi) => new MeasureStatistics(m, statistics[gi, mi])).ToList())).ToList();
        var positions = new MunicipalityPosition[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var ids = new string[groupStart[r + 1] - groupStart[r]];
            for (var s = 0; s < ids.Length; s++)
            {
                ids[s] = engine._groupIds[groupsOf[groupStart[r] + s]];
            }

            positions[r] = new MunicipalityPosition(rows[r].Municipality.Code, ids, new PositionList(engine, r, ids));
        }

        var leadersByBlock = new Dictionary<string, IReadOnlyList<Leader>>(StringComparer.Ordinal);
        foreach (var block in input.Model.Blocks)
        {
            var b = Array.IndexOf(layout.BlockIds, block.Id);
            leadersByBlock.Add(block.Id, leaders[b] ?? []);
        }

        return new CycleBenchmark(input.Cycle, rows.Length, groupResults, positions, leadersByBlock);
    }

    private static bool IsIncreasing(int[] rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i] <= rows[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, Dictionary<string, ApprovedNote>> NotesByBlock(IReadOnlyList<ApprovedNote> notes)
    {
        // The first approved note of each municipality for each block, as the leaders of a block look it up.
        var byBlock = new Dictionary<string, Dictionary<string, ApprovedNote>>(StringComparer.Ordinal);
        foreach (var note in notes)
        {
            (byBlock.TryGetValue(note.BlockId, out var of) ? of : byBlock[note.BlockId] = new Dictionary<string, ApprovedNote>(StringComparer.Ordinal)).TryAdd(note.Municipality, note);
        }

        return byBlock;
    }

    /// <summary>
    /// Fills every group with its values of measure m, sorted as a stable sort of the group's members would sort them
    /// (equal values keep the members' order, which matters where equal values differ in trailing zeros). The measure is
    /// sorted once for all rows; a group whose members are in row order takes its values from that order in one pass.
    /// </summary>
    private void SortIntoGroups(int m, int[][] members, SortedGroup[] sorted, decimal[] keys, int[] order, bool[] inRowOrder)
    {
        var n = 0;
        for (var r = 0; r < _rows.Length; r++)
        {
            if (_rows[r].Value(m) is { } value)
            {
                keys[n] = value;
                order[n++] = r;
            }
        }

        StableSort(keys, order, n, r => _rows[r].Value(m)!.Value);
        for (var g = 0; g < sorted.Length; g++)
        {
            sorted[g].Clear();
        }

        for (var i = 0; i < n; i++)
        {
            var r = order[i];
            for (var s = _groupStart[r]; s < _groupStart[r + 1]; s++)
            {
                var g = _groupsOf[s];
                if (inRowOrder[g])
                {
                    sorted[g].Add(keys[i], r, s - _groupStart[r]);
                }
            }
        }

        // Any other group (members out of row order or listed twice) is sorted on its own, in its own member order.
        for (var g = 0; g < sorted.Length; g++)
        {
            if (inRowOrder[g])
            {
                continue;
            }

            var valued = members[g].Where(r => _rows[r].Value(m) is not null).ToArray();
            var groupKeys = valued.Select(r => _rows[r].Value(m)!.Value).ToArray();
            var original = (decimal[])groupKeys.Clone();
            var positions = Enumerable.Range(0, valued.Length).ToArray();
            StableSort(groupKeys, positions, valued.Length, p => original[p]);
            for (var i = 0; i < valued.Length; i++)
            {
                var r = valued[positions[i]];
                sorted[g].Add(groupKeys[i], r, SlotOf(r, g));
            }
        }
    }

    private int SlotOf(int row, int group)
    {
        for (var s = _groupStart[row]; s < _groupStart[row + 1]; s++)
        {
            if (_groupsOf[s] == group)
            {
                return s - _groupStart[row];
            }
        }

        throw new InvalidOperationException($"Row {row} is not in group {_groupIds[group]}.");
    }

    /// <summary>
    /// Sorts the first n keys with their items, stable: Array.Sort is not, so each run of equal keys is put back in the
    /// order of its items (ascending), and its keys are read again in that order, since equal decimals may differ in scale.
    /// </summary>
    private static void StableSort(decimal[] keys, int[] items, int n, Func<int, decimal> keyOf)
    {
        Array.Sort(keys, items, 0, n);
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(items, start, end - start);
                for (var i = start; i < end; i++)
                {
                    keys[i] = keyOf(items[i]);
                }
            }

            start = end;
        }
    }

    /// <summary>Every member's rank in the group: members with equal values share one run, below and equal counted from it.</summary>
    private void Rank(int m, SortedGroup group)
    {
        var n = group.Count;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && group.Values[end] == group.Values[start])
            {
                end++;
            }

            var twice = n >= GroupStatistics.MinimumGroupSize ? (2 * start) + (end - start) : Withheld;
            for (var i = start; i < end; i++)
            {
                _ranks[RankIndex(group.Rows[i], m, group.Slots[i])] = twice;
            }

            start = end;
        }
    }

    private int RankIndex(int row, int m, int slot) =>
        (_groupStart[row] * _measures.Count) + (m * (_groupStart[row + 1] - _groupStart[row])) + slot;

    /// <summary>
    /// <see cref="BenchmarkEngine.LeadersOf"/> on the sorted values of the group of all: a score leads when fewer than
    /// 10 % of the group are strictly ahead, which is the number of values after the end of its run.
    /// </summary>
    private List<Leader> Leaders(int cycle, string blockId, int block, SortedGroup all, Dictionary<string, ApprovedNote>? notes)
    {
        var n = all.Count;
        if (n < GroupStatistics.MinimumGroupSize)
        {
            return [];
        }

        var leading = new List<(int Row, decimal Score)>();
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && all.Values[end] == all.Values[start])
            {
                end++;
            }

            if (100m * (n - end) / n < 100m - BenchmarkEngine.LeaderPercentileRank)
            {
                for (var i = start; i < end; i++)
                {
                    if (_rows[all.Rows[i]].StagedLevels[block] >= BenchmarkEngine.LeaderMinimumLevel)
                    {
                        leading.Add((all.Rows[i], all.Values[i]));
                    }
                }
            }

            start = end;
        }

        // In the order of the counted participants, as the previous engine found them, before the stable ordering below.
        leading.Sort((a, b) => a.Row.CompareTo(b.Row));
        Leader ToLeader((int Row, decimal Score) x, bool named)
        {
            var row = _rows[x.Row];
            return named
                ? new Leader(blockId, row.Municipality.Code, row.Municipality.EverydayName, row.StagedLevels[block], x.Score, notes?.GetValueOrDefault(row.Municipality.Code))
                : new Leader(blockId, null, null, row.StagedLevels[block], x.Score, null);
        }

        var named = leading.Where(x => _rows[x.Row].ConsentToBeNamed)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => BenchmarkEngine.FairOrder(cycle, blockId, _rows[x.Row].Municipality.Code))
            .Take(BenchmarkEngine.NamedLeadersAtMost)
            .Select(x => ToLeader(x, named: true));
        var anonymous = leading.Where(x => !_rows[x.Row].ConsentToBeNamed)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => BenchmarkEngine.FairOrder(cycle, blockId, _rows[x.Row].Municipality.Code))
            .Select(x => ToLeader(x, named: false));
        return [.. named, .. anonymous];
    }

    private Position PositionAt(int row, int m, string[] groupIds)
    {
        var value = _rows[row].Value(m)!.Value;
        var ranks = new Dictionary<string, decimal?>(groupIds.Length, StringComparer.Ordinal);
        for (var s = 0; s < groupIds.Length; s++)
        {
            var twice = _ranks[RankIndex(row, m, s)];
            var n = _counts[(_groupsOf[_groupStart[row] + s] * _measures.Count) + m];

            // Quantiles.PercentileRank's arithmetic: below + equal / 2, then × 100 / n. (twice >> 1) + (twice & 1) / 2 is
            // the same number with the same scale, since equal / 2 is whole or a half just as (twice & 1) / 2 is.
            ranks[groupIds[s]] = twice == Withheld ? null : 100m * ((twice >> 1) + ((twice & 1) / 2m)) / n;
        }

        return new Position(_measures[m], value, ranks);
    }

    /// <summary>One group's values of one measure, sorted, with whose they are and the group's place among that row's groups.</summary>
    private sealed class SortedGroup(int capacity)
    {
        public decimal[] Values { get; } = new decimal[capacity];

        public int[] Rows { get; } = new int[capacity];

        public int[] Slots { get; } = new int[capacity];

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        public void Add(decimal value, int row, int slot)
        {
            Values[Count] = value;
            Rows[Count] = row;
            Slots[Count] = slot;
            Count++;
        }
    }

    /// <summary>A municipality's positions, one per measure it has a value of, made from the engine's arrays when read.</summary>
    private sealed class PositionList(CompactBenchmark engine, int row, string[] groupIds) : IReadOnlyList<Position>
    {
        public int Count
        {
            get
            {
                var count = 0;
                for (var m = 0; m < engine._rows[row].MeasureCount; m++)
                {
                    count += engine._rows[row].Value(m) is null ? 0 : 1;
                }

                return count;
            }
        }

        public Position this[int index]
        {
            get
            {
                var values = engine._rows[row];
                for (int m = 0, seen = 0; m < values.MeasureCount; m++)
                {
                    if (values.Value(m) is not null && seen++ == index)
                    {
                        return engine.PositionAt(row, m, groupIds);
                    }
                }

                throw new ArgumentOutOfRangeException(nameof(index), index, "There is no position with this number.");
            }
        }

        public IEnumerator<Position> GetEnumerator()
        {
            var values = engine._rows[row];
            for (var m = 0; m < values.MeasureCount; m++)
            {
                if (values.Value(m) is not null)
                {
                    yield return engine.PositionAt(row, m, groupIds);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
