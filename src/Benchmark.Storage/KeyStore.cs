using Azure.Data.Tables;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;

namespace Benchmark.Storage;

/// <summary>
/// API keys, stored as SHA-256 hashes (<see cref="ApiKeys"/>): the row key is the hash, so a presented key is found with
/// one point read. Storage only: who may have which key, and the audit of it, is <see cref="KeyService"/>'s.
/// </summary>
public sealed class KeyStore(BenchmarkTables tables) : IKeyRepository
{
    private const string Partition = "key";

    /// <summary>The hash a key is stored under; see <see cref="ApiKeys.Hash"/>.</summary>
    public static string Hash(string key) => ApiKeys.Hash(key);

    /// <summary>Whether a string can be one of our keys at all; see <see cref="ApiKeys.LooksLikeKey"/>.</summary>
    public static bool LooksLikeKey(string key) => ApiKeys.LooksLikeKey(key);

    public async Task AddAsync(string hash, ApiKeyInfo key, CancellationToken cancellationToken = default)
    {
        // The row key is the hash of a secret just drawn, so an upsert adds it; unlike an add, it also succeeds when the SDK sends it again after a lost answer.
        await BenchmarkTables.Guard(() => tables.Keys.UpsertEntityAsync(ToEntity(hash, key), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Finds an active or revoked key by the key itself; null when it is not one of ours.</summary>
    public Task<ApiKeyInfo?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        ApiKeys.LooksLikeKey(key) ? FindByHashAsync(ApiKeys.Hash(key), cancellationToken) : Task.FromResult<ApiKeyInfo?>(null);

    /// <summary>Finds a key by its hash, as a web session remembers it; null when there is no such key.</summary>
    public async Task<ApiKeyInfo?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        if (!ApiKeys.LooksLikeHash(hash))
        {
            return null;
        }

        var response = await BenchmarkTables.Guard(() => tables.Keys.GetEntityIfExistsAsync<TableEntity>(Partition, hash, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.HasValue ? ToInfo(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        (await Entities(cancellationToken).ConfigureAwait(false)).Select(ToInfo).OrderBy(k => k.CreatedAt).ToList();

    public async Task SetRevokedAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        if ((await Entities(cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.GetString("KeyId") == keyId) is not { } entity)
        {
            return;
        }

        entity["RevokedAt"] = revokedAt;
        await BenchmarkTables.Guard(() => tables.Keys.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
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
}
