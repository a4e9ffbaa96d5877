namespace Benchmark.Core.Application;

/// <summary>
/// The stable codes of the submission and review rules' refusals, for adapters that speak to people in their own words
/// and so must never recognise a refusal by its English title or detail. A refusal about the cycle itself (unknown,
/// closed) carries the cycle's code (<see cref="CycleRefusals"/>): it is the same rule.
/// </summary>
public static class SubmissionRefusals
{
    /// <summary>Another municipality's key, reading or changing answers that are not its own.</summary>
    public const string NotYourMunicipality = "submission.not-your-municipality";

    /// <summary>A council or analyst key trying to change answers: only the municipality itself does.</summary>
    public const string MunicipalitiesOnly = "submission.municipalities-only";

    /// <summary>The municipality has no submission in this cycle.</summary>
    public const string None = "submission.none";

    /// <summary>A submit without answers, and no saved draft to submit.</summary>
    public const string NothingToSubmit = "submission.nothing-to-submit";

    /// <summary>The answers sent do not fit the cycle's questionnaire; the refusal lists every problem.</summary>
    public const string InvalidAnswers = "submission.answers-invalid";

    /// <summary>The saved draft is valid as a draft, but not yet as a submission (explanations missing, mostly).</summary>
    public const string NotReady = "submission.not-ready";

    /// <summary>Required answers or evidence are missing; the refusal lists every missing item by its JSON pointer.</summary>
    public const string Incomplete = "submission.incomplete";

    /// <summary>Submitted or approved answers are read-only until an analyst reopens them.</summary>
    public const string ReadOnly = "submission.read-only";

    /// <summary>The cycle's deadline has passed and the submission was not reopened.</summary>
    public const string DeadlinePassed = "submission.deadline-passed";

    /// <summary>A submission exists, and the caller did not say which version it read (If-Match).</summary>
    public const string VersionRequired = "submission.version-required";

    /// <summary>The submission changed since the caller read it, or someone else wrote at the same moment.</summary>
    public const string Stale = "submission.stale";

    /// <summary>The answers are too large to store, even compressed.</summary>
    public const string TooLarge = "submission.too-large";

    /// <summary>An earlier version that does not exist.</summary>
    public const string UnknownVersion = "submission.version-unknown";

    /// <summary>Only analysts review submissions and list a cycle's submissions.</summary>
    public const string AnalystsOnly = "review.analysts-only";

    /// <summary>A rejection without a comment: the municipality must know what to fix.</summary>
    public const string CommentRequired = "review.comment-required";

    /// <summary>A comment with text that is not allowed (control characters, too long).</summary>
    public const string InvalidComment = "review.comment-invalid";

    /// <summary>The review action does not fit the submission's status (approving a draft, say).</summary>
    public const string NotPossibleInThisState = "review.not-possible-in-state";
}
