using System.Globalization;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>Where the cycles are kept; implemented over Table Storage, and in memory for the service's unit tests.</summary>
public interface ICycleRepository
{
    Task<Cycle?> GetAsync(int year, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Cycle>> ListAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(Cycle cycle, CancellationToken cancellationToken = default);
}

/// <summary>The audit trail: who did what, when. Every change an analyst makes is written to it.</summary>
public interface IAuditLog
{
    Task AppendAsync(string area, string actor, string action, string subject, string? detail = null, CancellationToken cancellationToken = default);

    /// <summary>The entries of one area (<see cref="AuditAreas"/>), oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string area, CancellationToken cancellationToken = default);
}

/// <summary>Open a new cycle for <paramref name="Year"/> until <paramref name="Deadline"/>; the questionnaire defaults to the version in use that year.</summary>
public sealed record OpenCycle(int Year, DateTimeOffset Deadline, string? QuestionnaireVersion = null);

/// <summary>Move the deadline of an open cycle.</summary>
public sealed record SetCycleDeadline(int Year, DateTimeOffset Deadline);

/// <summary>Close a cycle: from then on no answer of it changes.</summary>
public sealed record CloseCycle(int Year);

/// <summary>The stable codes of the cycle rules' refusals, for adapters that speak to people in their own words.</summary>
public static class CycleRefusals
{
    public const string InvalidYear = "cycle.year-invalid";
    public const string Unknown = "cycle.unknown";
    public const string Exists = "cycle.exists";
    public const string Closed = "cycle.closed";
    public const string DeadlinePassed = "cycle.deadline-in-past";
    public const string UnknownQuestionnaire = "cycle.questionnaire-unknown";
    public const string QuestionnaireFixed = "cycle.questionnaire-fixed";
}

/// <summary>
/// The rules of the yearly cycles, in one place for the API, the analyst pages and the CLI: a cycle is opened once,
/// with a questionnaire version that then stays; its deadline moves only while it is open and never into the past; a
/// closed cycle is final (its answers, benchmark and reports no longer change, so reopening it would put councils'
/// reports out of step with the data). Every change is audited.
/// </summary>
public sealed class CycleService(ICycleRepository cycles, IAuditLog audit, QuestionnaireCatalog catalog, TimeProvider time)
{
    public const string AuditArea = "cycles";

    public async Task<Outcome<Cycle>> GetAsync(int year, CancellationToken cancellationToken = default) =>
        await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is { } cycle ? cycle : Unknown(year);

    /// <summary>Every cycle, oldest first.</summary>
    public Task<IReadOnlyList<Cycle>> ListAsync(CancellationToken cancellationToken = default) => cycles.ListAsync(cancellationToken);

