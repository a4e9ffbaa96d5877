using System.Globalization;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// A round (cycle) as tables for analysts' spreadsheets: submissions, answers, scores, group statistics and flags, with
/// Dutch headers and typed columns. The figures are the ones the API and the pages show: the submissions list is the
/// review list (<see cref="ReviewService.ListAsync"/>), the scores are the same scoring of the current submissions, the
/// statistics are the cycle's current computation and the flags the curated ones. Writers (CSV here, XLSX in the
/// reports) only translate the tables; analysts only, as the review list.
/// </summary>
public sealed class ExportService(ReviewService review, ISubmissionRepository submissions, ISubmissionContext context, BenchmarkService benchmark, CurationService curation, QuestionnaireCatalog catalog)
{
    public async Task<Outcome<RoundExport>> ExportAsync(Actor actor, int year, CancellationToken cancellationToken = default)
    {
        // The review list asks who reads and whether the cycle exists, so the export refuses exactly where the list does.
        var list = await review.ListAsync(actor, year, ReviewFilter.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (list.Failed)
        {
            return list.Refusal;
        }

        var register = await context.RegisterAsync(year, cancellationToken).ConfigureAwait(false);
        string? NameOf(string code) => register?.Find(code)?.EverydayName;
        var records = (await submissions.ListAsync(year, cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Municipality, StringComparer.Ordinal).ToList();
        var counted = (await benchmark.MunicipalitiesAsync(year, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var groups = await benchmark.GroupsAsync(year, cancellationToken).ConfigureAwait(false);
        var flags = await curation.ListFlagsAsync(year, cancellationToken).ConfigureAwait(false);
        var model = catalog.ModelForCycle(year);
        return new RoundExport(year,
        [
            SubmissionsTable(list.Value.Rows),
            AnswersTable(records, NameOf),
            ScoresTable(records, NameOf, counted, model),
            GroupsTable(groups.Succeeded ? groups.Value : [], model),
            FlagsTable(flags, NameOf, model),
        ]);
    }

    /// <summary>The Dutch word for a workflow state, as the analyst pages say it.</summary>
    public static string StatusText(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => "concept",
        SubmissionStatus.Submitted => "ingediend",
        SubmissionStatus.Approved => "goedgekeurd",
        SubmissionStatus.Rejected => "afgewezen",
        _ => status.ToString(),
    };

    private static ExportTable SubmissionsTable(IReadOnlyList<ReviewRow> rows) => new(
        ExportTables.Submissions,
        [
            new("Gemeentecode", ExportColumnKind.Text),
            new("Gemeente", ExportColumnKind.Text),
            new("Provincie", ExportColumnKind.Text),
            new("Grootteklasse", ExportColumnKind.Integer),
            new("Status", ExportColumnKind.Text),
            new("Versie", ExportColumnKind.Integer),
            new("Gewijzigd op", ExportColumnKind.DateTime),
            new("Index", ExportColumnKind.Decimal),
            new("Volledigheid (%)", ExportColumnKind.Decimal),
            new("Open signalen", ExportColumnKind.Integer),
        ],
        [.. rows.Select(r => Row(r.Municipality, r.Name, r.Province, r.SizeClass, StatusText(r.Status), r.Version, DutchClock(r.ChangedAt), r.Index, r.Completeness, r.OpenFlags))]);

    private ExportTable AnswersTable(IReadOnlyList<SubmissionRecord> records, Func<string, string?> nameOf)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var record in records)
        {
            var questionnaire = catalog.Version(record.Submission.QuestionnaireVersion);
            if (questionnaire is null)
            {
                continue;
            }

            var model = catalog.ModelOf(questionnaire);

            // In the questionnaire's order, so an analyst reads a submission as the municipality filled it in.
            foreach (var question in questionnaire.Questions)
            {
                if (record.Submission.AnswerTo(question.Id) is not { } answer)
                {
                    continue;
                }

                rows.Add(Row(
                    record.Municipality,
                    nameOf(record.Municipality),
                    question.Id,
                    question.Text.Nl,
                    question.BlockId,
                    model.BlocksById.TryGetValue(question.BlockId, out var block) ? block.Name.Nl : null,
                    Describe(question, answer.Value),
                    answer.NotApplicable,
                    answer.Reason,
                    answer.Explanation,
                    answer.Evidence));
            }
        }

        return new ExportTable(
            ExportTables.Answers,
            [
                new("Gemeentecode", ExportColumnKind.Text),
                new("Gemeente", ExportColumnKind.Text),
                new("Vraag", ExportColumnKind.Text),
                new("Vraagtekst", ExportColumnKind.Text),
                new("Bouwsteen", ExportColumnKind.Text),
                new("Bouwsteennaam", ExportColumnKind.Text),
                new("Antwoord", ExportColumnKind.Text),
                new("Niet van toepassing", ExportColumnKind.Boolean),
                new("Reden", ExportColumnKind.Text),
                new("Toelichting", ExportColumnKind.Text),
                new("Onderbouwing", ExportColumnKind.Text),
            ],
            rows);
    }

    private ExportTable ScoresTable(IReadOnlyList<SubmissionRecord> records, Func<string, string?> nameOf, HashSet<string> counted, MaturityModel model)
    {
        // The same scoring as the review list's index, so the two tables never disagree.
        var rows = records.Select(record =>
        {
            var card = ScoringEngine.Score(catalog.ModelOfVersion(record.Submission.QuestionnaireVersion), catalog.Version(record.Submission.QuestionnaireVersion)!, record.Submission);
            var values = new List<object?> { record.Municipality, nameOf(record.Municipality), StatusText(record.Status), counted.Contains(record.Municipality), card.Index, card.OverallScore, card.Completeness };
            foreach (var block in model.Blocks)
            {
                var score = card.Blocks.FirstOrDefault(b => b.BlockId == block.Id);
                values.Add(score?.StagedLevel);
                values.Add(score?.Score);
            }

            return (IReadOnlyList<object?>)values;
        }).ToList();
        var columns = new List<ExportColumn>
        {
            new("Gemeentecode", ExportColumnKind.Text),
            new("Gemeente", ExportColumnKind.Text),
            new("Status", ExportColumnKind.Text),
            new("Meegeteld in benchmark", ExportColumnKind.Boolean),
            new("Index", ExportColumnKind.Decimal),
            new("Totaalscore", ExportColumnKind.Decimal),
            new("Volledigheid (%)", ExportColumnKind.Decimal),
        };
        foreach (var block in model.Blocks)
        {
            columns.Add(new($"Niveau {block.Name.Nl}", ExportColumnKind.Integer));
            columns.Add(new($"Score {block.Name.Nl}", ExportColumnKind.Decimal));
        }

        return new ExportTable(ExportTables.Scores, columns, rows);
    }

    private static ExportTable GroupsTable(IReadOnlyList<GroupBenchmark> groups, MaturityModel model) => new(
        ExportTables.GroupStatistics,
        [
            new("Groep", ExportColumnKind.Text),
            new("Soort groep", ExportColumnKind.Text),
            new("Groepscode", ExportColumnKind.Text),
            new("Maatstaf", ExportColumnKind.Text),
            new("Maatstafcode", ExportColumnKind.Text),
            new("N", ExportColumnKind.Integer),
            new("Gemiddelde", ExportColumnKind.Decimal),
            new("Mediaan", ExportColumnKind.Decimal),
            new("P10", ExportColumnKind.Decimal),
            new("P25", ExportColumnKind.Decimal),
            new("P75", ExportColumnKind.Decimal),
            new("P90", ExportColumnKind.Decimal),
            new("Minimum", ExportColumnKind.Decimal),
            new("Maximum", ExportColumnKind.Decimal),
            new("Niet getoond omdat", ExportColumnKind.Text),
        ],
        [.. groups.SelectMany(g => g.Measures.Select(m =>
        {
            var d = m.Statistics.Distribution;
            return Row(g.Group.Label, KindText(g.Group.Kind), g.Group.Id, MeasureText(m.Measure, model), m.Measure.ToString(), m.Statistics.N, d?.Mean, d?.Median, d?.P10, d?.P25, d?.P75, d?.P90, d?.Min, d?.Max, m.Statistics.WithheldReason);
        }))]);

    private static ExportTable FlagsTable(IReadOnlyList<StoredFlag> flags, Func<string, string?> nameOf, MaturityModel model) => new(
        ExportTables.Flags,
        [
            new("Gemeentecode", ExportColumnKind.Text),
            new("Gemeente", ExportColumnKind.Text),
            new("Regel", ExportColumnKind.Text),
            new("Bouwsteen", ExportColumnKind.Text),
            new("Bouwsteennaam", ExportColumnKind.Text),
            new("Melding", ExportColumnKind.Text),
            new("Afgehandeld", ExportColumnKind.Boolean),
            new("Afgehandeld door", ExportColumnKind.Text),
            new("Afgehandeld op", ExportColumnKind.DateTime),
            new("Opmerking", ExportColumnKind.Text),
        ],
        [.. flags.OrderBy(f => f.Flag.Municipality, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal).Select(f => Row(
            f.Flag.Municipality,
            nameOf(f.Flag.Municipality),
            f.Flag.Rule.ToString(),
            f.Flag.BlockId,
            f.Flag.BlockId is { } id && model.BlocksById.TryGetValue(id, out var block) ? block.Name.Nl : null,
            f.Flag.Message.Nl,
            f.Dismissed,
            f.DismissedBy,
            f.DismissedAt is { } at ? DutchClock(at) : null,
            f.Comment))]);

    /// <summary>An answer as an analyst reads it: option labels in Dutch, numbers with a point, yes/no as ja/nee.</summary>
    private static string? Describe(Question question, AnswerValue? value) => value switch
    {
        LevelValue level => level.Level.ToString(CultureInfo.InvariantCulture),
        YesNoValue yesNo => yesNo.Yes ? "ja" : "nee",
        ChoiceValue choice => OptionLabel(question, choice.OptionId),
        MultiChoiceValue multi => string.Join("; ", multi.OptionIds.Select(o => OptionLabel(question, o))),
        NumberValue number => number.Number.ToString(CultureInfo.InvariantCulture),
        TextValue text => text.Text,
        _ => null,
    };

    private static string OptionLabel(Question question, string optionId) =>
        question.Options.FirstOrDefault(o => o.Id == optionId)?.Label.Nl ?? optionId;

    private static string MeasureText(Measure measure, MaturityModel model) => measure.Kind switch
    {
        MeasureKind.Domain when model.DomainsById.TryGetValue(measure.Id!, out var domain) => $"Domein: {domain.Name.Nl}",
        MeasureKind.Block when model.BlocksById.TryGetValue(measure.Id!, out var block) => $"Bouwsteen: {block.Name.Nl}",
        MeasureKind.Index => "Index",
        _ => measure.ToString(),
    };

    private static string KindText(PeerGroupKind kind) => kind switch
    {
        PeerGroupKind.All => "alle gemeenten",
        PeerGroupKind.SizeClass => "grootteklasse",
        PeerGroupKind.CoarseSizeClass => "grootteklasse (grof)",
        PeerGroupKind.Province => "provincie",
        PeerGroupKind.Collaboration => "samenwerkingsverband",
        PeerGroupKind.Custom => "eigen groep",
        _ => kind.ToString(),
    };

    /// <summary>A moment as Dutch clocks show it, without offset: spreadsheets have no time zones, analysts read Dutch time.</summary>
    private static DateTime DutchClock(DateTimeOffset moment) => DateTime.SpecifyKind(moment.InDutchTime().DateTime, DateTimeKind.Unspecified);

    private static object?[] Row(params object?[] values) => values;
}
