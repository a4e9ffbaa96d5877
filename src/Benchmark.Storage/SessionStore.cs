using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Benchmark.Core.Application;

namespace Benchmark.Storage;

/// <summary>
/// Web sessions kept on the server. The cookie carries a random session id; storage keeps only its SHA-256, so neither
/// a backup nor read access to the tables yields a cookie that works, and signing out deletes the row, which ends the
/// session wherever a copy of the cookie is. That a session also ends at <see cref="WebSessionRecord.ExpiresAt"/> is
/// <see cref="SignInService"/>'s rule; this store only clears the rows that are past it.
/// </summary>
public sealed class SessionStore(BenchmarkTables tables, TimeProvider time) : ISessionRepository
{
    private const string Partition = "session";

    /// <summary>Starts a session and returns its id, the secret the cookie carries; it is never stored.</summary>
    public async Task<string> StartAsync(string keyHash, string keyId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var entity = new TableEntity(Partition, Hash(sessionId))
        {
            ["KeyHash"] = keyHash,
            ["KeyId"] = keyId,
            ["StartedAt"] = now,
            ["ExpiresAt"] = now + lifetime,
        };

        // The row key is the hash of an id just drawn, so an upsert adds it and also succeeds when the SDK sends it again.
        await BenchmarkTables.Guard(() => tables.Sessions.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        await RemoveExpiredAsync(cancellationToken).ConfigureAwait(false);
        return sessionId;
    }

    /// <summary>The session, expired or not; null when there is none by this id, or it was ended.</summary>
    public async Task<WebSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!LooksLikeSessionId(sessionId))
        {
            return null;
        }

        var row = await BenchmarkTables.Guard(() => tables.Sessions.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(sessionId), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <summary>Ends the session for every copy of its cookie. Ending one that is gone already is not an error.</summary>
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (LooksLikeSessionId(sessionId))
        {
            await BenchmarkTables.Guard(() => tables.Sessions.DeleteEntityAsync(Partition, Hash(sessionId), Azure.ETag.All, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>The sessions currently open, for tests and operators; never their ids.</summary>
    public async Task<IReadOnlyList<WebSessionRecord>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return (await BenchmarkTables.QueryAll(tables.Sessions.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(ToRecord)
            .Where(s => now < s.ExpiresAt)
            .ToList();
    }

    public static string Hash(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private static bool LooksLikeSessionId(string sessionId) => sessionId.Length is > 20 and <= 100;

    /// <summary>Expired rows are of no use to anyone; each new session clears them, so the table stays as small as the number of open sessions.</summary>
    private async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ExpiresAt lt {time.GetUtcNow()}");
        try
        {
            var expired = await BenchmarkTables.QueryAll(tables.Sessions.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var chunk in expired.Chunk(100))
            {
                await tables.Sessions.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, Azure.ETag.All)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or TableTransactionFailedException or StorageUnavailableException)
        {
            // Another sign-in removed some of them first, or storage hiccupped: the next sign-in tries again; signing in must not fail for it.
        }
    }

    private static WebSessionRecord ToRecord(TableEntity e) => new(
        e.GetString("KeyHash"),
        e.GetString("KeyId"),
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
}
