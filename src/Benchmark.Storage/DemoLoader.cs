using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

public sealed record DemoLoadSummary(int Registers, int Cycles, int Submissions);

/// <summary>
/// Puts generated demo data into storage with a realistic history: earlier cycles closed and approved,
/// the latest cycle open with a mix of drafts, submitted, approved and rejected answers. Submissions are written with the
/// store itself, since their history is made up here rather than lived through the workflow's rules.
/// </summary>
public sealed class DemoLoader(IRegisterRepository registers, ICycleRepository cycles, SubmissionStore submissions, CurationService curation, TimeProvider time)
{
    public const string DemoActor = KnownActors.DemoLoader;

    /// <summary>Whether storage holds any cycle yet, so a demo is loaded only once into the same tables.</summary>
    public async Task<bool> HoldsDataAsync(CancellationToken cancellationToken = default) =>
        (await cycles.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0;

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
            var opened = DutchTime.At(new DateOnly(year, 7, 1), new TimeOnly(9, 0));
            var cycle = year == latest
                ? new Cycle(year, questionnaire, CycleStatus.Open, openCycleDeadline, opened, null)
                : new Cycle(year, questionnaire, CycleStatus.Closed, DutchTime.EndOfYear(year), opened, DutchTime.At(new DateOnly(year + 1, 1, 15), new TimeOnly(9, 0)));
            await cycles.SaveAsync(cycle, cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        foreach (var submission in data.Submissions)
        {
            var steps = Steps(submission.Municipality, latestCycle: submission.Cycle == latest);
            StoredSubmission? current = null;
            // Office hours in Dutch time, a different day and hour per municipality.
            var pick = Pick(submission.Municipality);
            var at = DutchTime.At(new DateOnly(submission.Cycle, 9, 1).AddDays(pick), new TimeOnly(9 + pick, 0));
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
            await curation.SyncNotesAsync(year, await submissions.ListAsync(year, cancellationToken).ConfigureAwait(false), approvedBy: DemoActor, cancellationToken).ConfigureAwait(false);
        }

        return new DemoLoadSummary(data.Registers.Count, years.Count, count);
    }

    /// <summary>The demo's workflow state per municipality (<see cref="DemoWorkflow"/>), for the command line's banner.</summary>
    public static SubmissionStatus LatestStatus(string municipality) => DemoWorkflow.LatestStatus(municipality);

    private static SubmissionAction[] Steps(string municipality, bool latestCycle) => DemoWorkflow.Steps(municipality, latestCycle);

    private static int Pick(string municipality) => DemoWorkflow.Pick(municipality);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
