using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Analist;

/// <summary>
/// One submission for review: status, history, answers with explanations and practice notes, plausibility flags;
/// approve, reject (with a comment) or reopen, each carrying the version the analyst read.
/// </summary>
public sealed class InzendingModel(ReviewService service, CurationService curation, ActorNames actors, QuestionnaireCatalog catalog, WebText text) : PageModel
{
    public Cycle Cycle { get; private set; } = null!;

    public SubmissionRecord Record { get; private set; } = null!;

    public Municipality? Municipality { get; private set; }

    public IReadOnlyList<VersionInfo> Versions { get; private set; } = [];

    public IReadOnlyList<StoredFlag> Flags { get; private set; } = [];

    /// <summary>Who changed it last, by the label of their key.</summary>
    public string ChangedBy => Name(Record.ChangedBy);

    private ActorDirectory People { get; set; } = ActorDirectory.Empty;

    public Questionnaire Questionnaire { get; private set; } = null!;

    public MaturityModel Model => catalog.ModelOf(Questionnaire);

    public ScoreCard Card { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    /// <summary>A refusal that is about the whole action, not one field (a stale version, a state that does not allow it).</summary>
    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public string? EnteredComment { get; private set; }

    /// <summary>The version the review form carries: the one read, kept when the form comes back with an error.</summary>
    public int FormVersion => PostedVersion ?? Record.Version;

    private int? PostedVersion { get; set; }

    public string? DismissedFlag { get; private set; }

    public string? EnteredDismissal { get; private set; }

    public string Title => Text(Record.Municipality, Municipality?.EverydayName);

    public bool CanApproveOrReject => SubmissionRules.CheckReview(Record, SubmissionAction.Approved) is null;

    public bool CanReopen => SubmissionRules.CheckReview(Record, SubmissionAction.Reopened) is null;

    public static string FlagFieldId(int index) => $"signaal-{index}-toelichting";

    public async Task<IActionResult> OnGetAsync(int year, string gm, string? klaar, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, gm, cancellationToken))
        {
            return NotFound();
        }

        Done = klaar switch
        {
            "goedgekeurd" => text.Say("De inzending is goedgekeurd.", "The submission was approved."),
            "afgekeurd" => text.Say("De inzending is afgekeurd. De gemeente kan haar antwoorden nu aanpassen en opnieuw indienen.", "The submission was rejected. The municipality can now change its answers and submit again."),
            "heropend" => text.Say("De inzending is heropend. De gemeente kan haar antwoorden weer aanpassen, ook na de deadline.", "The submission was reopened. The municipality can change its answers again, also after the deadline."),
            "signaal" => text.Say("Het signaal is afgedaan.", "The flag was dismissed."),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(int year, string gm, string? actie, string? opmerking, int? versie, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, gm, cancellationToken))
        {
            return NotFound();
        }

        EnteredComment = opmerking;
        PostedVersion = versie;
        var action = actie switch
        {
            "goedkeuren" => SubmissionAction.Approved,
            "afkeuren" => SubmissionAction.Rejected,
            "heropenen" => SubmissionAction.Reopened,
            _ => (SubmissionAction?)null,
        };
        if (action is null)
        {
            Problem = text.Say("Kies goedkeuren, afkeuren of heropenen.", "Choose approve, reject or reopen.");
            return Page();
        }

        var comment = string.IsNullOrWhiteSpace(opmerking) ? null : opmerking.Trim();
        if (action == SubmissionAction.Rejected && comment is null)
        {
            Errors.Add("opmerking", text.Say("Schrijf bij afkeuren waarom, zodat de gemeente weet wat ze moet aanpassen.", "Say why when rejecting, so the municipality knows what to change."));
        }
        else
        {
            Errors.AddIfRefused("opmerking", comment, text);
        }

        if (versie is null)
        {
            Problem = text.Say("Het formulier mist de versie die u las. Laad de pagina opnieuw.", "The form lacks the version you read. Reload the page.");
        }

        if (Errors.Any || Problem is not null)
        {
            return Page();
        }

        // The service checks the version first: a decision taken on what someone else has changed since is never applied.
        var outcome = await service.ReviewAsync(User.Actor(), new ReviewSubmission(year, gm, action.Value, comment, versie), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            PostedVersion = null;
            Problem = refusal.Code == SubmissionRefusals.Incomplete ? text.Say(
                    $"Deze inzending is niet volledig: {refusal.Errors?.Count ?? 0} verplichte antwoorden of bewijsstukken ontbreken. Er is niets veranderd; keur haar af met een opmerking over wat er ontbreekt.",
                    $"This submission is not complete: {refusal.Errors?.Count ?? 0} required answers or pieces of evidence are missing. Nothing was changed; reject it with a comment saying what is missing.")
                : refusal.Kind switch
            {
                RefusalKind.Stale or RefusalKind.PreconditionRequired => text.Say(
                    $"De inzending is gewijzigd sinds u haar las (u las versie {versie}, nu is het versie {Record.Version}). Er is niets veranderd. Bekijk de nieuwe stand hieronder en beslis opnieuw.",
                    $"The submission changed since you read it (you read version {versie}, it is now version {Record.Version}). Nothing was changed. Look at the new state below and decide again."),
                RefusalKind.Conflict => text.Say(
                    $"Dat kan niet bij een inzending met status ‘{StatusWords.Of(Record.Status, text)}’. Er is niets veranderd.",
                    $"That is not possible for a submission with status ‘{StatusWords.Of(Record.Status, text)}’. Nothing was changed."),
                _ => refusal.Detail,
            };
            return Page();
        }

