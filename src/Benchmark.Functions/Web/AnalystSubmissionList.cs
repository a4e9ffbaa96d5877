using Benchmark.Core.Loading;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Storage;

namespace Benchmark.Functions.Web;

/// <summary>The filters of the analysts' submissions table, as read from the GET form (all optional).</summary>
public sealed record AnalystSubmissionFilter(SubmissionStatus? Status, string? Province, int? SizeClass, string? Collaboration)
{
    public bool Any => Status is not null || Province is not null || SizeClass is not null || Collaboration is not null;

    /// <summary>Reads the query's words; an unknown value is ignored (shown as "all") rather than an error.</summary>
    public static AnalystSubmissionFilter Parse(string? status, string? province, string? sizeClass, string? collaboration) => new(
        Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _) ? s : null,
        string.IsNullOrWhiteSpace(province) ? null : Provinces.Normalize(province) ?? province.Trim(),
        int.TryParse(sizeClass, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8 ? n : null,
        string.IsNullOrWhiteSpace(collaboration) ? null : collaboration.Trim());
}

/// <summary>One row of the submissions table.</summary>
public sealed record AnalystSubmissionRow(string Municipality, string? Name, string? Province, int? SizeClass, SubmissionStatus Status, int Version, DateTimeOffset ChangedAt, decimal? Index, decimal Completeness, int OpenFlags);

/// <summary>A cycle's submissions, filtered, with the counts per status of the whole cycle.</summary>
public sealed record AnalystSubmissionTable(
    int Cycle,
    IReadOnlyDictionary<SubmissionStatus, int> Counts,
    int NotStarted,
    int Total,
    IReadOnlyList<AnalystSubmissionRow> Rows,
    IReadOnlyList<string> ProvinceOptions,
    IReadOnlyList<string> CollaborationOptions);

/// <summary>A cycle's submissions for analysts, filtered, with the counts and open flags: the same list for the pages and the API.</summary>
public sealed class AnalystSubmissionList(SubmissionStore store, RegisterStore registers, CurationStore curation, QuestionnaireCatalog catalog)
{
    public async Task<AnalystSubmissionTable> ListAsync(int year, AnalystSubmissionFilter filter, CancellationToken cancellationToken)
    {
        var register = await registers.GetAsync(year, cancellationToken);
        var records = await store.ListAsync(year, cancellationToken);
        var flags = (await curation.FlagsAsync(year, cancellationToken)).Where(f => !f.Dismissed).GroupBy(f => f.Flag.Municipality, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = records.Select(r =>
            {
                var municipality = register?.Find(r.Municipality);
                var card = ScoringEngine.Score(catalog.ModelOfVersion(r.Submission.QuestionnaireVersion), catalog.Version(r.Submission.QuestionnaireVersion)!, r.Submission);
                return (Municipality: municipality, Row: new AnalystSubmissionRow(r.Municipality, municipality?.EverydayName, municipality?.Province, municipality?.SizeClass.Number, r.Status, r.Version, r.ChangedAt, card.Index, card.Completeness, flags.GetValueOrDefault(r.Municipality)));
            })
            .Where(i => filter.Status is null || i.Row.Status == filter.Status)
            .Where(i => filter.Province is null || string.Equals(i.Municipality?.Province, filter.Province, StringComparison.Ordinal))
            .Where(i => filter.SizeClass is null || i.Municipality?.SizeClass.Number == filter.SizeClass)
            .Where(i => filter.Collaboration is null || i.Municipality?.Collaborations.Contains(filter.Collaboration, StringComparer.Ordinal) == true)
            .Select(i => i.Row)
            .OrderBy(r => r.Municipality, StringComparer.Ordinal)
            .ToList();
        var counts = Enum.GetValues<SubmissionStatus>().ToDictionary(s => s, s => records.Count(r => r.Status == s));
        var notStarted = register is null ? 0 : register.Municipalities.Count(m => records.All(r => r.Municipality != m.Code));
        var provinces = register?.Municipalities.Select(m => m.Province).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        var collaborations = register?.Municipalities.SelectMany(m => m.Collaborations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        return new AnalystSubmissionTable(year, counts, notStarted, records.Count, rows, provinces, collaborations);
    }
}
