using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Benchmark.Core.Application;

/// <summary>
/// The capability that makes a report message genuine: 32 random bytes drawn when a batch starts, carried by each of its
/// messages. The batch row keeps only the SHA-256 hash, so the queue holds the only copy: someone who can reach the HTTP
/// front end but not the queue cannot make a message the service accepts, and a backup of the tables does not reveal it.
/// No secret needs configuring, so the CLI starts batches just like the API.
/// </summary>
public static class ReportBatchToken
{
    /// <summary>A new token: base64url without padding, 43 characters.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the batch row stores: the token's SHA-256 hash, base64.</summary>
    public static string Hash(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> is the one whose hash the batch row stores; constant-time, so timing tells nothing about how close a guess came.</summary>
    public static bool Matches(string? token, string? storedHash)
    {
        if (token is null || storedHash is null)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(storedHash, expected, out var written) || written != SHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), expected);
    }
}
