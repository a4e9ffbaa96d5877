using System.Globalization;
using Benchmark.Core.Model;

namespace Benchmark.Core.Text;

/// <summary>Number formatting that does not depend on the machine's culture data: Dutch uses a decimal comma.</summary>
public static class Numbers
{
    /// <summary>A figure at <paramref name="decimals"/>, cut off by the presentation rule (<see cref="Figures"/>), never rounded up.</summary>
    public static string Format(decimal value, int decimals, Language language) => Text(Figures.Down(value, decimals), decimals, language);

    public static string Format(int value, Language language)
    {
        var text = value.ToString("N0", CultureInfo.InvariantCulture);
        return language == Language.Dutch ? text.Replace(',', '.') : text;
    }

    /// <summary>Writes a value that already has its shown precision; only <see cref="Figures"/> and <see cref="Format(decimal, int, Language)"/> call it.</summary>
    internal static string Text(decimal shown, int decimals, Language language)
    {
        var text = shown.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return language == Language.Dutch ? text.Replace('.', ',') : text;
    }
}
