namespace Benchmark.Core.Demo;

/// <summary>
/// Invented, Dutch-sounding place names. They are built from syllables so that no real municipality
/// is named; a test checks them against the real register.
/// </summary>
internal static class DemoNames
{
    private static readonly string[] Onsets = ["B", "Br", "D", "Dr", "G", "Gr", "H", "K", "Kl", "Kr", "L", "M", "N", "R", "S", "Sl", "Sn", "St", "T", "Tw", "V", "Vl", "W", "Wr", "Z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "ui", "ei", "ou", "eu"];
    private static readonly string[] Codas = ["l", "ld", "m", "n", "nd", "r", "rk", "rs", "s", "st", "t", "k", "ns", "mp", "lt"];
    private static readonly string[] Middles = ["en", "er", "el", "e", "ing", ""];
    private static readonly string[] Suffixes = ["dorp", "broek", "veen", "wolde", "hoven", "meer", "horst", "loo", "rade", "wijk", "burg", "dam", "sloot", "kerk", "zande", "heem", "hout", "berg", "beek", "voorde", "werd", "um", "ingen", "wier", "stede", "lanen"];
    private static readonly string[] Compass = ["Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Nieuw", "Oud"];
    private static readonly string[] Rivers = ["Vlier", "Dolle", "Ruimer", "Wemel", "Kronkel", "Slinge"];

    public static string Stem(DemoRandom random)
    {
        var stem = random.Pick(Onsets) + random.Pick(Vowels) + random.Pick(Codas) + random.Pick(Middles);
        return stem;
    }

    public static string Place(DemoRandom random)
    {
        var roll = random.NextDouble();
        if (roll < 0.12)
        {
            var compass = random.Pick(Compass);
            var rest = Stem(random).ToLowerInvariant() + random.Pick(Suffixes);
            return compass is "Nieuw" or "Oud" ? $"{compass}-{char.ToUpperInvariant(rest[0])}{rest[1..]}" : compass + rest;
        }

        if (roll < 0.17)
        {
            return $"{Stem(random)}{random.Pick(Suffixes)} aan de {random.Pick(Rivers)}";
        }

        return Stem(random) + random.Pick(Suffixes);
    }

    public static string Region(DemoRandom random) => Stem(random) + random.Pick(["land", "streek", "waard", "meren", "dal"]);
}
