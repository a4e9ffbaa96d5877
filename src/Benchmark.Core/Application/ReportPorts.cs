using Benchmark.Core.Benchmarking;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Application;

/// <summary>A stored report file, stamped with the benchmark run it was rendered from.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string RunId, DateTimeOffset LastModified, string ETag);

/// <summary>
/// Where the rendered reports are kept ("{year}/{subject}/{language}.pdf|html" in Blob storage), each file stamped with
/// its benchmark run. A file is written under the same name every time, so rendering a report again never adds one.
/// </summary>
public interface IReportFiles
{
    /// <summary>Whether both files of a report (PDF and HTML) exist and were rendered from this benchmark run.</summary>
    Task<bool> HasRunAsync(int cycle, string subject, string language, string runId, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) one file; <paramref name="format"/> is "pdf" or "html".</summary>
    Task UploadAsync(int cycle, string subject, string language, string format, ReadOnlyMemory<byte> content, string runId, CancellationToken cancellationToken);

    Task<ReportFile?> DownloadAsync(int cycle, string subject, string language, string format, CancellationToken cancellationToken);
}

/// <summary>A message as it lies in the poison queue: its text, which may not even be a report message, and how often it was taken.</summary>
public sealed record PoisonMessage(string Text, long DequeueCount);

/// <summary>The report queue: one message per report to render, and the poison queue where messages that kept failing end.</summary>
public interface IReportMessages
{
    Task SendAsync(ReportMessage message, CancellationToken cancellationToken);

    /// <summary>Some of the poison queue's messages (up to 32), without taking them.</summary>
    Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(CancellationToken cancellationToken);
}

/// <summary>A batch as stored: with the hash of its token (<see cref="ReportBatchToken.Hash"/>), which batches from before tokens lack.</summary>
public sealed record StoredReportBatch(ReportBatch Batch, string? TokenHash);

/// <summary>The progress of the report batches: one row per batch and one per report of it.</summary>
public interface IReportBatches
{
    /// <summary>Writes the batch and a row for each of its reports; when it returns, all of them are there.</summary>
    Task CreateAsync(StoredReportBatch batch, IReadOnlyList<ReportJob> jobs, CancellationToken cancellationToken);

    Task<StoredReportBatch?> GetAsync(int cycle, string batchId, CancellationToken cancellationToken);

    /// <summary>The cycle's batches, in no particular order.</summary>
    Task<IReadOnlyList<ReportBatch>> ListAsync(int cycle, CancellationToken cancellationToken);

    Task<ReportJob?> GetJobAsync(string batchId, string subject, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReportJob>> ListJobsAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) the row of one report of the batch.</summary>
    Task SaveJobAsync(string batchId, ReportJob job, CancellationToken cancellationToken);

    /// <summary>
    /// The storage's own words for a failure it caused (storage out of reach, say), for the rows analysts read; null
    /// for any other failure, which the service describes by its type and message.
    /// </summary>
    string? DescribeFailure(Exception failure);
}

/// <summary>The benchmark run a cycle's reports are rendered from: the current computation.</summary>
public sealed record ReportRun(string RunId, DateTimeOffset ComputedAt);

/// <summary>
/// What a municipality's council report shows of the current run: its position, its groups' public statistics, its
/// learn-from advice and its index over the cycles.
/// </summary>
/// <param name="Card">The score card the run used; absent in results stored before runs kept it.</param>
public sealed record CouncilFigures(MunicipalityPosition Position, IReadOnlyList<PublicGroup> Groups, LearnFromAdvice Advice, IReadOnlyList<TrendPoint> IndexTrend, ScoreCard? Card);

/// <summary>What reports are rendered from: the stored benchmark, the register, the submissions and the curated flags. Read only.</summary>
public interface IReportInputs
{
    /// <summary>The cycle's current benchmark run; null while the cycle has not been computed.</summary>
    Task<ReportRun?> CurrentRunAsync(int cycle, CancellationToken cancellationToken);

    /// <summary>The municipalities with a result in the current run, by code.</summary>
    Task<IReadOnlyList<string>> MunicipalitiesAsync(int cycle, CancellationToken cancellationToken);

    Task<NationalView?> NationalAsync(int cycle, CancellationToken cancellationToken);

    Task<CouncilFigures?> CouncilAsync(int cycle, string municipality, CancellationToken cancellationToken);

    Task<MunicipalityRegister?> RegisterAsync(int cycle, CancellationToken cancellationToken);

    /// <summary>The municipality's current answers, for results stored before runs kept their score cards.</summary>
    Task<Submission?> SubmissionAsync(int cycle, string municipality, CancellationToken cancellationToken);

    /// <summary>The municipality's plausibility flags that no analyst has dismissed.</summary>
    Task<IReadOnlyList<PlausibilityFlag>> OpenFlagsAsync(int cycle, string municipality, CancellationToken cancellationToken);
}
