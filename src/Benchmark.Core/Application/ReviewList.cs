using System.Globalization;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>The filters of the analysts' submissions list (all optional).</summary>
public sealed record ReviewFilter(SubmissionStatus? Status, string? Province, int? SizeClass, string? Collaboration)
{
    public static ReviewFilter None { get; } = new(null, null, null, null);

    public bool Any => Status is not null || Province is not null || SizeClass is not null || Collaboration is not null;

    /// <summary>Reads the query's words; an unknown value is ignored (shown as "all") rather than an error.</summary>
    public static ReviewFilter Parse(string? status, string? province, string? sizeClass, string? collaboration) => new(
        Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _) ? s : null,
        string.IsNullOrWhiteSpace(province) ? null : Provinces.Normalize(province) ?? province.Trim(),
        int.TryParse(sizeClass, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8 ? n : null,
        string.IsNullOrWhiteSpace(collaboration) ? null : collaboration.Trim());
}

/// <summary>The columns the submissions list can be ordered by.</summary>
public enum ReviewSort
{
    Municipality,
    Province,
    SizeClass,
    Status,
    Version,
    Changed,
    Index,
    Completeness,
    OpenFlags,
}

/// <summary>An order of the submissions list: a column and its direction; ties (and missing values, always last) go by municipality code.</summary>
public sealed record ReviewOrder(ReviewSort Column, bool Descending)
{
    public static ReviewOrder Default { get; } = new(ReviewSort.Municipality, false);

    public IEnumerable<ReviewRow> Apply(IEnumerable<ReviewRow> rows)
    {
        // Missing values (a submission without an index, a municipality not in the register) sort last either way.
        IOrderedEnumerable<ReviewRow> Missing(Func<ReviewRow, bool> missing) => rows.OrderBy(missing);
        var ordered = Column switch
        {
            ReviewSort.Province => By(Missing(r => r.Province is null), r => r.Province, StringComparer.Ordinal),
            ReviewSort.SizeClass => By(Missing(r => r.SizeClass is null), r => r.SizeClass),
            ReviewSort.Status => By(Missing(_ => false), r => r.Status),
            ReviewSort.Version => By(Missing(_ => false), r => r.Version),
            ReviewSort.Changed => By(Missing(_ => false), r => r.ChangedAt),
            ReviewSort.Index => By(Missing(r => r.Index is null), r => r.Index),
            ReviewSort.Completeness => By(Missing(_ => false), r => r.Completeness),
            ReviewSort.OpenFlags => By(Missing(_ => false), r => r.OpenFlags),
            _ => By(Missing(_ => false), r => r.Municipality, StringComparer.Ordinal),
        };
        return ordered.ThenBy(r => r.Municipality, StringComparer.Ordinal);
    }

    private IOrderedEnumerable<ReviewRow> By<TKey>(IOrderedEnumerable<ReviewRow> rows, Func<ReviewRow, TKey> key, IComparer<TKey>? comparer = null) =>
        Descending ? rows.ThenByDescending(key, comparer) : rows.ThenBy(key, comparer);
}

/// <summary>One row of the submissions list.</summary>
public sealed record ReviewRow(string Municipality, string? Name, string? Province, int? SizeClass, SubmissionStatus Status, int Version, DateTimeOffset ChangedAt, decimal? Index, decimal Completeness, int OpenFlags);

/// <summary>A cycle's submissions, filtered, with the counts per status of the whole cycle and the filters' choices.</summary>
public sealed record ReviewTable(
    Cycle Cycle,
    IReadOnlyDictionary<SubmissionStatus, int> Counts,
    int NotStarted,
    int Total,
    IReadOnlyList<ReviewRow> Rows,
    IReadOnlyList<string> ProvinceOptions,
    IReadOnlyList<string> CollaborationOptions);

/// <summary>One cycle on the analysts' start page, with its number of submissions per status.</summary>
public sealed record ReviewCycle(Cycle Cycle, IReadOnlyDictionary<SubmissionStatus, int> Counts);

/// <summary>
/// One submission as an analyst reviews it: the cycle, the current version, the municipality in the cycle's register
/// and every version, newest first, with the actors as recorded (<see cref="ActorNames"/> names them).
/// </summary>
public sealed record ReviewCase(Cycle Cycle, StoredSubmission Current, Municipality? Municipality, IReadOnlyList<VersionInfo> Versions);
