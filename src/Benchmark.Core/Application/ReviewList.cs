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
/// and every version, newest first. People are named by their key's label where it is known.
/// </summary>
public sealed record ReviewCase(Cycle Cycle, StoredSubmission Current, Municipality? Municipality, IReadOnlyList<VersionInfo> Versions, string ChangedBy);
