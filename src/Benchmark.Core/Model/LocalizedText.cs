namespace Benchmark.Core.Model;

/// <summary>A text in Dutch (the product's first language) and English.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public string In(Language language) => language == Language.English ? En : Nl;

    public override string ToString() => Nl;
}

public enum Language
{
    Dutch,
    English,
}

public static class Languages
{
    public static Language Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        null or "" or "nl" or "nl-nl" => Language.Dutch,
        "en" or "en-gb" or "en-us" => Language.English,
        _ => throw new ArgumentException($"Unknown language '{code}'; use 'nl' or 'en'.", nameof(code)),
    };
}
