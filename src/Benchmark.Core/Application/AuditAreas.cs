using System.Globalization;

namespace Benchmark.Core.Application;

/// <summary>One entry of the audit trail.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string? Detail);

/// <summary>The areas of the audit trail: each is written, and read, under its own name.</summary>
public static class AuditAreas
{
    public const string Keys = "keys";
    public const string Cycles = CycleService.AuditArea;
    public const string Notes = "notes";
    public const string Flags = "flags";
    public const string Groups = "groups";

    /// <summary>Failed sign-ins on the web pages.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Calls and pages refused by a role policy, whatever the key's role.</summary>
    public const string Refusals = "refusals";

    /// <summary>Benchmark computations: who computed which cycle, the run id and what it counted.</summary>
    public const string Computations = "computations";

    /// <summary>Report batches started: batch id, run id, languages, number of reports.</summary>
    public const string Reports = "reports";

    /// <summary>
    /// Every area written under its own name, and so readable by that name. The per-submission access areas are not
    /// here: they belong to a submission and are read with its trail.
    /// </summary>
    public static IReadOnlyList<string> Areas { get; } = [Keys, Cycles, Notes, Flags, Groups, SignIn, Refusals, Computations, Reports];

    public static bool IsArea(string area) => Areas.Contains(area, StringComparer.Ordinal);

    /// <summary>Refused attempts on one submission: its own partition, so its trail is one partition query.</summary>
    public static string Access(int cycle, string municipality) => $"access-{cycle.ToString(CultureInfo.InvariantCulture)}-{municipality}";
}
