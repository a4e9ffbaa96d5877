namespace Benchmark.Core.Tests.InMemory;

/// <summary>A clock the test moves by hand, so expiry and timestamps are exact.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
