using System.Globalization;
using System.Text;

namespace Benchmark.Functions;

/// <summary>
/// A log file a person can read and that never fills the disk: one line per entry (time in UTC, level, category,
/// message, then the exception), and when the file reaches its size it is moved to "&lt;name&gt;.1" (replacing the one
/// before) and a new one starts. For local runs (<c>scripts/run.sh</c>); in Azure the platform collects the console.
/// </summary>
public sealed class BoundedFileLoggerProvider : ILoggerProvider
{
    public const string PathSetting = "Logging:File:Path";
    public const string MaxBytesSetting = "Logging:File:MaxBytes";
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    private readonly Lock gate = new();
    private readonly string path;
    private readonly long maxBytes;
    private StreamWriter? writer;

    public BoundedFileLoggerProvider(string path, long maxBytes = DefaultMaxBytes)
    {
        if (maxBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, $"{MaxBytesSetting} must be at least 1024 bytes.");
        }

        this.path = Path.GetFullPath(path);
        this.maxBytes = maxBytes;
        Directory.CreateDirectory(Path.GetDirectoryName(this.path)!);
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (gate)
        {
            writer?.Dispose();
            writer = null;
        }
    }

    private void Write(string text)
    {
        lock (gate)
        {
            writer ??= Open();
            if (writer.BaseStream.Length + Encoding.UTF8.GetByteCount(text) > maxBytes && writer.BaseStream.Length > 0)
            {
                writer.Dispose();
                File.Move(path, path + ".1", overwrite: true);
                writer = Open();
            }

            writer.Write(text);
            writer.Flush();
        }
    }

    private StreamWriter Open() =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private sealed class FileLogger(BoundedFileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The level filter of the Logging section applies before this is asked.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = new StringBuilder()
                .Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(' ')
                .Append(Level(logLevel)).Append(' ')
                .Append(category).Append(": ")
                .Append(formatter(state, exception).ReplaceLineEndings(Environment.NewLine + "    "))
                .AppendLine();
            if (exception is not null)
            {
                line.Append("    ").AppendLine(exception.ToString().ReplaceLineEndings(Environment.NewLine + "    "));
            }

            provider.Write(line.ToString());
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info ",
            LogLevel.Warning => "WARN ",
            LogLevel.Error => "ERROR",
            _ => "CRIT ",
        };
    }
}

public static class BoundedFileLogging
{
    /// <summary>Adds the bounded log file when <see cref="BoundedFileLoggerProvider.PathSetting"/> names one.</summary>
    public static void AddBoundedFileLog(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[BoundedFileLoggerProvider.PathSetting] is not { Length: > 0 } path)
        {
            return;
        }

        var maxBytes = builder.Configuration.GetValue(BoundedFileLoggerProvider.MaxBytesSetting, BoundedFileLoggerProvider.DefaultMaxBytes);
        builder.Logging.AddProvider(new BoundedFileLoggerProvider(path, maxBytes));
    }
}
