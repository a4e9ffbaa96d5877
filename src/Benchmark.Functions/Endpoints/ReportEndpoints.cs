using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Endpoints;

/// <summary>
/// Council and national reports: analysts start a batch (one queue message per report) and follow it; a municipality
/// and its council download only their own report, analysts every report.
/// </summary>
public static partial class ReportEndpoints
{
    /// <summary>The queue-triggered function (WorkerFunctions.GenerateReportAsync) and the test route of the same name.</summary>
    public const string GenerateReportFunction = "GenerateReport";

    /// <summary>How many of a cycle's batches the API lists, newest first.</summary>
    public const int BatchesListed = 20;

    public static void Map(RouteGroupBuilder v1)
    {
        var own = v1.MapGroup(SubmissionEndpoints.Route).WithTags("Reports");
        own.MapGet("/report", DownloadCouncilAsync)
            .AllowRoles(Role.Municipality, Role.Council, Role.Analyst)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCouncilReport")
            .WithSummary("The municipality's council report of the cycle: ?format=pdf (default) or html (the accessible twin), ?lang=nl (default) or en");

        var analysts = v1.MapGroup("/cycles/{year:int}/reports").WithTags("Reports").AllowRoles(Role.Analyst);
        analysts.MapPost("", StartAsync)
            .Produces<ReportBatch>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GenerateReports")
            .WithSummary("Generate every council report and the national report of the cycle through the queue; body {\"languages\": [\"nl\", \"en\"]} is optional (default Dutch)");
        analysts.MapGet("/batches", async (int year, ReportService reports, CancellationToken cancellationToken) => TypedResults.Ok(await reports.RecentAsync(year, BatchesListed, cancellationToken)))
            .WithName("ListReportBatches")
            .WithSummary("The cycle's report batches, newest first, with their progress and failures");
        analysts.MapGet("/failed", async (int year, ReportService reports, CancellationToken cancellationToken) => TypedResults.Ok(await reports.PoisonedAsync(year, cancellationToken)))
            .WithName("ListFailedReports")
            .WithSummary("Reports whose message ended in the poison queue, with the error each last failed with");
        analysts.MapGet("/national", DownloadNationalAsync)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetNationalReport")
            .WithSummary("The national report of the cycle: ?format=pdf (default) or html, ?lang=nl (default) or en");
    }

    /// <summary>
    /// A queue invocation over HTTP, in the JSON shape the Functions host used for custom handlers. Mapped only when
    /// configured (Reports:MapQueueTrigger, for tests of the message handling through the whole app); under the Functions
    /// host the GenerateReport function (<see cref="WorkerFunctions"/>) takes the messages and calls
    /// <see cref="ProcessMessageAsync"/> itself, and running the app on its own the local worker takes them from the queue.
    /// </summary>
    /// <remarks>
    /// Anonymous, because the host sends no credentials; what makes an invocation genuine is the message itself, which
    /// must carry its batch's token (checked by <see cref="ReportService.ProcessAsync"/>). Not rate limited: a 429
    /// to a genuine invocation would count as a failure towards the poison queue, and a forged one is refused after a
    /// point read or two, cheaper than the rate limiter's own bookkeeping would make it.
    /// </remarks>
    public static void MapQueueTrigger(IEndpointRouteBuilder app) =>
        app.MapPost("/" + GenerateReportFunction, GenerateAsync).AllowAnonymous().DisableRateLimiting().WithName(GenerateReportFunction).ExcludeFromDescription();

    // Without languages the reports are Dutch; the default marks them optional in the OpenAPI document.
    public sealed record GenerateRequest(IReadOnlyList<string>? Languages = null);

