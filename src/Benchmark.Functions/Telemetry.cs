using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Benchmark.Storage;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Benchmark.Functions;

/// <summary>Where the app's OpenTelemetry traces, metrics and logs go.</summary>
public enum TelemetryExporter
{
    /// <summary>
    /// Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set; otherwise nothing is exported and the
    /// plain console log (and the bounded log file, when set) is what a person reads.
    /// </summary>
    Auto,

    /// <summary>Every span, metric and log record printed to the console: for debugging the telemetry itself, far too much to read.</summary>
    Console,
    AzureMonitor,

    /// <summary>Recorded but not exported; the plain console log stays. For tests, which would otherwise flood their output.</summary>
    None,
}

/// <summary>
/// OpenTelemetry for the app: ASP.NET Core requests, outgoing HTTP, the Azure SDK's storage calls and the service's own
/// <see cref="BenchmarkTelemetry"/>, with logs through the same pipeline so they carry the trace id.
/// </summary>
public static class Telemetry
{
    public const string ExporterSetting = "Telemetry:Exporter";
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ServiceName = "benchmark-e-overheid";

    /// <summary>Which exporter the configuration asks for; a value that names none is refused with the setting's name.</summary>
    public static TelemetryExporter ChooseExporter(IConfiguration configuration)
    {
        var text = configuration[ExporterSetting];
        var choice = TelemetryExporter.Auto;
        if (!string.IsNullOrWhiteSpace(text) && (!Enum.TryParse(text, ignoreCase: true, out choice) || !Enum.IsDefined(choice) || int.TryParse(text, out _)))
        {
            throw new InvalidOperationException($"{ExporterSetting} is '{text}'; use auto, console, azuremonitor or none.");
        }

        var connectionString = configuration[ConnectionStringSetting];
        return choice switch
        {
            TelemetryExporter.Auto => string.IsNullOrWhiteSpace(connectionString) ? TelemetryExporter.None : TelemetryExporter.AzureMonitor,
            TelemetryExporter.AzureMonitor when string.IsNullOrWhiteSpace(connectionString) =>
                throw new InvalidOperationException($"{ExporterSetting} is 'azuremonitor', but {ConnectionStringSetting} is not set."),
            _ => choice,
        };
    }

    public static TelemetryExporter AddBenchmarkTelemetry(this IHostApplicationBuilder builder)
    {
        var exporter = ChooseExporter(builder.Configuration);

        // The Azure SDK only records its storage calls as spans when asked.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        var version = typeof(Telemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BenchmarkTelemetry.Name)
                    .AddSource("Azure.*")
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/assets"))
                    .AddHttpClientInstrumentation();
                if (exporter == TelemetryExporter.Console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BenchmarkTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (exporter == TelemetryExporter.Console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithLogging(logging =>
            {
                if (exporter == TelemetryExporter.Console)
                {
                    logging.AddConsoleExporter();
                }
            });

        if (exporter == TelemetryExporter.AzureMonitor)
        {
            var connectionString = builder.Configuration[ConnectionStringSetting];
            var credential = EntraCredential(builder.Configuration[AuthenticationSetting]);

            // Statsbeat and SDK stats report the exporter's own use to Microsoft, not to this service's Application Insights;
            // a municipal service sends nothing it does not need to. Setting the variables to false turns them back on.
            foreach (var variable in (string[])["APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "APPLICATIONINSIGHTS_SDKSTATS_DISABLED"])
            {
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
                {
                    Environment.SetEnvironmentVariable(variable, "true");
                }
            }

            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
                options.EnableLiveMetrics = builder.Configuration.GetValue("Telemetry:LiveMetrics", true);

                // Every trace: at a few thousand requests a day sampling saves cents, and a rate limit would drop the
                // very requests (a burst at the deadline, a report batch) an operator looks for.
                options.TracesPerSecond = null;
                options.SamplingRatio = 1.0F;
            });
        }

        if (exporter is TelemetryExporter.Console or TelemetryExporter.AzureMonitor)
        {
            // The logs now go out through OpenTelemetry; the plain console log would print each one a second time.
            foreach (var console in builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
            {
                builder.Services.Remove(console);
            }
        }

        return exporter;
    }

    /// <summary>
    /// Application Insights with local authentication switched off takes telemetry only from an Entra ID identity;
    /// the platform says which one in APPLICATIONINSIGHTS_AUTHENTICATION_STRING ("ClientId=…;Authorization=AAD").
    /// </summary>
    public static Azure.Core.TokenCredential? EntraCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{AuthenticationSetting} must say 'Authorization=AAD' (with an optional 'ClientId=…'); it says '{authenticationString}'.");
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }
}
