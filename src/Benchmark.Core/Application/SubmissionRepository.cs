using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// A submission's current version as stored, with the store's token for it: a write replaces the current version only
/// while it still carries this token, so two colleagues saving at once never overwrite each other unnoticed.
/// </summary>
public sealed record StoredSubmission(SubmissionRecord Record, string ETag);

/// <summary>Metadata of one version: together, the versions are the submission's audit trail.</summary>
public sealed record VersionInfo(int Version, int? PreviousVersion, SubmissionStatus Status, SubmissionAction Action, DateTimeOffset At, string By, string? Comment);

/// <summary>What storage made of a write the rules allowed.</summary>
public abstract record SubmissionWrite
{
    private SubmissionWrite()
    {
    }

    /// <summary>Written: the version and its history row are stored together.</summary>
    public sealed record Written(StoredSubmission Stored) : SubmissionWrite;

    /// <summary>Someone else wrote first, so the version read is no longer the current one; nothing was written.</summary>
    public sealed record Overtaken : SubmissionWrite;

    /// <summary>The answers do not fit in storage, even compressed; <paramref name="Detail"/> says how large they are and what fits.</summary>
    public sealed record TooLarge(string Detail) : SubmissionWrite;
}

/// <summary>
/// Where the submissions are kept, one current version per municipality and cycle plus every earlier version;
/// implemented over Table Storage, and in memory for the services' unit tests.
/// </summary>
public interface ISubmissionRepository
{
    Task<StoredSubmission?> GetAsync(int cycle, string municipality, CancellationToken cancellationToken = default);

    /// <summary>Every current submission of a cycle.</summary>
    Task<IReadOnlyList<SubmissionRecord>> ListAsync(int cycle, CancellationToken cancellationToken = default);

    /// <summary>Every version of one submission, oldest first.</summary>
    Task<IReadOnlyList<VersionInfo>> VersionsAsync(int cycle, string municipality, CancellationToken cancellationToken = default);

    Task<SubmissionRecord?> VersionAsync(int cycle, string municipality, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="version"/> as the current version and in the history, both or neither, and only while
    /// <paramref name="current"/> (null: nothing) is still the current version.
    /// </summary>
    Task<SubmissionWrite> TryWriteAsync(StoredSubmission? current, SubmissionRecord version, CancellationToken cancellationToken = default);
}

/// <summary>
/// What the submission and review pages show beside the answers, kept by other use-case families: the cycle's municipal
/// register, the open plausibility flags and the names of keys. Read-only here.
/// </summary>
public interface ISubmissionContext
{
    Task<MunicipalityRegister?> RegisterAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>The number of plausibility flags not dismissed, per municipality that has any.</summary>
    Task<IReadOnlyDictionary<string, int>> OpenFlagsAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>The label people gave a key (e.g. "Team informatiebeheer"), or null when the key is unknown.</summary>
    Task<string?> KeyLabelAsync(string keyId, CancellationToken cancellationToken = default);
}

/// <summary>Writing the next version: the one way both services change a submission.</summary>
internal static class SubmissionWriting
{
    public static async Task<Outcome<StoredSubmission>> WriteNextAsync(
        this ISubmissionRepository repository,
        StoredSubmission? current,
        Submission submission,
        SubmissionAction action,
        Actor actor,
        string? comment,
        bool reopened,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var next = new SubmissionRecord(
            submission.Municipality,
            submission.Cycle,
            (current?.Record.Version ?? 0) + 1,
            SubmissionRules.StatusAfter(action),
            submission,
            action,
            now,
            actor.KeyId,
            comment,
            reopened);
        return await repository.TryWriteAsync(current, next, cancellationToken).ConfigureAwait(false) switch
        {
            SubmissionWrite.Written written => written.Stored,
            SubmissionWrite.TooLarge tooLarge => new Refusal(RefusalKind.Invalid, "Too large to store", tooLarge.Detail) { Code = SubmissionRefusals.TooLarge },
            _ => new Refusal(RefusalKind.Stale, "Precondition failed", "Someone else saved this submission at the same moment; read it again. Your changes were not saved.") { Code = SubmissionRefusals.Stale },
        };
    }
}
