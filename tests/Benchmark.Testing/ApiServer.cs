using System.Collections.Concurrent;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions;
using Benchmark.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Benchmark.Testing;

/// <summary>The real app, with real HTTP on a free loopback port, against Azurite, with its own tables.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private ApiServer(WebApplication app, Uri address, string tablePrefix)
    {
        App = app;
        Address = address;
        TablePrefix = tablePrefix;
    }

    /// <summary>One secret for every server of the test run, so a second instance on the same tables reads the first one's keys.</summary>
    public static readonly string TestSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public WebApplication App { get; }

    public Uri Address { get; }

    public string TablePrefix { get; }

    public ManualTimeProvider Time => (ManualTimeProvider)App.Services.GetRequiredService<TimeProvider>();

    public LogCollector Logs => App.Services.GetRequiredService<LogCollector>();

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="tablePrefix">Another server's prefix, to run a second instance on the same data; a new one by default.</param>
    /// <param name="configure">Runs after the test settings and before the app's own registrations, so a service registered here (e.g. an IReportRenderer that counts) wins over the app's TryAdd default.</param>
    public static async Task<ApiServer> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null, string? tablePrefix = null, Action<WebApplicationBuilder>? configure = null)
    {
        var prefix = tablePrefix ?? "t" + Guid.NewGuid().ToString("N")[..12];
        var logs = new LogCollector();
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Storage:NetworkTimeout"] = TestTimeouts.Setting(TestTimeouts.StorageCall),
            ["Logging:LogLevel:Default"] = "Information",

            // Recorded but not printed: the console exporter would bury the test output. TelemetryTests export for real.
            ["Telemetry:Exporter"] = "none",

            // Plain HTTP on loopback, as scripts/run.sh runs it; SecurityTests switch it off to test the production behaviour.
            ["Web:LocalDevelopment"] = "true",
            ["Security:Secret"] = TestSecret,

            // Many tests send wrong keys on purpose, all from 127.0.0.1; ProductionHttpTests check the real budget of 20.
            ["Web:FailedAuthenticationsPerWindow"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = BenchmarkApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(now ?? new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero)));
            builder.Services.AddSingleton(logs);
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
        await app.Services.GetRequiredService<BenchmarkTables>().CreateIfNotExistsAsync().ConfigureAwait(false);
        await app.Services.GetRequiredService<ReportStorage>().CreateIfNotExistsAsync().ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiServer(app, new Uri(address), prefix);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TestTimeouts.HttpRequest };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<string> CreateKeyAsync(Role role, string? municipality = null)
    {
        var created = await Service<KeyService>().CreateAsync("test", new CreateKey(role, municipality, $"test {role} {municipality}")).ConfigureAwait(false);
        return created.Succeeded ? created.Value.Secret : throw new InvalidOperationException(created.Refusal.Detail);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A clock the test sets.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>Keeps every log line the app writes, so tests can check what never reaches the logs.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
