using System.Text;
using Benchmark.Core.Text;

namespace Benchmark.Cli;

/// <summary>
/// Everything the command line prints goes through this writer, so no command has to remember it: text from storage,
/// files or the command line itself (practice notes, labels, names, error messages that quote a bad value) may hold
/// characters that a terminal would run as escape sequences or that would turn a line around. Those are written as
/// <c>\u001B</c> instead (<see cref="UnsafeText.Escape"/>); tab, CR and LF pass, as in free text, and the progress bar's
/// CR still redraws its line.
/// </summary>
public sealed class TerminalWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    /// <summary>A high surrogate written on its own, waiting for its low half: a pair split over two calls is one character.</summary>
    private char? _pendingHigh;

    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => Inner.NewLine;
        set => Inner.NewLine = value;
    }

    public override void Write(char value)
    {
        if (_pendingHigh is { } high)
        {
            _pendingHigh = null;
            Write(new string([high, value]));
            return;
        }

        if (char.IsHighSurrogate(value))
        {
            _pendingHigh = value;
            return;
        }

        Write(value.ToString());
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(buffer.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (_pendingHigh is { } high)
        {
            _pendingHigh = null;
            value = high + value;
        }

        Inner.Write(UnsafeText.Escape(value));
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    public override void Flush()
    {
        if (_pendingHigh is { } high)
        {
            _pendingHigh = null;
            Inner.Write(UnsafeText.Escape(high.ToString()));
        }

        Inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
