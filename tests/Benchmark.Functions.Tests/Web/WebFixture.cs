using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// The real app against its own Azurite, with the demo data of 2024–2026 loaded and 2026 benchmarked, and one Debian
/// Chromium. A few municipalities have no 2026 answers at all: each journey test takes one of its own and starts from nothing.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const int Cycle = 2026;

    private readonly Queue<string> _fresh = new();

    public AzuriteFixture Azurite { get; private set; } = null!;

    public ApiServer Server { get; private set; } = null!;

    public Chromium Chromium { get; private set; } = null!;

    public string AnalystKey { get; private set; } = "";

    /// <summary>A municipality that submitted its 2026 answers (so it has results of its own), for tests that need someone else.</summary>
    public string OtherMunicipality { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Its own, as a collection fixture cannot share the Azurite collection's: the two collections run side by side.
        Azurite = await AzuriteFixture.StartOwnAsync();
        Server = await ApiServer.StartAsync(
            Azurite,
            new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "100000", ["Reports:Worker"] = "true" },
            now: new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var catalog = Server.Service<QuestionnaireCatalog>();
        var demo = DemoGenerator.Generate(catalog, 1, [2024, 2025, Cycle]);

        // The fresh municipalities come from the largest size class, so their peer group keeps enough members for statistics.
        var register = demo.Registers[^1];
        var largest = register.Municipalities.GroupBy(m => m.SizeClass.Number).OrderByDescending(g => g.Count()).First();
        foreach (var municipality in largest.Select(m => m.Code).Order(StringComparer.Ordinal).Take(8))
        {
            _fresh.Enqueue(municipality);
        }

        var withoutFresh = demo with { Submissions = demo.Submissions.Where(s => s.Cycle != Cycle || !_fresh.Contains(s.Municipality)).ToList() };
        await new DemoLoader(Server.Service<RegisterStore>(), Server.Service<CycleStore>(), Server.Service<SubmissionStore>(), Server.Service<CurationService>(), Server.Time)
            .LoadAsync(withoutFresh, new DateTimeOffset(2026, 12, 31, 22, 59, 59, TimeSpan.Zero));
        var computed = await Server.Service<BenchmarkService>().ComputeAsync(Cycle, includeSubmitted: false, "test");
        Assert.True(computed.Refusal is null, computed.Refusal?.Detail);

        var approved = (await Server.Service<SubmissionStore>().ListAsync(Cycle)).First(r => r.Status == SubmissionStatus.Approved);
        OtherMunicipality = approved.Municipality;
        AnalystKey = await Server.CreateKeyAsync(Role.Analyst);
        Chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }

    /// <summary>A municipality without any 2026 answers, and a key for it; every call gives another one.</summary>
    public async Task<(string Municipality, string Key)> FreshMunicipalityAsync()
    {
        Assert.True(_fresh.Count > 0, "The web fixture has no fresh municipality left; reserve more in WebFixture.InitializeAsync.");
        var municipality = _fresh.Dequeue();
        return (municipality, await Server.CreateKeyAsync(Role.Municipality, municipality));
    }

    public Task<string> KeyAsync(Role role, string? municipality = null) => Server.CreateKeyAsync(role, municipality);

    /// <summary>A new browser session (its own cookies), with or without JavaScript.</summary>
    public Task<WebSession> OpenAsync(bool javaScript = true) => WebSession.OpenAsync(Chromium.Browser, Server.Address, javaScript);
}

[CollectionDefinition(Name)]
public sealed class WebTests : ICollectionFixture<WebFixture>
{
    public const string Name = "Web";
}
