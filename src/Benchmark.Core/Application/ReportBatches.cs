using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Benchmark.Core.Register;

namespace Benchmark.Core.Application;

public enum JobStatus
{
    Queued,
    Done,

    /// <summary>Failed at least once and will be tried again.</summary>
    Retrying,

    /// <summary>Failed too often; the message is in the poison queue.</summary>
    Poisoned,
}

/// <summary>Where one report of a batch stands.</summary>
public sealed record ReportJob(string Subject, JobStatus Status, int Attempts, bool Skipped, string? Error, DateTimeOffset UpdatedAt);

/// <summary>The reports of one benchmark run, queued together: every council report of the run and the national report.</summary>
public sealed record ReportBatch(string Id, int Cycle, string RunId, int Total, IReadOnlyList<string> Languages, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A batch and how far it got: which reports are ready, which are retried, which were given up.</summary>
public sealed record ReportBatchStatus(ReportBatch Batch, int Queued, int Done, int Skipped, int Retrying, int Poisoned, IReadOnlyList<ReportJob> Failures)
{
    public bool Finished => Done + Poisoned == Batch.Total;
}

/// <summary>What handling one report message came to.</summary>
public enum ReportResult
{
    /// <summary>Rendered and stored, stamped with the batch's benchmark run.</summary>
    Rendered,

    /// <summary>The files already carried the batch's run (a repeated delivery or a repeated batch): nothing rendered.</summary>
    UpToDate,

    /// <summary>The cycle was computed again after the batch started: nothing rendered; a batch of the new run renders it.</summary>
    Superseded,

    /// <summary>Not a message of one of the app's batches (<see cref="ProcessedReport.Refusal"/> says why): nothing rendered, nothing written.</summary>
    Refused,
}

/// <summary>Why a report message was refused before anything was rendered or written.</summary>
public enum MessageRefusal
{
    /// <summary>The message's cycle has no batch of that id.</summary>
    UnknownBatch,

    /// <summary>The message carries no token: made up, or queued before batches had tokens (such a batch must be started again).</summary>
    MissingToken,

    /// <summary>The token is not the batch's.</summary>
    WrongToken,

    /// <summary>The batch has no report for the message's subject: a municipality outside the batch's benchmark run, say.</summary>
    UnknownSubject,
}

/// <summary>What handling one report message came to, and, when it was refused, why.</summary>
public sealed record ProcessedReport(ReportResult Result, MessageRefusal? Refusal = null)
{
    /// <summary>The refusal's stable code (<see cref="ReportRefusals"/>), for logs and adapters; null when the message was handled.</summary>
    public string? Code => Refusal is { } refusal ? ReportRefusals.Of(refusal) : null;

    public static ProcessedReport Refused(MessageRefusal refusal) => new(ReportResult.Refused, refusal);
}

/// <summary>A report whose message ended in the poison queue, with the last error recorded for it.</summary>
public sealed record PoisonedReport(string Batch, int Cycle, string Subject, int Attempts, string? Error);

/// <summary>A stored report as it is handed out: the file, its format ("pdf" or "html") and the name a browser saves it under.</summary>
public sealed record ReportDownload(byte[] Content, string ContentType, string Format, DateTimeOffset LastModified, string ETag, string FileName);

/// <summary>One report to render: a municipality's council report (Subject = GM code) or the national report (Subject = "national").</summary>
/// <param name="Token">
/// The batch's capability token (<see cref="ReportBatchToken"/>): proof that the message was put on the queue by the app.
/// Optional here only so that messages from before tokens still parse and are then refused by the service with a reason.
/// </param>
public sealed partial record ReportMessage(string Batch, int Cycle, string Subject, IReadOnlyList<string> Languages, string? Token = null)
{
    public const string National = "national";

    /// <summary>The queue's wire format, as it has been since the first batch: messages still queued must keep parsing.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Leaves the token out, so a message that ends up in a log or an exception never discloses it.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Batch = {Batch}, Cycle = {Cycle}, Subject = {Subject}, Languages = [{string.Join(", ", Languages ?? [])}], Token = {(Token is null ? "none" : "(withheld)")}");
        return true;
    }

    public static ReportMessage Parse(string text)
    {
        ReportMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ReportMessage>(text, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a report message: {e.Message}", e);
        }

        // Batch and subject become table keys and blob names: allow only what the service itself writes.
        if (message is null || message.Batch is null || !BatchPattern().IsMatch(message.Batch)
            || message.Subject is null || (message.Subject != National && !MunicipalityCode.IsValid(message.Subject))
            || message.Cycle is < 2000 or > 2100
            || message.Languages is null || message.Languages.Count == 0 || message.Languages.Any(l => l is not ("nl" or "en")))
        {
            throw new FormatException("Not a report message: batch (lowercase letters, digits, hyphens), cycle (2000–2100), subject (a GM code or 'national') and languages (nl, en) are required.");
        }

        return message;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex BatchPattern();
}
