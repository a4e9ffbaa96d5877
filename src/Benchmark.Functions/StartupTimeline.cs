using System.Globalization;

namespace Benchmark.Functions;

/// <summary>
/// Where a cold start's time goes. With the environment variable BENCHMARK_STARTUP_TIMELINE=1 the app writes a line to
/// standard error at each step of its start-up: "startup-timeline {Unix time in ms} {step}". The cold-start measurement
/// (scripts/measure.sh coldstart) turns it on for a few extra starts and subtracts the moment it started the process.
/// Off by default: then a step costs one boolean test.
/// </summary>
public static class StartupTimeline
{
    public const string Variable = "BENCHMARK_STARTUP_TIMELINE";
    public const string Prefix = "startup-timeline ";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    public static void Mark(string step)
    {
        if (Enabled)
        {
            // Wall-clock time, not the process's own start time: Linux gives that only to 10 ms.
            var now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            Console.Error.WriteLine(Prefix + now.ToString("0.000", CultureInfo.InvariantCulture) + " " + step);
        }
    }

    /// <summary>Marks the moment the hosted services registered before it have started, just before the web server starts.</summary>
    internal static void AddHostedServicesMark(IServiceCollection services)
    {
        if (Enabled)
        {
            services.AddHostedService<HostedServicesStarted>();
        }
    }

    private sealed class HostedServicesStarted : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Mark("other hosted services started");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
