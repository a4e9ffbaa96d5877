using System.Text;

namespace Benchmark.Reports.Tests;

/// <summary>Where two PDFs that should be identical part, with the text around it, and both files kept for a look.</summary>
internal static class PdfDifference
{
    public static string Describe(byte[] expected, byte[] actual, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "determinism-output");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name + ".first.pdf"), expected);
        File.WriteAllBytes(Path.Combine(folder, name + ".second.pdf"), actual);
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        string Around(byte[] bytes) => Encoding.Latin1.GetString(bytes, Math.Max(0, at - 80), Math.Min(bytes.Length, at + 80) - Math.Max(0, at - 80)).ReplaceLineEndings("⏎");
        return $"the renders differ from byte {at} (lengths {expected.Length} and {actual.Length}); first: …{Around(expected)}… second: …{Around(actual)}… (both in {folder})";
    }
}
