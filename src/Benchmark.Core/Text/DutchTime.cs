namespace Benchmark.Core.Text;

/// <summary>
/// Dutch local time (Europe/Amsterdam, CET/CEST): how municipalities read and give every date and time. Moments are
/// stored in UTC; they are shown and entered in Dutch time, so a deadline "31 December, 23:59" is 23:59 in the
/// Netherlands, never 23:59 UTC (which a Dutch reader sees as 00:59 the next day).
/// </summary>
public static class DutchTime
{
    /// <summary>The time of day of a deadline when only its date is given.</summary>
    public static TimeOnly DeadlineTimeOfDay { get; } = new(23, 59);

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The moment that is <paramref name="time"/> on <paramref name="date"/> in the Netherlands.</summary>
    /// <remarks>
    /// A time skipped when the clocks go forward (02:00–03:00 on the last Sunday of March) is read as the same time in
    /// winter time, as the Netherlands' clocks say an hour later; a time that occurs twice in October is the first one.
    /// </remarks>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = Zone.IsInvalidTime(local) ? Zone.BaseUtcOffset : Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>A deadline on <paramref name="date"/>: 23:59 Dutch time.</summary>
    public static DateTimeOffset Deadline(DateOnly date) => At(date, DeadlineTimeOfDay);

    /// <summary>The deadline at the end of <paramref name="year"/>: 31 December, 23:59 Dutch time.</summary>
    public static DateTimeOffset EndOfYear(int year) => Deadline(new DateOnly(year, 12, 31));

    /// <summary>The same moment on Dutch clocks, with its offset (+01:00 in winter, +02:00 in summer).</summary>
    public static DateTimeOffset InDutchTime(this DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);
}
