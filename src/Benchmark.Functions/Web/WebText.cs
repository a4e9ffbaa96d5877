using System.Globalization;
using Benchmark.Core.Model;
using Benchmark.Core.Text;

namespace Benchmark.Functions.Web;

/// <summary>
/// The language of the pages (Dutch unless the visitor chose English) and every word they show in both languages.
/// Words live next to where they are used, as <c>Say("Opslaan", "Save")</c>, so a missing translation cannot hide.
/// </summary>
public sealed class WebText(IHttpContextAccessor accessor)
{
    public const string CookieName = "bm-taal";

    public Language Language { get; } = FromRequest(accessor.HttpContext);

    public bool IsEnglish => Language == Language.English;

    /// <summary>The value of the page's lang attribute.</summary>
    public string Code => IsEnglish ? "en" : "nl";

    public CultureInfo Culture => CultureInfo.GetCultureInfo(IsEnglish ? "en-GB" : "nl-NL");

    public string Say(string nl, string en) => IsEnglish ? en : nl;

    public string Say(LocalizedText text) => text.In(Language);

    public string Date(DateTimeOffset at) => at.InDutchTime().ToString(IsEnglish ? "d MMMM yyyy" : "d MMMM yyyy", Culture);

    public string DateTime(DateTimeOffset at) => at.InDutchTime().ToString(IsEnglish ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy 'om' HH:mm", Culture);

    /// <summary>A date and time for a table column, where nine columns share the width: "2 sep 2026 10:00" (Dutch time).</summary>
    public string ShortDateTime(DateTimeOffset at) => at.InDutchTime().ToString("d MMM yyyy HH:mm", Culture).Replace(".", "", StringComparison.Ordinal);

    /// <summary>A figure cut off at its precision by the presentation rule (<see cref="Benchmark.Core.Text.Figures"/>), with the language's separators.</summary>
    public string Number(decimal value, int decimals = 1) => Benchmark.Core.Text.Figures.Down(value, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);


    public static Language FromRequest(HttpContext? context) =>
        context?.Request.Cookies[CookieName] == "en" ? Language.English : Language.Dutch;
}
