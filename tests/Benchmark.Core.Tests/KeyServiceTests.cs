using Benchmark.Core.Application;
using Benchmark.Core.Tests.InMemory;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

/// <summary>The rules of the API keys without storage: one place for the CLI, the API's authentication and the sign-in page (issue 16).</summary>
public sealed class KeyServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static (KeyService Service, InMemoryKeyRepository Keys, InMemoryAuditLog Audit, ManualClock Clock) Create()
    {
        var clock = new ManualClock(Now);
        var keys = new InMemoryKeyRepository();
        var audit = new InMemoryAuditLog(clock);
        return (new KeyService(keys, audit, clock), keys, audit, clock);
    }

    [Fact]
    public async Task ACreatedKeyIsShownOnceKeptOnlyAsItsHashAndFoundByItself()
    {
        var (service, keys, audit, _) = Create();

        var created = await service.CreateAsync("cli", new CreateKey(Role.Municipality, "GM0363", "  informatiemanager Amsterdam "));

        Assert.True(created.Succeeded);
        Assert.StartsWith($"bmk_{created.Value.Info.KeyId}_", created.Value.Secret, StringComparison.Ordinal);
        Assert.Equal(("informatiemanager Amsterdam", "cli", Now), (created.Value.Info.Label, created.Value.Info.CreatedBy, created.Value.Info.CreatedAt));
        Assert.Equal(ApiKeys.Hash(created.Value.Secret), Assert.Single(keys.Keys).Key);
        Assert.DoesNotContain(keys.Keys, k => k.Value.ToString().Contains(created.Value.Secret, StringComparison.Ordinal));
        var found = await service.FindAsync(created.Value.Secret);
        Assert.True(found.Succeeded);
        Assert.Equal(new Actor(created.Value.Info.KeyId, Role.Municipality, "GM0363"), found.Value.ToActor());
        Assert.Equal(found.Value, (await service.FindByHashAsync(ApiKeys.Hash(created.Value.Secret))).Value);
        Assert.Equal([$"keys cli key-created {created.Value.Info.KeyId}"], audit.Lines);
    }

    [Fact]
    public async Task ARevokedKeyIsNotFoundAndRevokingItAgainChangesNothing()
    {
        var (service, _, audit, clock) = Create();
        var created = await service.CreateAsync("cli", new CreateKey(Role.Analyst, null, "analist die vertrok"));
        Assert.True(created.Succeeded);
        clock.Now = Now.AddDays(1);

        var revoked = await service.RevokeAsync("cli", new RevokeKey(created.Value.Info.KeyId));
        clock.Now = Now.AddDays(2);
        var again = await service.RevokeAsync("cli", new RevokeKey(created.Value.Info.KeyId));

        Assert.True(revoked.Succeeded);
        Assert.True(again.Succeeded);
        Assert.Equal(Now.AddDays(1), again.Value.RevokedAt);
        Assert.Equal(KeyRefusals.Revoked, (await service.FindAsync(created.Value.Secret)).Refusal?.Code);
        Assert.Equal(KeyRefusals.Revoked, (await service.FindByHashAsync(ApiKeys.Hash(created.Value.Secret))).Refusal?.Code);
        Assert.False(Assert.Single(await service.ListAsync()).IsActive);
        Assert.Equal([$"keys cli key-created {created.Value.Info.KeyId}", $"keys cli key-revoked {created.Value.Info.KeyId}"], audit.Lines);
    }

    [Fact]
    public async Task AMunicipalityOrCouncilKeyBelongsToOneMunicipalityAnAnalystKeyToNoneAndEveryKeySaysWhoseItIs()
    {
        var (service, keys, audit, _) = Create();

        var refusals = new[]
        {
            await service.CreateAsync("cli", new CreateKey(Role.Municipality, null, "informatiemanager")),
            await service.CreateAsync("cli", new CreateKey(Role.Council, "Amsterdam", "raad")),
            await service.CreateAsync("cli", new CreateKey(Role.Analyst, "GM0363", "analist")),
            await service.CreateAsync("cli", new CreateKey(Role.Analyst, null, " ")),
            await service.CreateAsync("cli", new CreateKey(Role.Analyst, null, "analist\u009B2J")),
        }.Select(o => o.Refusal);

        Assert.Equal(
            [KeyRefusals.MunicipalityRequired, KeyRefusals.MunicipalityRequired, KeyRefusals.MunicipalityNotAllowed, KeyRefusals.LabelRequired, KeyRefusals.InvalidLabel],
            refusals.Select(r => r?.Code));
        Assert.All(refusals, r => Assert.Equal(RefusalKind.Invalid, r?.Kind));
        Assert.Equal("A council key needs a municipality code ('GM' and four digits).", refusals.ElementAt(1)?.Detail);
        Assert.Empty(keys.Keys);
        Assert.Empty(audit.Lines);
    }

    [Fact]
    public async Task AKeyThatDoesNotExistCannotBeRevokedAndWhatIsNotOneOfOurKeysIsNotLookedFor()
    {
        var (service, _, audit, _) = Create();

        Assert.Equal(KeyRefusals.Unknown, (await service.RevokeAsync("cli", new RevokeKey("k1"))).Refusal?.Code);
        Assert.Equal(KeyRefusals.Unknown, (await service.FindAsync("bmk_nosuchkey_" + new string('x', 43))).Refusal?.Code);
        Assert.Equal(KeyRefusals.Unknown, (await service.FindAsync("Basic xyz")).Refusal?.Code);
        Assert.Equal(KeyRefusals.Unknown, (await service.FindByHashAsync("not-a-hash")).Refusal?.Code);
        Assert.Empty(audit.Lines);
    }
}
