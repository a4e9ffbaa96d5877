using System.Security.Cryptography;
using System.Text;

namespace Benchmark.Functions.Security;

/// <summary>
/// The app's own secret (setting <c>Security:Secret</c>), kept outside the storage account: in Azure a Key Vault secret
/// that the app setting refers to, locally a file that <c>scripts/run.sh</c> makes once. It encrypts the data
/// protection keys at rest, so that read access to the tables, or a backup, does not give what is needed to make a
/// cookie the app accepts.
/// </summary>
public sealed class AppSecret
{
    public const string Setting = "Security:Secret";

    /// <summary>At least this many characters; 32 random bytes in base64 (what run.sh and azd generate) are 44.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _secret;

    private AppSecret(byte[] secret, bool ephemeral)
    {
        _secret = secret;
        IsEphemeral = ephemeral;
    }

    /// <summary>True when no secret was configured and one was drawn for this process (local development only).</summary>
    public bool IsEphemeral { get; }

    public static AppSecret From(string secret)
    {
        if (secret.Length < MinimumLength)
        {
            throw new InvalidOperationException($"{Setting} is {secret.Length} characters long; use at least {MinimumLength} random characters, e.g. the output of 'openssl rand -base64 32'.");
        }

        return new AppSecret(Encoding.UTF8.GetBytes(secret), ephemeral: false);
    }

    public static AppSecret Ephemeral() => new(RandomNumberGenerator.GetBytes(32), ephemeral: true);

    /// <summary>A key for one purpose only, so no two uses of the secret ever share a key.</summary>
    public byte[] DeriveKey(string purpose, int length = 32) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, length, salt: Encoding.UTF8.GetBytes("benchmark-e-overheid"), info: Encoding.UTF8.GetBytes(purpose));
}
