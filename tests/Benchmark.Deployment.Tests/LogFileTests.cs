using Benchmark.Functions;
using Microsoft.Extensions.Logging;

namespace Benchmark.Deployment.Tests;

/// <summary>The local log file: readable lines, and never larger than its bound.</summary>
public sealed partial class LogFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("benchmark-log-").FullName;

    [Fact]
    public void TheLogFileStaysWithinItsBoundAndKeepsThePreviousFileOnce()
    {
        var path = Path.Combine(folder, "api.log");
        using (var provider = new BoundedFileLoggerProvider(path, maxBytes: 4096))
        {
            var logger = provider.CreateLogger("Benchmark.Test");
            for (var entry = 0; entry < 500; entry++)
            {
                Entry(logger, entry);
            }
        }

        Assert.InRange(new FileInfo(path).Length, 1, 4096);
        Assert.InRange(new FileInfo(path + ".1").Length, 1, 4096);
        Assert.Equal(["api.log", "api.log.1"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var last = File.ReadAllLines(path)[^1];
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z info  Benchmark\.Test: Entry 499 of the demo run$", last);
    }

    [Fact]
    public void AnExceptionIsWrittenIndentedUnderItsEntry()
    {
        var path = Path.Combine(folder, "api.log");
        using (var provider = new BoundedFileLoggerProvider(path))
        {
            SavingFailed(provider.CreateLogger("Benchmark.Test"), new InvalidOperationException("storage said no"));
        }

        var lines = File.ReadAllLines(path);
        Assert.EndsWith("ERROR Benchmark.Test: Saving failed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("    System.InvalidOperationException: storage said no", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ABoundTooSmallToHoldAnEntryIsRefusedWithTheSettingsName()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedFileLoggerProvider(Path.Combine(folder, "x.log"), maxBytes: 10));

        Assert.Contains(BoundedFileLoggerProvider.MaxBytesSetting, refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [LoggerMessage(Level = LogLevel.Information, Message = "Entry {Number} of the demo run")]
    private static partial void Entry(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving failed")]
    private static partial void SavingFailed(ILogger logger, Exception exception);
}
