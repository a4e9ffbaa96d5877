using System.Globalization;
using System.Text;
using Benchmark.Core.Text;

namespace Benchmark.Reports.Html;

/// <summary>
/// Writes HTML that is also well-formed XML: every element is closed, void elements end in "/>", all text and
/// attribute values are encoded. Block elements end their line, so the output is readable and stable.
/// </summary>
internal sealed class HtmlWriter
{
    private static readonly HashSet<string> LineAfterClose = new(StringComparer.Ordinal)
    {
        "html", "head", "body", "header", "nav", "main", "footer", "section", "div", "p", "h1", "h2", "h3", "h4", "h5",
        "ul", "ol", "li", "table", "thead", "tbody", "tr", "caption", "details", "summary", "title", "style", "svg", "g", "text",
        "figure", "figcaption",
    };

    private static readonly HashSet<string> LineAfterOpen = new(StringComparer.Ordinal)
    {
        "html", "head", "body", "header", "nav", "main", "footer", "section", "div", "ul", "ol", "table", "thead", "tbody", "tr",
        "details", "svg", "g", "figure",
    };

    private readonly StringBuilder _builder = new();

    public HtmlWriter Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    public HtmlWriter Line()
    {
        _builder.Append('\n');
        return this;
    }

    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _builder.Append('>');
        if (LineAfterOpen.Contains(tag))
        {
            _builder.Append('\n');
        }

        return this;
    }

    public HtmlWriter Close(string tag)
    {
        _builder.Append("</").Append(tag).Append('>');
        if (LineAfterClose.Contains(tag))
        {
            _builder.Append('\n');
        }

        return this;
    }

    /// <summary>An element without content, written as "&lt;tag … /&gt;" (a void element in HTML, an empty one in SVG).</summary>
    public HtmlWriter Empty(string tag, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _builder.Append(" />");
        return this;
    }

    /// <summary>An element with text content only.</summary>
    public HtmlWriter Element(string tag, string text, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _builder.Append('>').Append(Encode(text));
        return Close(tag);
    }

    public HtmlWriter Text(string text)
    {
        _builder.Append(Encode(text));
        return this;
    }

    public override string ToString() => _builder.ToString();

    /// <summary>
    /// Encodes text for element content and double-quoted attribute values. Characters that free text may not hold
    /// become U+FFFD first: text stored before that rule could otherwise make the page ill-formed (NUL, ESC) or read
    /// backwards (U+202E), and no character reference can carry them either.
    /// </summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = UnsafeText.Neutralise(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            });
            if (c is not ('&' or '<' or '>' or '"' or '\''))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A coordinate or length for SVG: invariant culture, at most two decimals.</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private void StartTag(string tag, (string Name, string? Value)[] attributes)
    {
        _builder.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _builder.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
            }
        }
    }
}
