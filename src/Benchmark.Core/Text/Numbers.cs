using System.Globalization;
using Benchmark.Core.Model;

namespace Benchmark.Core.Text;

/// <summary>Number formatting that does not depend on the machine's culture data: Dutch uses a decimal comma.</summary>
public static class Numbers
{
    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    public static string Format(decimal value, int decimals, Language language)
    {
        var text = Round(value, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return language == Language.Dutch ? text.Replace('.', ',') : text;
    }

    public static string Format(int value, Language language)
    {
        var text = value.ToString("N0", CultureInfo.InvariantCulture);
        return language == Language.Dutch ? text.Replace(',', '.') : text;
    }
}
