using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Benchmark.Reports.Tests;

/// <summary>A PDF read back the way a reader or a screen reader gets it: words in reading order, one string per page.</summary>
internal sealed partial class PdfText
{
    private PdfText(IReadOnlyList<string> pages) => Pages = pages;

    public IReadOnlyList<string> Pages { get; }

    public string All => string.Join(' ', Pages);

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return new PdfText([.. document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))]);
    }

    /// <summary>Text as it reads on the page: runs of white space as one space.</summary>
    public static string Normalise(string text) => Spaces().Replace(text, " ").Trim();

    /// <summary>
    /// Every font in the file is an embedded subset of the shipped font: the letters' fonts are named like
    /// ABCDEF+SourceSans3-Regular, and every font descriptor points at an embedded font program.
    /// </summary>
    public static void AssertFontsEmbedded(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            var names = page.Letters.Select(l => l.FontName).Distinct().ToList();
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.Matches(@"^[A-Z]{6}\+SourceSans3-(Regular|Semibold|It)$", name));
        }

        var raw = Encoding.Latin1.GetString(pdf);
        var descriptors = Regex.Count(raw, "/Type /FontDescriptor");
        Assert.True(descriptors >= 3, $"{descriptors} font descriptors");
        Assert.Equal(descriptors, Regex.Count(raw, "/FontFile[23] "));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
