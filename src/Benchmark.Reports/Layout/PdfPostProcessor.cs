using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Benchmark.Reports.Layout;

/// <summary>Fixes two things in a finished PDF that SkiaSharp's PDF backend cannot be told to do.</summary>
internal static partial class PdfPostProcessor
{
    /// <summary>
    /// Adds /Lang to the catalog. It appends an incremental update (a new version of the catalog object, an
    /// xref section and a trailer pointing back with /Prev), the standard way to change a PDF without
    /// rewriting it, and leaves everything before it byte for byte.
    /// </summary>
    internal static byte[] AddLanguage(byte[] pdf, string language)
    {
        if (!LanguageTag().IsMatch(language))
        {
            throw new ArgumentException($"'{language}' is not a language tag such as nl or en-GB.", nameof(language));
        }

        // Latin-1 maps every byte to one char, so string offsets are byte offsets.
        var text = Encoding.Latin1.GetString(pdf);
        var trailerAt = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var startXrefAt = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || startXrefAt < trailerAt)
        {
            throw new InvalidDataException("The PDF has no classic trailer to update.");
        }

        var trailer = Dictionary(text, text.IndexOf("<<", trailerAt, StringComparison.Ordinal));
        var previousXref = long.Parse(Regex.Match(text[startXrefAt..], @"startxref\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var root = RootReference().Match(trailer);
        var catalogNumber = root.Groups[1].Value;
        var catalogAt = Regex.Match(text, $@"(?:^|\s){catalogNumber} 0 obj\s*", RegexOptions.Multiline);
        var catalog = Dictionary(text, catalogAt.Index + catalogAt.Length);

        var update = new StringBuilder();
        update.Append('\n');
        var objectOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"{catalogNumber} 0 obj\n{catalog[..^2]} /Lang ({language})>>\nendobj\n");
        var xrefOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"xref\n{catalogNumber} 1\n{objectOffset:D10} 00000 n \n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n{trailer[..^2]} /Prev {previousXref}>>\nstartxref\n{xrefOffset}\n%%EOF\n");

        return [.. pdf, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    /// <summary>
    /// Replaces the document UUID that Skia writes for PDF/A (XMP DocumentID and InstanceID, trailer /ID)
    /// with one derived from the content. Skia hashes the clock into it, which would make every file
    /// different; a content hash keeps the id unique per document and the same for the same input.
    /// Replacements have the same length, so no offset changes.
    /// </summary>
    internal static byte[] MakeIdentifierDeterministic(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var match = SkiaUuid().Match(text);
        if (!match.Success)
        {
            return pdf;
        }

        var uuid = match.Groups[1].Value;
        var hex = uuid.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

        // The trailer's /ID holds the same clock-based bytes, written as hex or, depending on the bytes, as a
        // literal string: mask it in either form before hashing, and write it back as hex.
        var masked = TrailerId().Replace(
            text.Replace(uuid, new string('0', uuid.Length), StringComparison.Ordinal).Replace(hex, new string('0', hex.Length), StringComparison.Ordinal),
            "/ID []");
        var hash = SHA256.HashData(Encoding.Latin1.GetBytes(masked)).AsSpan(0, 16).ToArray();

        // Mark it as a name-based (version 5 style) UUID with the RFC 4122 variant.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var newHex = Convert.ToHexString(hash);
        var newUuid = $"{newHex[..8]}-{newHex[8..12]}-{newHex[12..16]}-{newHex[16..20]}-{newHex[20..]}".ToLowerInvariant();

        var result = text.Replace(uuid, newUuid, StringComparison.Ordinal).Replace(hex, newHex, StringComparison.Ordinal);
        result = TrailerId().Replace(result, $"/ID [<{newHex}> <{newHex}>]");
        return Encoding.Latin1.GetBytes(result);
    }

    /// <summary>A trailer /ID array of two strings, each hex (&lt;…&gt;) or literal ((…) with backslash escapes).</summary>
    [GeneratedRegex(@"/ID\s*\[\s*(?:<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\s*(?:<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\s*\]", RegexOptions.Singleline)]
    private static partial Regex TrailerId();

    [GeneratedRegex("uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex SkiaUuid();

    /// <summary>The dictionary starting at <paramref name="start"/> ("&lt;&lt;" … "&gt;&gt;"), nested dictionaries included.</summary>
    private static string Dictionary(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && text[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (text[i] == '>' && text[i + 1] == '>')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return text[start..(i + 1)];
                }
            }
        }

        throw new InvalidDataException("Unterminated dictionary in PDF.");
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")]
    private static partial Regex RootReference();
}
