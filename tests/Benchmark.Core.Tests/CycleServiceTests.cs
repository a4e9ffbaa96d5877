using Benchmark.Core.Application;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>The cycle rules without storage: one place for the API, the analyst pages and the CLI (issue 16).</summary>
public sealed class CycleServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = new(2026, 12, 31, 22, 59, 0, TimeSpan.Zero);

    private sealed class Memory
    {
        public InMemoryCycleRepository CycleRepository { get; } = new();

        public InMemoryAuditLog AuditLog { get; } = new();

        public Dictionary<int, Cycle> Cycles => CycleRepository.Cycles;

        public IReadOnlyList<string> Audit => AuditLog.Lines;
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (CycleService Service, Memory Memory, Clock Clock) Create()
    {
        var memory = new Memory();
        var clock = new Clock(Now);
        return (new CycleService(memory.CycleRepository, memory.AuditLog, TestData.Real, clock), memory, clock);
    }

    [Fact]
    public async Task AnOpenedCycleTakesTheQuestionnaireOfItsYearAndIsAudited()
    {
        var (service, memory, _) = Create();

        var opened = await service.OpenAsync("analist", new OpenCycle(2026, Deadline));

        Assert.Null(opened.Refusal);
        Assert.Equal(("2026", CycleStatus.Open, Deadline), (opened.Value!.QuestionnaireVersion, opened.Value.Status, opened.Value.Deadline));
        Assert.Equal(["cycles analist cycle-opened 2026"], memory.Audit);
    }

    [Fact]
    public async Task AClosedCycleIsFinalItsDeadlineDoesNotMoveAndAPutDoesNotReopenIt()
    {
        var (service, memory, clock) = Create();
        await service.OpenAsync("analist", new OpenCycle(2026, Deadline));
        await service.CloseAsync("analist", new CloseCycle(2026));
        clock.Now = Now.AddDays(1);

        var moved = await service.SetDeadlineAsync("analist", new SetCycleDeadline(2026, Deadline.AddDays(7)));
        var put = await service.OpenOrSetDeadlineAsync("analist", new OpenCycle(2026, Deadline.AddDays(14)));

        Assert.Equal(CycleRefusals.Closed, moved.Refusal?.Code);
        Assert.Equal(CycleRefusals.Closed, put.Refusal?.Code);
        Assert.Equal(RefusalKind.Conflict, put.Refusal!.Kind);
        Assert.Equal(CycleStatus.Closed, memory.Cycles[2026].Status);
        Assert.Equal(Deadline, memory.Cycles[2026].Deadline);
        Assert.Equal(["cycles analist cycle-opened 2026", "cycles analist cycle-closed 2026"], memory.Audit);
    }

    [Fact]
    public async Task ACycleIsOpenedOnceWithADeadlineAfterNowAndAPlausibleYearAndKeepsItsQuestionnaire()
    {
        var (service, memory, _) = Create();
        await service.OpenAsync("analist", new OpenCycle(2026, Deadline));

        Assert.Equal(CycleRefusals.Exists, (await service.OpenAsync("analist", new OpenCycle(2026, Deadline))).Refusal?.Code);
        Assert.Equal(CycleRefusals.DeadlinePassed, (await service.OpenAsync("analist", new OpenCycle(2027, Now.AddMinutes(-1)))).Refusal?.Code);
        Assert.Equal(CycleRefusals.DeadlinePassed, (await service.SetDeadlineAsync("analist", new SetCycleDeadline(2026, Now))).Refusal?.Code);
        Assert.Equal(CycleRefusals.InvalidYear, (await service.OpenOrSetDeadlineAsync("analist", new OpenCycle(1999, Deadline))).Refusal?.Code);
        Assert.Equal(CycleRefusals.UnknownQuestionnaire, (await service.OpenAsync("analist", new OpenCycle(2028, Deadline, "2031"))).Refusal?.Code);
        Assert.Equal(CycleRefusals.QuestionnaireFixed, (await service.OpenOrSetDeadlineAsync("analist", new OpenCycle(2026, Deadline, "2024"))).Refusal?.Code);
        Assert.Equal(CycleRefusals.Unknown, (await service.CloseAsync("analist", new CloseCycle(2030))).Refusal?.Code);

        Assert.Single(memory.Cycles);
        Assert.Equal(["cycles analist cycle-opened 2026"], memory.Audit);
    }

    [Fact]
    public async Task APutOnAnOpenCycleMovesItsDeadlineAndClosingTwiceChangesNothing()
    {
        var (service, memory, _) = Create();
        await service.OpenOrSetDeadlineAsync("analist", new OpenCycle(2026, Deadline));

        var moved = await service.OpenOrSetDeadlineAsync("analist", new OpenCycle(2026, Deadline.AddDays(7), "2026"));
        await service.CloseAsync("analist", new CloseCycle(2026));
        var again = await service.CloseAsync("analist", new CloseCycle(2026));

        Assert.Equal(Deadline.AddDays(7), moved.Value!.Deadline);
        Assert.Null(again.Refusal);
        Assert.Equal(["cycles analist cycle-opened 2026", "cycles analist cycle-deadline-set 2026", "cycles analist cycle-closed 2026"], memory.Audit);
    }
}