        var done = action switch
        {
            SubmissionAction.Approved => "goedgekeurd",
            SubmissionAction.Rejected => "afgekeurd",
            _ => "heropend",
        };
        return Redirect($"/analist/{year}/inzendingen/{gm}?klaar={done}");
    }

    public async Task<IActionResult> OnPostDismissAsync(int year, string gm, string? signaal, string? toelichting, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, gm, cancellationToken))
        {
            return NotFound();
        }

        var index = Flags.ToList().FindIndex(f => f.Id == signaal);
        if (index < 0)
        {
            Problem = text.Say("Dit signaal bestaat niet meer; misschien is de benchmark opnieuw berekend.", "This flag no longer exists; the benchmark may have been computed again.");
            return Page();
        }

        DismissedFlag = signaal;
        EnteredDismissal = toelichting;
        var dismissed = await curation.DismissFlagAsync(User.Actor().KeyId, new DismissFlag(year, signaal!, toelichting), cancellationToken);
        if (dismissed.Failed)
        {
            if (dismissed.Refusal.Code == CurationRefusals.CommentRequired)
            {
                Errors.Add(FlagFieldId(index), text.Say("Schrijf waarom het signaal niet klopt of geen actie vraagt.", "Say why the flag is wrong or needs no action."));
            }
            else if (dismissed.Refusal.Code == CurationRefusals.InvalidComment)
            {
                Errors.AddIfRefused(FlagFieldId(index), toelichting!.Trim(), text);
            }
            else
            {
                Problem = text.Say("Dit signaal bestaat niet meer; misschien is de benchmark opnieuw berekend.", "This flag no longer exists; the benchmark may have been computed again.");
            }

            return Page();
        }

        return Redirect($"/analist/{year}/inzendingen/{gm}?klaar=signaal#signalen");
    }

    private async Task<bool> LoadAsync(int year, string gm, CancellationToken cancellationToken)
    {
        if (!MunicipalityCode.IsValid(gm) || await service.CaseAsync(User.Actor(), year, gm, cancellationToken) is not { Succeeded: true, Value: var found })
        {
            return false;
        }

        Cycle = found.Cycle;
        Record = found.Current.Record;
        Municipality = found.Municipality;
        Versions = found.Versions;
        Flags = (await curation.ListFlagsAsync(year, cancellationToken)).Where(f => f.Flag.Municipality == gm).ToList();
        People = await actors.NameAllAsync(Versions.Select(v => v.By).Append(Record.ChangedBy).Concat(Flags.Select(f => f.DismissedBy)), cancellationToken);
        Questionnaire = catalog.Version(Record.Submission.QuestionnaireVersion)!;
        Card = ScoringEngine.Score(Model, Questionnaire, Record.Submission);
        return true;
    }

    private static string Text(string code, string? name) => name is null ? code : $"{code} {name}";

    /// <summary>A person (or tool) the page mentions, by the label of their key.</summary>
    public string Name(string actor) => text.Say(People.NameOf(actor));

    public string RuleWord(Benchmark.Core.Benchmarking.FlagRule rule) => rule switch
    {
        Benchmark.Core.Benchmarking.FlagRule.LevelJump => text.Say("Grote sprong in niveau", "Large jump in level"),
        Benchmark.Core.Benchmarking.FlagRule.PrerequisiteGap => text.Say("Voorwaarde ontbreekt", "Prerequisite gap"),
        Benchmark.Core.Benchmarking.FlagRule.AllMaximum => text.Say("Overal het hoogste antwoord", "Maximum everywhere"),
        Benchmark.Core.Benchmarking.FlagRule.ExplanationsEmptyOrCopied => text.Say("Toelichtingen leeg of gekopieerd", "Explanations empty or copied"),
        Benchmark.Core.Benchmarking.FlagRule.PeerOutlier => text.Say("Uitschieter onder vergelijkbare gemeenten", "Outlier among peers"),
        _ => rule.ToString(),
    };

    public string ActionWord(SubmissionAction action) => action switch
    {
        SubmissionAction.DraftSaved => text.Say("Concept opgeslagen", "Draft saved"),
        SubmissionAction.Submitted => text.Say("Ingediend", "Submitted"),
        SubmissionAction.Approved => text.Say("Goedgekeurd", "Approved"),
        SubmissionAction.Rejected => text.Say("Afgekeurd", "Rejected"),
        SubmissionAction.Reopened => text.Say("Heropend", "Reopened"),
        _ => action.ToString(),
    };
}
