using Benchmark.Core.Application;
using Benchmark.Functions.Endpoints;
using Benchmark.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Benchmark.Functions;

/// <summary>
/// The functions the Functions host sees when the app runs as an isolated worker; the Worker SDK generates their
/// metadata (functions.metadata) from these attributes. Every route stays defined in one place (BenchmarkApp.MapEndpoints):
/// one catch-all HTTP function runs the app's own pipeline on the request the host proxied to the worker.
/// </summary>
public sealed partial class WorkerFunctions(AppPipeline pipeline, ReportService reports, ILogger<WorkerFunctions> logger)
{
    public const string HttpFunction = "WebPages";

    /// <summary>Every path and method: the API, the OpenAPI document, the pages and their assets.</summary>
    [Function(HttpFunction)]
    public async Task<IActionResult> HttpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = "{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await pipeline.InvokeAsync(request.HttpContext);

        // The app's pipeline has written the response; nothing more to add.
        return new EmptyResult();
    }

    /// <summary>
    /// One report message. A failure throws, so the host makes the message visible again and, after host.json's
    /// maxDequeueCount attempts, moves it to the poison queue ("reports-poison"); the app records the attempt
    /// (ReportService.ProcessAsync with the message's dequeue count), as its local queue worker does.
    /// </summary>
    [Function(ReportEndpoints.GenerateReportFunction)]
    public async Task GenerateReportAsync([QueueTrigger(ReportStorage.QueueName, Connection = "AzureWebJobsStorage")] string message, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dequeueCount = context.BindingContext.BindingData.TryGetValue("DequeueCount", out var count) && long.TryParse(count?.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
        var outcome = await ReportEndpoints.ProcessMessageAsync(message, dequeueCount, reports, logger, context.CancellationToken);
        if (!outcome.Succeeded)
        {
            throw new ReportMessageFailedException(outcome.Log);
        }

        LogProcessed(logger, outcome.Log);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Outcome}")]
    private static partial void LogProcessed(ILogger logger, string outcome);
}

/// <summary>A report message that failed or was refused: the host counts the attempt towards the poison queue.</summary>
public sealed class ReportMessageFailedException : Exception
{
    public ReportMessageFailedException()
    {
    }

    public ReportMessageFailedException(string message) : base(message)
    {
    }

    public ReportMessageFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// The app's middleware and endpoints as a second pipeline inside the worker's own (whose routing chose the catch-all
/// function): the same UsePipeline and MapEndpoints as the plain app, built once on the worker's services.
/// </summary>
public sealed class AppPipeline
{
    private readonly Lazy<RequestDelegate> pipeline;

    public AppPipeline(IServiceProvider services) =>
        pipeline = new(() =>
        {
            var app = new ApplicationBuilder(services);
            BenchmarkApp.UsePipeline(app);
            app.UseEndpoints(endpoints => BenchmarkApp.MapEndpoints(endpoints, mapQueueTrigger: false));
            return app.Build();
        });

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The outer routing chose the catch-all function; unless that is forgotten, the inner routing does nothing.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return pipeline.Value(context);
    }
}
