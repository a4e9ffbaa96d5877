using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Functions.Endpoints;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Reports;
using Benchmark.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Benchmark.Functions;

/// <summary>
/// Builds the app: the same services, middleware and routes run on their own (locally, in tests) as a plain ASP.NET Core
/// app, and under the Azure Functions host as a .NET isolated worker, where one catch-all HTTP function runs this
/// pipeline (<see cref="WorkerFunctions"/>).
/// </summary>
public static class BenchmarkApp
{
    /// <summary>Whether a Functions host started the process: it passes the address of its gRPC endpoint on the command line.</summary>
    public static bool StartedByFunctionsHost(string[] args) =>
        args.Any(arg => arg.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase));

    /// <summary>The plain ASP.NET Core app, listening with its own Kestrel.</summary>
    /// <param name="configure">Lets tests replace settings or services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        StartupTimeline.Mark("builder created");
        builder.WebHost.ConfigureKestrel(ConfigureKestrel);

        // Tests configure first; the defaults below only fill in what they left out.
        configure?.Invoke(builder);
        AddServices(builder, hosted: false);
        var app = builder.Build();
        StartupTimeline.Mark("service provider built");
        UsePipeline(app);
        MapEndpoints(app, app.Configuration.GetValue("Reports:MapQueueTrigger", false));
        return app;
    }

    /// <summary>
    /// The isolated worker: the Functions host talks gRPC to it and proxies HTTP requests to the worker's own Kestrel,
    /// where the catch-all function runs the app's pipeline; report messages arrive through the queue trigger.
    /// </summary>
    public static IHost BuildWorker(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        StartupTimeline.Mark("builder created");
        builder.ConfigureFunctionsWebApplication();
        builder.Services.Configure<KestrelServerOptions>(ConfigureKestrel);

        // The integration trusts every forwarded header from loopback in its own pipeline; the app's pipeline decides
        // what it believes (UsePipeline), exactly as when it runs on its own.
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.None);
        AddServices(builder, hosted: true);
        builder.Services.AddSingleton<AppPipeline>();
        var host = builder.Build();
        StartupTimeline.Mark("service provider built");
        return host;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
    }

    /// <param name="hosted">Under the Functions host: the queue trigger takes report messages, and the visitor's HTTPS ends at the host.</param>
    private static void AddServices(IHostApplicationBuilder builder, bool hosted)
    {
        var security = builder.Configuration.GetSection(WebSecuritySettings.Section).Get<WebSecuritySettings>() ?? new WebSecuritySettings();
        security.Validate(hosted);

        builder.AddBenchmarkTelemetry();
        builder.AddBoundedFileLog();
        StartupTimeline.Mark("telemetry registered");
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => provider.GetRequiredService<IConfiguration>().GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings());
        services.AddSingleton(_ => QuestionnaireCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "questionnaires")));
        services.AddBenchmarkStorage();
        services.AddBenchmarkApplication();
        services.AddSingleton<KeyCache>();
        services.AddSingleton(security);
        services.AddSingleton(ServiceContact.From(builder.Configuration, hosted));
        services.AddSingleton<FailedAuthentications>();
        // Checked here when it is set; without it only local development gets a secret for this process alone (sessions
        // end at a restart), the Functions host refuses to start, and anywhere else the first page that needs it says what is missing.
        var secret = builder.Configuration[AppSecret.Setting] is { Length: > 0 } configured ? AppSecret.From(configured) : null;
        if (secret is null && hosted)
        {
            throw new InvalidOperationException($"{AppSecret.Setting} is not set. Under the Functions host it comes from the Key Vault reference in the app settings (see docs/deploy.md); without it the keys that protect sessions could not be read by the next instance.");
        }

        services.AddSingleton(_ => secret
            ?? (security.LocalDevelopment ? AppSecret.Ephemeral()
            : throw new InvalidOperationException($"{AppSecret.Setting} is not set: give the app a secret of at least {AppSecret.MinimumLength} random characters (e.g. 'openssl rand -base64 32'), kept outside the storage account.")));

        services.AddBenchmarkReports();
        services.Configure<RouteOptions>(routes =>
        {
            routes.SetParameterPolicy<MunicipalityCodeRouteConstraint>(MunicipalityCodeRouteConstraint.Name);
            routes.SetParameterPolicy<OpenApiDocumentRouteConstraint>(OpenApiDocumentRouteConstraint.Name);
        });

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

            // {"deadline": a, "deadline": b} means whatever the reader picks; another reader may pick the other one.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<StorageExceptionHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusalAudit>();
        services.AddOpenApi(OpenApiDocumentRouteConstraint.DocumentName, options =>
        {
            // The bearer key, roles, If-Match and ETag, problem responses and request bodies: a document a client can be generated from.
            OpenApi.OpenApiContract.Configure(options);

            // A measure travels as its text ("index", "domain:<id>", "block:<id>"), written by its own converter, which
            // the schema generator cannot see into: described inline as the string it is, as before it had a type.
            var schemaId = options.CreateSchemaReferenceId;
            options.CreateSchemaReferenceId = type => type.Type == typeof(Core.Benchmarking.Measure) ? null : schemaId(type);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Core.Benchmarking.Measure))
                {
                    schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
                }

                return Task.CompletedTask;
            });
        });

        var limits = RateLimits.From(builder.Configuration);
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => limits.PartitionFor(context));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                if (IsApi(context.HttpContext))
                {
                    await Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", $"At most {limits.ApiKeyPermitsPerMinute} requests a minute per API key; try again in {retryAfter} seconds. Web sessions have their own limit, so this does not lock staff out of the pages.").ConfigureAwait(false);
                }

                // A page gets a page: left without a body, the status code pages show /fout/429.
            };
        });
        services.AddHostedService<StorageInitializer>();
        services.AddHttpContextAccessor();
        services.AddWebPages(security);
        services.AddSharedDataProtection();

        // On its own the app takes report messages from the queue itself.
        if (hosted && builder.Configuration[$"{StorageSettings.Section}:TablePrefix"] is { Length: > 0 } prefix)
        {
            // The GenerateReport function listens on the queue "reports"; a prefix would send messages elsewhere.
            throw new InvalidOperationException($"Storage:TablePrefix is '{prefix}', but under the Functions host the report queue trigger listens on '{ReportStorage.QueueName}'; leave the prefix empty there.");
        }
        if (!hosted && builder.Configuration.GetValue("Reports:Worker", true))
        {
            services.AddHostedService<ReportQueueService>();
        }

        StartupTimeline.AddHostedServicesMark(services);
        StartupTimeline.Mark("services registered");
    }

    /// <summary>The app's middleware, up to and including routing and authorization; the endpoints follow (<see cref="MapEndpoints"/>).</summary>
    internal static void UsePipeline(IApplicationBuilder app)
    {
        var security = app.ApplicationServices.GetRequiredService<WebSecuritySettings>();
        if (!security.LocalDevelopment)
        {
            // Behind the Functions host every request comes from the host on loopback, which passes on the visitor's
            // address; that header is believed from the trusted proxies only, and only its last hop (the one the
            // front end added; anything before it the visitor could have written).
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in security.TrustedProxyAddresses())
            {
                forwarded.KnownProxies.Add(proxy);
            }

            app.UseForwardedHeaders(forwarded);

            // The app is reachable only through the HTTPS-only front end (httpsOnly in infra/), which hands requests to it
            // over loopback HTTP: every visitor's request was HTTPS, whatever headers the host passes on.
            app.Use((context, next) =>
            {
                context.Request.Scheme = Uri.UriSchemeHttps;
                return next(context);
            });
        }

        app.UseCanonicalMunicipalityCodes(IsApi);

        // The API answers problems as ProblemDetails; the pages as pages.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/fout/500");
            pages.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        app.UseWebPages();

        // Routing after the status code pages, so a page re-executed for an error status is routed again.
        app.UseRouting();
        app.UseAuthentication();
        app.UseSessionForPages();
        app.UseRateLimiter();
        app.UseAuthorization();
        StartupTimeline.Mark("middleware added");
    }

    /// <summary>Every route of the app: the API, the OpenAPI document and the pages.</summary>
    internal static void MapEndpoints(IEndpointRouteBuilder app, bool mapQueueTrigger)
    {
        app.MapOpenApi($"/api/openapi/{{documentName:{OpenApiDocumentRouteConstraint.Name}}}.json").WithName("GetOpenApi").AllowAnonymous();
        HealthEndpoints.Map(app);
        var v1 = app.MapGroup("/api/v1").RequireAuthorization();
        CycleEndpoints.Map(v1);
        SubmissionEndpoints.Map(v1);
        ReviewEndpoints.Map(v1);
        BenchmarkEndpoints.Map(v1);
        ReportEndpoints.Map(v1);
        ExportEndpoints.Map(v1);
        OpenDataEndpoints.Map(v1);
        StartupTimeline.Mark("API endpoints mapped");
        app.MapWebPages();
        StartupTimeline.Mark("web pages mapped");
        if (mapQueueTrigger)
        {
            ReportEndpoints.MapQueueTrigger(app);
        }
    }

    /// <summary>Whether a request is the API's (problem documents) rather than a page's.</summary>
    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/" + ReportEndpoints.GenerateReportFunction);
}

/// <summary>Storage that cannot be reached is the client's cue to retry, not a server bug: 503 with Retry-After.</summary>
internal sealed partial class StorageExceptionHandler(ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.InnerException?.GetType().Name);
        httpContext.Response.Headers.RetryAfter = "10";
        await Problems.Write(httpContext, StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "The data store did not answer; try again shortly. A change cut off by a time-out may still have been stored, so read it again before you retry (If-Match keeps a retry from overwriting anything).").ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable for {Method} {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string? reason);
}

/// <summary>Creates the tables in the background, retrying until storage answers, so start-up never waits on it.</summary>
internal sealed partial class StorageInitializer(StorageSetup storage, ILogger<StorageInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await storage.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (StorageUnavailableException)
            {
                LogNotReachable(logger, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage not reachable yet (attempt {Attempt}); retrying.")]
    private static partial void LogNotReachable(ILogger logger, int attempt);
}
