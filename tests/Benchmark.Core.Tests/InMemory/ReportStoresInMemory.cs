using System.Collections.Concurrent;
using System.Globalization;
using Benchmark.Core.Application;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>The report files in memory, stamped with their run like the blobs' metadata, for the report service's unit tests.</summary>
internal sealed class InMemoryReportFiles(TimeProvider time) : IReportFiles
{
    private readonly ConcurrentDictionary<string, ReportFile> files = new(StringComparer.Ordinal);
    private int version;

    /// <summary>Every upload as "cycle/subject/language.format", in the order written.</summary>
    public ConcurrentQueue<string> Uploads { get; } = new();

    public IReadOnlyCollection<string> Names => [.. files.Keys.Order(StringComparer.Ordinal)];

    public static string Name(int cycle, string subject, string language, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{cycle}/{subject}/{language}.{format}");

    public Task<bool> HasRunAsync(int cycle, string subject, string language, string runId, CancellationToken cancellationToken) =>
        Task.FromResult(ReportService.FormatCodes.All(format => files.TryGetValue(Name(cycle, subject, language, format), out var file) && file.RunId == runId));

    public Task UploadAsync(int cycle, string subject, string language, string format, ReadOnlyMemory<byte> content, string runId, CancellationToken cancellationToken)
    {
        var name = Name(cycle, subject, language, format);
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{Interlocked.Increment(ref version)}\"");
        files[name] = new ReportFile(content.ToArray(), format == "pdf" ? "application/pdf" : "text/html; charset=utf-8", runId, time.GetUtcNow(), etag);
        Uploads.Enqueue(name);
        return Task.CompletedTask;
    }

    public Task<ReportFile?> DownloadAsync(int cycle, string subject, string language, string format, CancellationToken cancellationToken) =>
        Task.FromResult(files.GetValueOrDefault(Name(cycle, subject, language, format)));

    /// <summary>A file as a report of an earlier run left it.</summary>
    public void Put(int cycle, string subject, string language, string format, string runId) =>
        files[Name(cycle, subject, language, format)] = new ReportFile([1, 2, 3], format == "pdf" ? "application/pdf" : "text/html; charset=utf-8", runId, time.GetUtcNow(), "\"0\"");
}

/// <summary>The report queue and its poison queue in memory; it can be told to stop accepting messages, as a queue out of reach does.</summary>
internal sealed class InMemoryReportMessages : IReportMessages
{
    public ConcurrentQueue<ReportMessage> Sent { get; } = new();

    public List<PoisonMessage> Poison { get; } = [];

    /// <summary>How many more messages are accepted before sending fails; unlimited when null.</summary>
    public int? Accepting { get; set; }

    public Task SendAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            if (Accepting is <= 0)
            {
                throw new TimeoutException("The queue did not answer.");
            }

            Accepting--;
            Sent.Enqueue(message);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PoisonMessage>>([.. Poison.Take(32)]);

    /// <summary>Every message sent so far, taken off the queue.</summary>
    public List<ReportMessage> TakeAll()
    {
        var taken = new List<ReportMessage>();
        while (Sent.TryDequeue(out var message))
        {
            taken.Add(message);
        }

        return taken;
    }
}

/// <summary>The batches and their report rows in memory; counts every write, so a test sees that a refusal wrote nothing.</summary>
internal sealed class InMemoryReportBatches : IReportBatches
{
    private readonly ConcurrentDictionary<(int Cycle, string Id), StoredReportBatch> batches = new();
    private readonly ConcurrentDictionary<(string Batch, string Subject), ReportJob> jobs = new();
    private int writes;

    public int Writes => writes;

    public Task CreateAsync(StoredReportBatch batch, IReadOnlyList<ReportJob> jobs, CancellationToken cancellationToken)
    {
        batches[(batch.Batch.Cycle, batch.Batch.Id)] = batch;
        Interlocked.Increment(ref writes);
        foreach (var job in jobs)
        {
            this.jobs[(batch.Batch.Id, job.Subject)] = job;
            Interlocked.Increment(ref writes);
        }

        return Task.CompletedTask;
    }

    public Task<StoredReportBatch?> GetAsync(int cycle, string batchId, CancellationToken cancellationToken) =>
        Task.FromResult(batches.GetValueOrDefault((cycle, batchId)));

    public Task<IReadOnlyList<ReportBatch>> ListAsync(int cycle, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReportBatch>>([.. batches.Values.Select(b => b.Batch).Where(b => b.Cycle == cycle)]);

    public Task<ReportJob?> GetJobAsync(string batchId, string subject, CancellationToken cancellationToken) =>
        Task.FromResult(jobs.GetValueOrDefault((batchId, subject)));

    public Task<IReadOnlyList<ReportJob>> ListJobsAsync(string batchId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReportJob>>([.. jobs.Where(j => j.Key.Batch == batchId).Select(j => j.Value)]);

    public Task SaveJobAsync(string batchId, ReportJob job, CancellationToken cancellationToken)
    {
        jobs[(batchId, job.Subject)] = job;
        Interlocked.Increment(ref writes);
        return Task.CompletedTask;
    }

    /// <summary>A time-out stands in for storage out of reach, which the real storage describes in its own words.</summary>
    public string? DescribeFailure(Exception failure) => failure is TimeoutException ? "Storage was unavailable." : null;

    /// <summary>A report's row as it stands, for tests that look past the service's summary.</summary>
    public ReportJob? Job(string batchId, string subject) => jobs.GetValueOrDefault((batchId, subject));
}
