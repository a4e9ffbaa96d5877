using System.Globalization;
using System.Text;

namespace Benchmark.Core.Text;

/// <summary>Why a character may not be in free text.</summary>
public enum UnsafeKind
{
    /// <summary>A C0 control other than tab, CR and LF, DEL, or a C1 control: invisible, and an escape sequence in a terminal.</summary>
    Control,

    /// <summary>A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): shows text in another order than it is stored.</summary>
    Bidirectional,

    /// <summary>Half of a surrogate pair without its other half: no character at all, and not encodable as UTF-8.</summary>
    LoneSurrogate,

    /// <summary>U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of every plane: reserved, never meant to be exchanged.</summary>
    Noncharacter,
}

/// <summary>The first character of a text that free text may not hold; <paramref name="Position"/> counts from 1, in UTF-16 code units as the length limit does.</summary>
public readonly record struct UnsafeCharacter(int Position, int CodePoint, UnsafeKind Kind)
{
    /// <summary>The code point as Unicode writes it: U+001B.</summary>
    public string Code => "U+" + CodePoint.ToString(CodePoint > 0xFFFF ? "X5" : "X4", CultureInfo.InvariantCulture);
}

/// <summary>
/// The one rule for which characters free text (explanations, reasons, practice notes, comments, labels, names) may hold,
/// and the ways to keep the rest out of what is shown. Tab, CR and LF are allowed: people write paragraphs. Refused are
/// the characters that break an XML 1.0 document (C0 controls, lone surrogates, U+FFFE/U+FFFF), that a terminal runs as
/// commands (ESC and the other C0 and C1 controls), that turn text around on a page (bidirectional embeddings, overrides
/// and isolates), and the other noncharacters. Left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are
/// allowed: they only decide the direction of neutral characters next to them, cannot reverse a run of letters, and
/// come with right-to-left names pasted from elsewhere.
/// </summary>
public static class UnsafeText
{
    /// <summary>What an unsafe character becomes when stored text is shown: the replacement character, visibly something.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Whether a code point may not be in free text; surrogate code points count as lone surrogates.</summary>
    public static UnsafeKind? Classify(int codePoint) => codePoint switch
    {
        '\t' or '\n' or '\r' => null,
        < 0x20 or (>= 0x7F and <= 0x9F) => UnsafeKind.Control,
        (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) => UnsafeKind.Bidirectional,
        >= 0xD800 and <= 0xDFFF => UnsafeKind.LoneSurrogate,
        (>= 0xFDD0 and <= 0xFDEF) => UnsafeKind.Noncharacter,
        _ when (codePoint & 0xFFFE) == 0xFFFE => UnsafeKind.Noncharacter,
        _ => null,
    };

    /// <summary>The first unsafe character of <paramref name="text"/>, or null when it has none.</summary>
    public static UnsafeCharacter? Find(string? text)
    {
        if (text is null)
        {
            return null;
        }

        for (var i = 0; i < text.Length;)
        {
            var (codePoint, width) = CodePointAt(text, i);
            if (Classify(codePoint) is { } kind)
            {
                return new UnsafeCharacter(i + 1, codePoint, kind);
            }

            i += width;
        }

        return null;
    }

    /// <summary>Why <paramref name="text"/> is refused, in English for the API's problem documents, or null when it is fine.</summary>
    public static string? Problem(string? text) => Find(text) is { } found
        ? $"contains {Describe(found.Kind)} ({found.Code}) at position {found.Position.ToString(CultureInfo.InvariantCulture)}; text may hold tabs and line breaks, but no other control characters, bidirectional overrides or noncharacters"
        : null;

    /// <summary>For stored text that predates this rule: every unsafe character becomes <paramref name="replacement"/>, by default <see cref="Replacement"/>.</summary>
    public static string Neutralise(string text, char replacement = Replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Rewrite(text, (builder, _) => builder.Append(replacement));
    }

    /// <summary>
    /// For a terminal: every unsafe character is written as an escape, <c>\u001B</c> (or <c>\U0001FFFE</c> beyond the
    /// first plane), so it is seen rather than run. The same escape means the same character inside a JSON string.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Rewrite(text, (builder, codePoint) => builder.Append(codePoint > 0xFFFF
            ? @"\U" + codePoint.ToString("X8", CultureInfo.InvariantCulture)
            : @"\u" + codePoint.ToString("X4", CultureInfo.InvariantCulture)));
    }

    private static string Describe(UnsafeKind kind) => kind switch
    {
        UnsafeKind.Control => "a control character",
        UnsafeKind.Bidirectional => "a bidirectional formatting character",
        UnsafeKind.LoneSurrogate => "half of a surrogate pair",
        _ => "a noncharacter",
    };

    private static string Rewrite(string text, Action<StringBuilder, int> replace)
    {
        if (Find(text) is not { } first)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first.Position - 1);
        for (var i = first.Position - 1; i < text.Length;)
        {
            var (codePoint, width) = CodePointAt(text, i);
            if (Classify(codePoint) is null)
            {
                builder.Append(text, i, width);
            }
            else
            {
                replace(builder, codePoint);
            }

            i += width;
        }

        return builder.ToString();
    }

    /// <summary>The code point at <paramref name="index"/> and how many UTF-16 code units it takes; a lone surrogate is its own code point.</summary>
    private static (int CodePoint, int Width) CodePointAt(string text, int index)
    {
        var c = text[index];
        return char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? (char.ConvertToUtf32(c, text[index + 1]), 2)
            : (c, 1);
    }
}