    public async Task<Outcome<Cycle>> OpenAsync(string actor, OpenCycle command, CancellationToken cancellationToken = default)
    {
        if (await CheckNewCycleAsync(command.Year, command.QuestionnaireVersion, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (CheckDeadline(command.Deadline) is { } late)
        {
            return late;
        }

        var version = command.QuestionnaireVersion ?? catalog.ForCycle(command.Year)!.Version;
        var cycle = new Cycle(command.Year, version, CycleStatus.Open, command.Deadline.ToUniversalTime(), time.GetUtcNow(), null);
        await cycles.SaveAsync(cycle, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditArea, actor, "cycle-opened", Year(cycle), $"deadline {cycle.Deadline:O}; questionnaire {version}", cancellationToken).ConfigureAwait(false);
        return cycle;
    }

    /// <summary>
    /// Whether a cycle of <paramref name="year"/> may be opened with that questionnaire, apart from its deadline: for a
    /// form that names every problem at once, even when the deadline it was sent could not be read.
    /// </summary>
    public async Task<Refusal?> CheckNewCycleAsync(int year, string? questionnaireVersion, CancellationToken cancellationToken = default)
    {
        if (CheckYear(year) is { } invalid)
        {
            return invalid;
        }

        var version = questionnaireVersion ?? catalog.ForCycle(year)?.Version;
        if (version is null || catalog.Version(version) is null)
        {
            return new Refusal(RefusalKind.Invalid, "Unknown questionnaire", $"No questionnaire version '{version}' exists for cycle {year}.", [new("/questionnaire", "unknown version")]) { Code = CycleRefusals.UnknownQuestionnaire };
        }

        return await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) is { } existing
            ? new Refusal(RefusalKind.Conflict, "Cycle exists", $"Cycle {year} was opened on {existing.OpenedAt:yyyy-MM-dd}; move its deadline instead.") { Code = CycleRefusals.Exists }
            : null;
    }

    /// <summary>
    /// Whether the deadline of cycle <paramref name="year"/> may move at all, apart from the new deadline: for a form that
    /// names the closed cycle even when the date it was sent could not be read.
    /// </summary>
    public async Task<Refusal?> CheckDeadlineMayMoveAsync(int year, CancellationToken cancellationToken = default) =>
        (await MovableAsync(year, cancellationToken).ConfigureAwait(false)).Refusal;

    public async Task<Outcome<Cycle>> SetDeadlineAsync(string actor, SetCycleDeadline command, CancellationToken cancellationToken = default)
    {
        var movable = await MovableAsync(command.Year, cancellationToken).ConfigureAwait(false);
        if (movable.Value is not { } existing)
        {
            return movable;
        }

        if (CheckDeadline(command.Deadline) is { } late)
        {
            return late;
        }

        var moved = existing with { Deadline = command.Deadline.ToUniversalTime() };
        await cycles.SaveAsync(moved, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditArea, actor, "cycle-deadline-set", Year(moved), $"deadline {moved.Deadline:O}", cancellationToken).ConfigureAwait(false);
        return moved;
    }

    /// <summary>
    /// The API's PUT: open the cycle when it does not exist yet, otherwise move its deadline, by the same rules as
    /// <see cref="OpenAsync"/> and <see cref="SetDeadlineAsync"/>; a questionnaire other than the cycle's is refused.
    /// </summary>
    public async Task<Outcome<Cycle>> OpenOrSetDeadlineAsync(string actor, OpenCycle command, CancellationToken cancellationToken = default)
    {
        if (CheckYear(command.Year) is { } invalid)
        {
            return invalid;
        }

        if (await cycles.GetAsync(command.Year, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            return await OpenAsync(actor, command, cancellationToken).ConfigureAwait(false);
        }

        if (command.QuestionnaireVersion is { } version && version != existing.QuestionnaireVersion)
        {
            return new Refusal(RefusalKind.Conflict, "Questionnaire fixed", $"Cycle {command.Year} already uses questionnaire {existing.QuestionnaireVersion}; answers would no longer fit another version.") { Code = CycleRefusals.QuestionnaireFixed };
        }

        return await SetDeadlineAsync(actor, new SetCycleDeadline(command.Year, command.Deadline), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the cycle; closing a closed cycle changes nothing and is no error.</summary>
    public async Task<Outcome<Cycle>> CloseAsync(string actor, CloseCycle command, CancellationToken cancellationToken = default)
    {
        if (await cycles.GetAsync(command.Year, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            return Unknown(command.Year);
        }

        if (existing.Status == CycleStatus.Closed)
        {
            return existing;
        }

        var closed = existing with { Status = CycleStatus.Closed, ClosedAt = time.GetUtcNow() };
        await cycles.SaveAsync(closed, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditArea, actor, "cycle-closed", Year(closed), null, cancellationToken).ConfigureAwait(false);
        return closed;
    }

    private async Task<Outcome<Cycle>> MovableAsync(int year, CancellationToken cancellationToken) =>
        await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false) switch
        {
            null => Unknown(year),
            { Status: CycleStatus.Closed } closed => Closed(closed),
            { } open => open,
        };

    private static Refusal? CheckYear(int year) => year is < 2000 or > 2100
        ? new Refusal(RefusalKind.Invalid, "Invalid year", $"{year} is not a plausible cycle year.") { Code = CycleRefusals.InvalidYear }
        : null;

    private Refusal? CheckDeadline(DateTimeOffset deadline) => deadline <= time.GetUtcNow()
        ? new Refusal(RefusalKind.Invalid, "Deadline in the past", $"The deadline {deadline:O} is not after now; close the cycle if it must end.", [new("/deadline", "must be after now")]) { Code = CycleRefusals.DeadlinePassed }
        : null;

    internal static Refusal Unknown(int year) =>
        new(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {year}.") { Code = CycleRefusals.Unknown };

    private static Refusal Closed(Cycle cycle) =>
        new(RefusalKind.Conflict, "Cycle closed", $"Cycle {cycle.Year} was closed on {cycle.ClosedAt:yyyy-MM-dd}; a closed cycle does not change any more.") { Code = CycleRefusals.Closed };

    private static string Year(Cycle cycle) => cycle.Year.ToString(CultureInfo.InvariantCulture);
}
