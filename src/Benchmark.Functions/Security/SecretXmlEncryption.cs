using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Benchmark.Functions.Security;

/// <summary>
/// Encrypts each data protection key with AES-256-GCM under a key derived from <see cref="AppSecret"/> before it is
/// stored. Data protection calls this for every new key; <see cref="SecretXmlDecryptor"/> reverses it when keys are read.
/// </summary>
/// <remarks>The secret is looked up at the first key, so an app that never needs one (the API alone) needs no secret either.</remarks>
internal sealed class SecretXmlEncryptor(Func<AppSecret> secret) : IXmlEncryptor
{
    internal const string Purpose = "data-protection-key-encryption";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var key = secret().DeriveKey(Purpose);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(
            "encryptedKey",
            new XComment(" Encrypted with AES-256-GCM under a key derived from the app's Security:Secret, which is not in storage. "),
            new XAttribute("secret", Fingerprint(key)),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(SecretXmlDecryptor));
    }

    /// <summary>Names which secret encrypted a key without revealing anything of it, so a wrong secret is reported as such.</summary>
    internal static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..12];
}

/// <summary>Decrypts what <see cref="SecretXmlEncryptor"/> stored. Data protection creates it from its type name, with the app's services.</summary>
internal sealed class SecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<AppSecret>().DeriveKey(SecretXmlEncryptor.Purpose);
        var fingerprint = (string?)encryptedElement.Attribute("secret");
        if (!string.Equals(fingerprint, SecretXmlEncryptor.Fingerprint(key), StringComparison.Ordinal))
        {
            throw new CryptographicException($"This data protection key was encrypted with another {AppSecret.Setting} (fingerprint {fingerprint}); it cannot be used. Sessions made with it end; the app makes a new key.");
        }

        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? "");
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? "");
        var cipher = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Decrypt(nonce, cipher, tag, plain);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
