using Benchmark.Core.Application;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

/// <summary>An API key as stored: never the key itself, only its hash and what it may do.</summary>
public sealed record ApiKeyInfo(string KeyId, Role Role, string? Municipality, string Label, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;

    public Actor ToActor() => new(KeyId, Role, Municipality);
}

/// <summary>A newly created key: the secret is shown to its owner once and never stored.</summary>
public sealed record CreatedKey(string Secret, ApiKeyInfo Info);

/// <summary>API keys, stored as SHA-256 hashes. Keys look like bmk_{id}_{secret}; the id is public and names the key in logs and audit.</summary>
public sealed class KeyStore(BenchmarkTables tables, AuditStore audit, TimeProvider time)
{
    private const string Partition = "key";
    private const string Prefix = "bmk_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<CreatedKey> CreateAsync(Role role, string? municipality, string label, string createdBy, CancellationToken cancellationToken = default)
    {
        if (role is Role.Municipality or Role.Council)
        {
            if (municipality is null || !MunicipalityCode.IsValid(municipality))
            {
                throw new ArgumentException($"A {role.ToString().ToLowerInvariant()} key needs a municipality code ('GM' and four digits).", nameof(municipality));
            }
        }
        else if (municipality is not null)
        {
            throw new ArgumentException("An analyst key is not tied to a municipality.", nameof(municipality));
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            throw new ArgumentException("Give the key a label that says whose it is, e.g. 'informatiemanager Utrecht'.", nameof(label));
        }

        if (Core.Submissions.SubmissionJson.CheckText(label, "label") is { } labelError)
        {
            throw new ArgumentException($"The label {labelError.Message}.", nameof(label));
        }

        var keyId = Base64Url(RandomNumberGenerator.GetBytes(6));
        var secret = $"{Prefix}{keyId}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var info = new ApiKeyInfo(keyId, role, municipality, label.Trim(), time.GetUtcNow(), createdBy, null);
        // The row key is the hash of a secret just drawn, so an upsert adds it; unlike an add, it also succeeds when the SDK sends it again after a lost answer.
        await BenchmarkTables.Guard(() => tables.Keys.UpsertEntityAsync(ToEntity(Hash(secret), info), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(AuditAreas.Keys, createdBy, "key-created", keyId, $"{role.ToString().ToLowerInvariant()} {municipality} '{info.Label}'", cancellationToken).ConfigureAwait(false);
        return new CreatedKey(secret, info);
    }

    /// <summary>Finds an active or revoked key by the key itself; null when it is not one of ours.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!LooksLikeKey(key))
        {
            return null;
        }

        var response = await BenchmarkTables.Guard(() => tables.Keys.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(key), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? ToInfo(response.Value!) : null;
    }

    /// <summary>Whether a string can be one of our keys at all; anything else is refused without a storage round trip.</summary>
    public static bool LooksLikeKey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length <= 200;

    /// <summary>Finds a key by its hash, as a web session remembers it; null when there is no such key.</summary>
    public async Task<ApiKeyInfo?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var response = await BenchmarkTables.Guard(() => tables.Keys.GetEntityIfExistsAsync<TableEntity>(Partition, hash, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? ToInfo(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        (await Entities(cancellationToken).ConfigureAwait(false)).Select(ToInfo).OrderBy(k => k.CreatedAt).ToList();

    /// <summary>Revokes a key by its public id; false when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string keyId, string revokedBy, CancellationToken cancellationToken = default)
    {
        var entity = (await Entities(cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.GetString("KeyId") == keyId);
        if (entity is null)
        {
            return false;
        }

        if (entity.GetDateTimeOffset("RevokedAt") is null)
        {
            entity["RevokedAt"] = time.GetUtcNow();
            await BenchmarkTables.Guard(() => tables.Keys.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
            await audit.AppendAsync(AuditAreas.Keys, revokedBy, "key-revoked", keyId, null, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private Task<List<TableEntity>> Entities(CancellationToken cancellationToken) =>
        BenchmarkTables.QueryAll(tables.Keys.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken));

    private static TableEntity ToEntity(string hash, ApiKeyInfo info) => new(Partition, hash)
    {
        ["KeyId"] = info.KeyId,
        ["Role"] = info.Role.ToString(),
        ["Municipality"] = info.Municipality,
        ["Label"] = info.Label,
        ["CreatedAt"] = info.CreatedAt,
        ["CreatedBy"] = info.CreatedBy,
        ["RevokedAt"] = info.RevokedAt,
    };

    private static ApiKeyInfo ToInfo(TableEntity entity) => new(
        entity.GetString("KeyId"),
        Enum.Parse<Role>(entity.GetString("Role")),
        entity.GetString("Municipality"),
        entity.GetString("Label"),
        entity.GetDateTimeOffset("CreatedAt")!.Value,
        entity.GetString("CreatedBy"),
        entity.GetDateTimeOffset("RevokedAt"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', 'x');
}
