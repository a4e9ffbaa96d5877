using System.Security.Claims;
using Benchmark.Core.Application;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;

namespace Benchmark.Functions.Web;

/// <summary>Answered and total questions of one domain.</summary>
public sealed record MunicipalityDomainProgress(Domain Domain, IReadOnlyList<QuestionnaireBlock> Blocks, int Answered, int Total)
{
    public bool Complete => Answered == Total;
}

/// <summary>
/// One round (cycle) as the signed-in municipality sees it: its own answers only (the municipality always comes from
/// the session, never from the address), and whether it may still change them. The round is
/// <see cref="SubmissionService.RoundAsync"/>'s; this adds the progress per domain and the words for the pages.
/// </summary>
public sealed class MunicipalityRound
{
    private MunicipalityRound(SubmissionRound round, Actor actor)
    {
        Cycle = round.Cycle;
        Questionnaire = round.Questionnaire;
        Model = round.Model;
        Stored = round.Stored;
        Actor = actor;
        Municipality = round.Municipality;
        ReadOnlyReason = ReasonReadOnly(round.Locked, round.Stored?.Record);
        Domains = round.Model.Domains
            .Select(d =>
            {
                var blocks = round.Model.BlocksIn(d.Id).Where(b => round.Questionnaire.BlocksById.ContainsKey(b.Id)).Select(b => round.Questionnaire.BlocksById[b.Id]).ToList();
                var questions = blocks.SelectMany(b => b.Questions).ToList();
                return new MunicipalityDomainProgress(d, blocks, questions.Count(q => Submission?.AnswerTo(q.Id)?.IsAnswered == true), questions.Count);
            })
            .Where(d => d.Blocks.Count > 0)
            .ToList();
    }

    public Cycle Cycle { get; }

    public Questionnaire Questionnaire { get; }

    public MaturityModel Model { get; }

    public StoredSubmission? Stored { get; }

    public Submission? Submission => Stored?.Record.Submission;

    public SubmissionStatus? Status => Stored?.Record.Status;

    public int Version => Stored?.Record.Version ?? 0;

    public Actor Actor { get; }

    public string Municipality { get; }

    /// <summary>Why the answers cannot change now; null when they can.</summary>
    public LocalizedText? ReadOnlyReason { get; }

    public bool ReadOnly => ReadOnlyReason is not null;

    public IReadOnlyList<MunicipalityDomainProgress> Domains { get; }

    public int Answered => Domains.Sum(d => d.Answered);

    public int Total => Domains.Sum(d => d.Total);

    public string Url => $"/gemeente/{Cycle.Year}";

    public string DomainUrl(string domainId) => $"/gemeente/{Cycle.Year}/vragenlijst/{domainId}";

    /// <summary>
    /// Where to go on: the block of the first question not yet answered, so a colleague on another computer (or the same
    /// person after signing out) continues where the work stopped; with everything answered, the submit page.
    /// </summary>
    public string ResumeUrl
    {
        get
        {
            foreach (var domain in Domains)
            {
                foreach (var block in domain.Blocks)
                {
                    if (block.Questions.Any(q => Submission?.AnswerTo(q.Id)?.IsAnswered != true))
                    {
                        return DomainUrl(domain.Domain.Id) + "#" + QuestionnaireFields.Block(block.BlockId);
                    }
                }
            }

            return $"/gemeente/{Cycle.Year}/indienen";
        }
    }

    /// <summary>The session's own round of <paramref name="year"/>; null when there is no such round to show.</summary>
    public static async Task<MunicipalityRound?> LoadAsync(ClaimsPrincipal user, int year, SubmissionService service, CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        var round = await service.RoundAsync(actor, year, user.Municipality(), cancellationToken);
        return round.Failed ? null : new MunicipalityRound(round.Value, actor);
    }

    /// <summary>The rule that keeps the answers from changing, in the visitor's words; null when they can change.</summary>
    private static LocalizedText? ReasonReadOnly(Refusal? locked, SubmissionRecord? record) => locked?.Code switch
    {
        _ when locked is null => null,
        SubmissionRefusals.MunicipalitiesOnly => new LocalizedText("U bent ingelogd met een sleutel voor de raad: u kunt de antwoorden lezen, niet wijzigen.", "You are signed in with a council key: you can read the answers, not change them."),
        CycleRefusals.Closed => new LocalizedText("Deze ronde is gesloten; de antwoorden kunnen niet meer veranderen.", "This round is closed; the answers can no longer change."),
        SubmissionRefusals.ReadOnly when record?.Status == SubmissionStatus.Approved => new LocalizedText("De analisten hebben de antwoorden goedgekeurd. Ze zijn alleen te lezen; alleen een analist kan ze heropenen.", "The analysts approved the answers. They are read-only; only an analyst can reopen them."),
        SubmissionRefusals.ReadOnly => new LocalizedText("U hebt de antwoorden ingediend. Ze zijn nu alleen te lezen; alleen een analist kan ze heropenen.", "You submitted the answers. They are now read-only; only an analyst can reopen them."),
        SubmissionRefusals.DeadlinePassed => new LocalizedText("De deadline van deze ronde is voorbij. Vraag een analist om uw antwoorden te heropenen.", "The deadline of this round has passed. Ask an analyst to reopen your answers."),
        _ => new LocalizedText("De antwoorden kunnen nu niet veranderen.", "The answers cannot change now."),
    };
}
