using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

public sealed record DemoLoadSummary(int Registers, int Cycles, int Submissions);

/// <summary>
/// Puts generated demo data into storage with a realistic history: earlier cycles closed and approved,
/// the latest cycle open with a mix of drafts, submitted, approved and rejected answers.
/// </summary>
public sealed class DemoLoader(RegisterStore registers, CycleStore cycles, SubmissionStore submissions, CurationStore curation, Core.Loading.QuestionnaireCatalog catalog, TimeProvider time)
{
    public const string DemoActor = "demo-loader";

    public async Task<DemoLoadSummary> LoadAsync(DemoDataSet data, DateTimeOffset openCycleDeadline, CancellationToken cancellationToken = default)
    {
        foreach (var register in data.Registers)
        {
            await registers.ImportAsync(register, cancellationToken).ConfigureAwait(false);
        }

        var years = data.Submissions.Select(s => s.Cycle).Distinct().Order().ToList();
        var latest = years[^1];
        foreach (var year in years)
        {
            var questionnaire = data.Submissions.First(s => s.Cycle == year).QuestionnaireVersion;
            var opened = new DateTimeOffset(year, 7, 1, 0, 0, 0, TimeSpan.Zero);
            var cycle = year == latest
                ? new Cycle(year, questionnaire, CycleStatus.Open, openCycleDeadline, opened, null)
                : new Cycle(year, questionnaire, CycleStatus.Closed, new DateTimeOffset(year, 12, 31, 23, 59, 59, TimeSpan.Zero), opened, new DateTimeOffset(year + 1, 1, 15, 0, 0, 0, TimeSpan.Zero));
            await cycles.SaveAsync(cycle, cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        foreach (var submission in data.Submissions)
        {
            // Deterministic per municipality: the code's digits pick where it is in the workflow.
            var pick = int.Parse(submission.Municipality[2..], System.Globalization.CultureInfo.InvariantCulture) % 10;
            SubmissionAction[] steps = submission.Cycle < latest
                ? [SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Approved]
                : pick switch
                {
                    < 4 => [SubmissionAction.DraftSaved],
                    < 7 => [SubmissionAction.DraftSaved, SubmissionAction.Submitted],
                    < 9 => [SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Approved],
                    _ => [SubmissionAction.DraftSaved, SubmissionAction.Submitted, SubmissionAction.Rejected],
                };
            StoredSubmission? current = null;
            var at = new DateTimeOffset(submission.Cycle, 9, 1, 9, 0, 0, TimeSpan.Zero).AddHours(pick * 7);
            foreach (var (step, index) in steps.Select((s, i) => (s, i)))
            {
                var record = new SubmissionRecord(
                    submission.Municipality,
                    submission.Cycle,
                    index + 1,
                    SubmissionRules.StatusAfter(step),
                    submission,
                    step,
                    Min(at.AddDays(index * 9), time.GetUtcNow()),
                    DemoActor,
                    step == SubmissionAction.Rejected ? "Graag de toelichting bij de basisregistraties aanvullen." : null,
                    false);
                current = await submissions.WriteAsync(current, record, cancellationToken).ConfigureAwait(false);
            }

            count++;
        }

        // The demo analyst has read the practice notes of submitted answers and approved them, so learn-from has notes to show.
        foreach (var year in years)
        {
            var reviewed = (await submissions.ListAsync(year, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved)
                .ToList();
            await curation.SyncNotesAsync(year, reviewed.Select(r => r.Municipality).ToList(), BenchmarkService.NoteSources(reviewed, catalog), approvedBy: DemoActor, cancellationToken).ConfigureAwait(false);
        }

        return new DemoLoadSummary(data.Registers.Count, years.Count, count);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