    private static async Task<IResult> StartAsync(int year, HttpContext context, ReportService reports, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<GenerateRequest>(context.Request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await reports.StartAsync(year, request?.Languages ?? ["nl"], context.User.Actor().KeyId, cancellationToken);
        return outcome.Succeeded
            ? TypedResults.Accepted($"/api/v1/cycles/{year}/reports/batches", outcome.Value)
            : Problems.From(outcome.Refusal);
    }

    private static Task<IResult> DownloadCouncilAsync(int year, string municipality, string? format, string? lang, HttpContext context, ReportService reports, CancellationToken cancellationToken) =>
        DownloadAsync(year, municipality, format, lang, context, reports, cancellationToken);

    private static Task<IResult> DownloadNationalAsync(int year, string? format, string? lang, HttpContext context, ReportService reports, CancellationToken cancellationToken) =>
        DownloadAsync(year, ReportMessage.National, format, lang, context, reports, cancellationToken);

    private static async Task<IResult> DownloadAsync(int year, string subject, string? format, string? lang, HttpContext context, ReportService reports, CancellationToken cancellationToken)
    {
        var outcome = await reports.DownloadAsync(context.User.Actor(), year, subject, format, lang, cancellationToken);
        if (outcome.Failed)
        {
            return Problems.From(outcome.Refusal);
        }

        var file = outcome.Value;
        return TypedResults.Bytes(
            file.Content,
            file.ContentType,
            // The PDF is saved under its name; the HTML twin opens in the browser.
            file.Format == "pdf" ? file.FileName : null,
            lastModified: file.LastModified,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(file.ETag));
    }

    /// <summary>
    /// The custom-handler form of a queue invocation: the message in Data, its dequeue count in Metadata. Success answers 200;
    /// a failure answers 500, so the host tries again and moves the message to the poison queue after maxDequeueCount.
    /// A message that is not one of the app's (no token, a wrong one, an unknown batch or subject) answers 403 having
    /// rendered and written nothing; from the host that too is a failure, so such a message ends in the poison queue.
    /// </summary>
    private static async Task<IResult> GenerateAsync(HttpContext context, ReportService reports, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Benchmark.Reports.Queue");
        JsonNode? invocation;
        try
        {
            invocation = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return Problems.Result(400, "Not an invocation", "Expected the Functions host's JSON invocation: " + e.Message);
        }

        var data = invocation?["Data"]?["message"];
        var text = data switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            JsonObject obj => obj.ToJsonString(),
            _ => null,
        };
        var dequeueCount = long.TryParse(invocation?["Metadata"]?["DequeueCount"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1;
        var outcome = await ProcessMessageAsync(text, dequeueCount, reports, logger, cancellationToken);
        return outcome.Refused
            ? Problems.Result(403, "Not a report message of this app", outcome.Log)
            : InvocationResult(outcome.Succeeded ? 200 : 500, outcome.Log);
    }

    /// <summary>What became of one report message: a failure (including a refusal) is retried by the host and ends in the poison queue.</summary>
    public sealed record MessageOutcome(bool Succeeded, bool Refused, string Log);

    /// <summary>
    /// One report message, as the queue trigger hands it over (the GenerateReport function under the isolated worker).
    /// A message that is not one of the app's (no token, a wrong one, an unknown batch or subject) is refused having
    /// rendered and written nothing; for the host that is a failure too, so such a message ends in the poison queue.
    /// </summary>
    public static async Task<MessageOutcome> ProcessMessageAsync(string? text, long dequeueCount, ReportService reports, ILogger logger, CancellationToken cancellationToken)
    {
        ReportMessage message;
        try
        {
            message = ReportMessage.Parse(text ?? throw new FormatException("The invocation has no message."));
        }
        catch (FormatException e)
        {
            LogUnreadable(logger, e.Message);
            return new(false, false, e.Message);
        }

        try
        {
            var processed = await reports.ProcessAsync(message, dequeueCount, cancellationToken);
            if (processed.Refusal is { } refusal)
            {
                LogRefused(logger, refusal, message.Batch, message.Cycle, message.Subject, dequeueCount);
                return new(false, true, "The message does not belong to one of the app's report batches; nothing was rendered or recorded.");
            }

            return new(true, false, processed.Result switch
            {
                ReportResult.Rendered => $"Rendered {message.Subject} {message.Cycle}.",
                ReportResult.Superseded => $"{message.Subject} {message.Cycle} not rendered: the cycle was computed again after batch {message.Batch} started.",
                _ => $"{message.Subject} {message.Cycle} was already rendered.",
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, message.Subject, message.Cycle, dequeueCount, e);
            return new(false, false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The custom handler's answer to an invocation, in the host's own casing (Outputs, Logs, ReturnValue), whatever the API's JSON style.</summary>
    private static JsonHttpResult<InvocationResponse> InvocationResult(int status, string log) =>
        TypedResults.Json(new InvocationResponse(new Dictionary<string, object?>(), [log], null), InvocationJson, statusCode: status);

    private static readonly System.Text.Json.JsonSerializerOptions InvocationJson = new(System.Text.Json.JsonSerializerDefaults.General);

    public sealed record InvocationResponse(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable report message: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);

    /// <summary>Without the token: a log must not hand out what makes a message genuine, even a wrong one.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Report message refused ({Reason}): batch {Batch}, cycle {Cycle}, subject {Subject}, attempt {Attempt}")]
    private static partial void LogRefused(ILogger logger, MessageRefusal reason, string batch, int cycle, string subject, long attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Subject} {Cycle} failed (attempt {Attempt})")]
    private static partial void LogFailed(ILogger logger, string subject, int cycle, long attempt, Exception exception);
}

/// <summary>Takes report messages from the queue when the app runs on its own (locally); under the Functions host the queue trigger does.</summary>
internal sealed partial class ReportQueueService(ReportQueueWorker worker, ILogger<ReportQueueService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await worker.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never let the worker take the API down; the queue keeps the work.
                LogWorkerFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report queue worker stopped on an error; restarting")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
