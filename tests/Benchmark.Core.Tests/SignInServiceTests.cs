using Benchmark.Core.Application;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>Signing in and out on the web pages without storage (issue 16).</summary>
public sealed class SignInServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private sealed record Memory(InMemoryKeyRepository Keys, InMemorySessionRepository Sessions, InMemoryAuditLog Audit, ManualClock Clock, KeyService KeyService);

    private static (SignInService Service, Memory Memory) Create()
    {
        var clock = new ManualClock(Now);
        var keys = new InMemoryKeyRepository();
        var audit = new InMemoryAuditLog(clock);
        var sessions = new InMemorySessionRepository(clock);
        return (new SignInService(keys, sessions, audit, clock), new Memory(keys, sessions, audit, clock, new KeyService(keys, audit, clock)));
    }

    private static async Task<CreatedKey> KeyAsync(Memory memory)
    {
        var created = await memory.KeyService.CreateAsync("cli", new CreateKey(Role.Municipality, "GM0363", "informatiemanager"));
        Assert.True(created.Succeeded);
        return created.Value;
    }

    [Fact]
    public async Task AnActiveKeyStartsASessionThatEndsWhenItsUserSignsOutOrItsLifetimeIsOver()
    {
        var (service, memory) = Create();
        var key = await KeyAsync(memory);

        var first = await service.SignInAsync(new SignIn(key.Secret, "127.0.0.1", Lifetime));
        var second = await service.SignInAsync(new SignIn(key.Secret, "127.0.0.1", Lifetime));

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(key.Info, first.Value.Key);
        var session = await service.FindSessionAsync(first.Value.SessionId);
        Assert.Equal((ApiKeys.Hash(key.Secret), key.Info.KeyId), (session?.KeyHash, session?.KeyId));

        await service.SignOutAsync(first.Value.SessionId);
        memory.Clock.Now = Now + Lifetime;

        Assert.Null(await service.FindSessionAsync(first.Value.SessionId));
        Assert.Null(await service.FindSessionAsync(second.Value.SessionId));
        Assert.Equal($"sign-in {key.Info.KeyId} signed-in {key.Info.KeyId}", memory.Audit.Lines[^1]);
    }

    [Fact]
    public async Task AFailedSignInIsRefusedAndAuditedWithTheKeysPublicIdNeverWithTheKeyItself()
    {
        var (service, memory) = Create();
        var key = await KeyAsync(memory);
        await memory.KeyService.RevokeAsync("cli", new RevokeKey(key.Info.KeyId));
        var wrong = "bmk_nosuchkey_" + new string('x', 43);

        var unknown = await service.SignInAsync(new SignIn(wrong, "127.0.0.1", Lifetime));
        var revoked = await service.SignInAsync(new SignIn(key.Secret, "127.0.0.1", Lifetime));

        Assert.Equal(SignInRefusals.UnknownKey, unknown.Refusal?.Code);
        Assert.Equal(SignInRefusals.RevokedKey, revoked.Refusal?.Code);
        Assert.Empty(memory.Sessions.Sessions);
        var entries = await memory.Audit.ListAsync(AuditAreas.SignIn);
        Assert.Equal(
            [("anonymous", "sign-in-failed", "(unknown key)", "unknown key from 127.0.0.1"), (key.Info.KeyId, "sign-in-failed", key.Info.KeyId, "revoked key from 127.0.0.1")],
            entries.Select(e => (e.Actor, e.Action, e.Subject, e.Detail)));
        Assert.DoesNotContain(entries, e => $"{e}{unknown.Refusal}{revoked.Refusal}".Contains(wrong, StringComparison.Ordinal) || $"{e}{revoked.Refusal}".Contains(key.Secret, StringComparison.Ordinal));
    }
}
