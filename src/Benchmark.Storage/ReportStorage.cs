using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Benchmark.Core.Application;

namespace Benchmark.Storage;

/// <summary>
/// Where reports live: the files in Blob storage ("{year}/{subject}/{language}.pdf|html"), the work in a queue with
/// its poison queue, and the progress of each batch in the ReportJobs table. Names carry the table prefix in lower case,
/// so parallel test runs and environments sharing an account stay apart. The report service
/// (<see cref="ReportService"/>) reaches the files and the queue through <see cref="IReportFiles"/> and
/// <see cref="IReportMessages"/>, the progress through <see cref="ReportBatchTable"/>.
/// </summary>
public sealed class ReportStorage : IReportFiles, IReportMessages
{
    public const string QueueName = "reports";

    public ReportStorage(StorageSettings settings, BenchmarkTables tables)
    {
        var prefix = settings.TablePrefix.ToLowerInvariant();
        var blobOptions = new BlobClientOptions();
        blobOptions.Retry.MaxRetries = 2;
        blobOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Files = settings.CreateBlobService(blobOptions).GetBlobContainerClient(prefix + "reports");

        // Base64, as the Functions host's queue trigger expects by default.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.Retry.MaxRetries = 2;
        queueOptions.Retry.NetworkTimeout = settings.NetworkTimeout;
        var queues = settings.CreateQueueService(queueOptions);
        Queue = queues.GetQueueClient(prefix + QueueName);
        Poison = queues.GetQueueClient(prefix + QueueName + "-poison");
        Jobs = tables.ReportJobs;
    }

    public BlobContainerClient Files { get; }

    public QueueClient Queue { get; }

    /// <summary>The Functions host moves a message here after maxDequeueCount failures; the local worker does the same.</summary>
    public QueueClient Poison { get; }

    public TableClient Jobs { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await BenchmarkTables.Guard(() => Files.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        await BenchmarkTables.Guard(() => Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        await BenchmarkTables.Guard(() => Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        await BenchmarkTables.Guard(() => Jobs.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
    }

    public static string BlobName(int cycle, string subject, string language, string format) =>
        $"{cycle.ToString(CultureInfo.InvariantCulture)}/{subject}/{language}.{format}";

    /// <summary>Whether both files of a report exist and were rendered from this benchmark run.</summary>
    public async Task<bool> HasRunAsync(int cycle, string subject, string language, string runId, CancellationToken cancellationToken)
    {
        foreach (var format in new[] { "pdf", "html" })
        {
            var blob = Files.GetBlobClient(BlobName(cycle, subject, language, format));
            try
            {
                var properties = await BenchmarkTables.Guard(() => blob.GetPropertiesAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (!properties.Value.Metadata.TryGetValue("runid", out var stored) || stored != runId)
                {
                    return false;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes (or overwrites) one file; the same name every time, so a repeated message never adds a blob.</summary>
    public Task UploadAsync(int cycle, string subject, string language, string format, ReadOnlyMemory<byte> content, string runId, CancellationToken cancellationToken) =>
        BenchmarkTables.Guard(() => Files.GetBlobClient(BlobName(cycle, subject, language, format)).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = format == "pdf" ? "application/pdf" : "text/html; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["runid"] = runId },
            },
            cancellationToken));

    public async Task<ReportFile?> DownloadAsync(int cycle, string subject, string language, string format, CancellationToken cancellationToken)
    {
        try
        {
            var result = await BenchmarkTables.Guard(() => Files.GetBlobClient(BlobName(cycle, subject, language, format)).DownloadContentAsync(cancellationToken)).ConfigureAwait(false);
            var details = result.Value.Details;
            return new ReportFile(result.Value.Content.ToArray(), details.ContentType, details.Metadata.TryGetValue("runid", out var run) ? run : "", details.LastModified, details.ETag.ToString("H"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every blob name under a cycle (for tests and the CLI summary).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(int cycle, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in Files.GetBlobsAsync(new GetBlobsOptions { Prefix = cycle.ToString(CultureInfo.InvariantCulture) + "/" }, cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        return names;
    }

    public Task SendAsync(ReportMessage message, CancellationToken cancellationToken) =>
        BenchmarkTables.Guard(() => Queue.SendMessageAsync(message.ToJson(), cancellationToken));

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int count, TimeSpan visibility, CancellationToken cancellationToken) =>
        (await BenchmarkTables.Guard(() => Queue.ReceiveMessagesAsync(count, visibility, cancellationToken)).ConfigureAwait(false)).Value;

    /// <summary>The poison queue's messages (up to 32, without taking them).</summary>
    public async Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(CancellationToken cancellationToken) =>
        (await BenchmarkTables.Guard(() => Poison.PeekMessagesAsync(32, cancellationToken)).ConfigureAwait(false)).Value
            .Select(m => new PoisonMessage(m.Body.ToString(), m.DequeueCount))
            .ToList();
}
