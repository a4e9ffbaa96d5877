using System.Security.Cryptography;
using System.Text;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>An API key as stored: never the key itself, only its hash and what it may do.</summary>
public sealed record ApiKeyInfo(string KeyId, Role Role, string? Municipality, string Label, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;

    public Actor ToActor() => new(KeyId, Role, Municipality);
}

/// <summary>A newly created key: the secret is shown to its owner once and never stored.</summary>
public sealed record CreatedKey(string Secret, ApiKeyInfo Info);

/// <summary>
/// The shape of our keys, bmk_{id}_{secret}: the id is public and names the key in logs and audit; only a key's
/// SHA-256 is stored, so neither a backup nor read access to the tables yields a key that works.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "bmk_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether a string can be one of our keys at all; anything else is refused without a storage round trip.</summary>
    public static bool LooksLikeKey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length <= 200;

    /// <summary>Whether a string can be the hash of a key, as a web session remembers it.</summary>
    public static bool LooksLikeHash(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower);

    /// <summary>A new key id and the key itself, both drawn at random.</summary>
    public static (string KeyId, string Secret) Draw()
    {
        var keyId = Base64Url(RandomNumberGenerator.GetBytes(6));
        return (keyId, $"{Prefix}{keyId}_{Base64Url(RandomNumberGenerator.GetBytes(32))}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', 'x');
}

/// <summary>Where the API keys are kept, by the hash of the key; implemented over Table Storage, and in memory for the unit tests.</summary>
public interface IKeyRepository
{
    Task AddAsync(string hash, ApiKeyInfo key, CancellationToken cancellationToken = default);

    /// <summary>An active or revoked key by its hash; null when there is no such key.</summary>
    Task<ApiKeyInfo?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Every key, active or revoked, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the key with public id <paramref name="keyId"/> revoked as of <paramref name="revokedAt"/>.</summary>
    Task SetRevokedAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);
}

/// <summary>Create a key for <paramref name="Role"/> (and, for a municipality or council key, its municipality), labelled with whose it is.</summary>
public sealed record CreateKey(Role Role, string? Municipality, string? Label);

/// <summary>Revoke a key by its public id.</summary>
public sealed record RevokeKey(string KeyId);

/// <summary>The stable codes of the key rules' refusals, for adapters that speak to people in their own words.</summary>
public static class KeyRefusals
{
    public const string MunicipalityRequired = "key.municipality-required";
    public const string MunicipalityNotAllowed = "key.municipality-not-allowed";
    public const string LabelRequired = "key.label-required";
    public const string InvalidLabel = "key.label-invalid";

    /// <summary>Not one of our keys (or no key at all): the caller is not told more.</summary>
    public const string Unknown = "key.unknown";

    /// <summary>One of our keys, revoked: it authenticates nobody any more.</summary>
    public const string Revoked = "key.revoked";
}

/// <summary>
/// The rules of the API keys, in one place for the CLI, the API's authentication and the sign-in page: a municipality
/// or council key belongs to one municipality, an analyst key to none; every key says whose it is; a revoked key
/// authenticates nobody. Creating and revoking are audited; the key itself is shown once and never kept.
/// </summary>
public sealed class KeyService(IKeyRepository keys, IAuditLog audit, TimeProvider time)
{
    public async Task<Outcome<CreatedKey>> CreateAsync(string actor, CreateKey command, CancellationToken cancellationToken = default)
    {
        if (Check(command) is { } refused)
        {
            return refused;
        }

        var (keyId, secret) = ApiKeys.Draw();
        var info = new ApiKeyInfo(keyId, command.Role, command.Municipality, command.Label!.Trim(), time.GetUtcNow(), actor, null);
        await keys.AddAsync(ApiKeys.Hash(secret), info, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Keys, actor, "key-created", keyId, $"{command.Role.ToString().ToLowerInvariant()} {command.Municipality} '{info.Label}'", cancellationToken).ConfigureAwait(false);
        return new CreatedKey(secret, info);
    }

    /// <summary>Every key, active or revoked, oldest first; never the keys themselves.</summary>
    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) => keys.ListAsync(cancellationToken);

    /// <summary>Revokes the key; revoking a revoked key changes nothing and is no error.</summary>
    public async Task<Outcome<ApiKeyInfo>> RevokeAsync(string actor, RevokeKey command, CancellationToken cancellationToken = default)
    {
        if ((await keys.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.KeyId == command.KeyId) is not { } key)
        {
            return new Refusal(RefusalKind.NotFound, "Unknown key", $"No key with id '{command.KeyId}'.") { Code = KeyRefusals.Unknown };
        }

        if (!key.IsActive)
        {
            return key;
        }

        var now = time.GetUtcNow();
        await keys.SetRevokedAsync(key.KeyId, now, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Keys, actor, "key-revoked", key.KeyId, null, cancellationToken).ConfigureAwait(false);
        return key with { RevokedAt = now };
    }

    /// <summary>The active key a caller presents; refused as unknown or revoked (<see cref="KeyRefusals"/>).</summary>
    public Task<Outcome<ApiKeyInfo>> FindAsync(string key, CancellationToken cancellationToken = default) =>
        ApiKeys.LooksLikeKey(key) ? FindByHashAsync(ApiKeys.Hash(key), cancellationToken) : Task.FromResult<Outcome<ApiKeyInfo>>(Unknown());

    /// <summary>The active key with this hash, as a web session remembers it; refused as unknown or revoked.</summary>
    public async Task<Outcome<ApiKeyInfo>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        (ApiKeys.LooksLikeHash(hash) ? await keys.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false) : null) switch
        {
            null => Unknown(),
            { IsActive: false } revoked => new Refusal(RefusalKind.Forbidden, "Key revoked", $"Key {revoked.KeyId} was revoked.") { Code = KeyRefusals.Revoked },
            { } active => active,
        };

    private static Refusal Unknown() => new(RefusalKind.NotFound, "Unknown key", "This is not one of our keys.") { Code = KeyRefusals.Unknown };

    private static Refusal? Check(CreateKey command)
    {
        if (command.Role is Role.Municipality or Role.Council)
        {
            if (command.Municipality is null || !MunicipalityCode.IsValid(command.Municipality))
            {
                return Invalid(KeyRefusals.MunicipalityRequired, "Municipality required", $"A {command.Role.ToString().ToLowerInvariant()} key needs a municipality code ('GM' and four digits).", "/municipality");
            }
        }
        else if (command.Municipality is not null)
        {
            return Invalid(KeyRefusals.MunicipalityNotAllowed, "No municipality", "An analyst key is not tied to a municipality.", "/municipality");
        }

        if (string.IsNullOrWhiteSpace(command.Label))
        {
            return Invalid(KeyRefusals.LabelRequired, "Label required", "Give the key a label that says whose it is, e.g. 'informatiemanager Utrecht'.", "/label");
        }

        return SubmissionJson.CheckText(command.Label, "label") is { } labelError
            ? Invalid(KeyRefusals.InvalidLabel, "Invalid label", $"The label {labelError.Message}.", "/label")
            : null;
    }

    private static Refusal Invalid(string code, string title, string detail, string pointer) =>
        new(RefusalKind.Invalid, title, detail, [new(pointer, detail)]) { Code = code };
}
