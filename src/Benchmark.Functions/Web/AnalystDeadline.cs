using System.Globalization;
using Benchmark.Core.Text;

namespace Benchmark.Functions.Web;

/// <summary>A deadline as analysts type it: a date and a time of day in Dutch local time.</summary>
public static class AnalystDeadline
{
    /// <summary>The moment, or why it is not one (in the page's language).</summary>
    public static (DateTimeOffset? At, string? Error, bool TimeField) Parse(string? date, string? time, DateTimeOffset now, WebText text)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return (null, text.Say("Vul de datum van de deadline in.", "Enter the date of the deadline."), false);
        }

        if (!DateOnly.TryParseExact(date.Trim(), ["yyyy-MM-dd", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (null, text.Say("Vul de datum in als jjjj-mm-dd, bijvoorbeeld 2027-12-31.", "Enter the date as yyyy-mm-dd, for example 2027-12-31."), false);
        }

        var clock = DutchTime.DeadlineTimeOfDay;
        if (!string.IsNullOrWhiteSpace(time) && !TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
        {
            return (null, text.Say("Vul de tijd in als uu:mm, bijvoorbeeld 23:59.", "Enter the time as hh:mm, for example 23:59."), true);
        }

        var at = DutchTime.At(day, clock);
        if (at <= now)
        {
            return (null, text.Say($"De deadline ligt in het verleden ({text.DateTime(at)}). Kies een moment na nu; sluit de ronde als die moet eindigen.", $"The deadline is in the past ({text.DateTime(at)}). Choose a moment after now; close the round if it must end."), false);
        }

        return (at, null, false);
    }

    public static string DateValue(DateTimeOffset at) => at.InDutchTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string TimeValue(DateTimeOffset at) => at.InDutchTime().ToString("HH:mm", CultureInfo.InvariantCulture);
}
