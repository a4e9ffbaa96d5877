using System.Text.RegularExpressions;
using Benchmark.Testing;

namespace Benchmark.Cli.Tests;

/// <summary>The commands of README.md, read from the file itself, so a test of them fails when the README changes to something that does not work.</summary>
internal static partial class Readme
{
    public static string Path => System.IO.Path.Combine(RepositoryRoot.Path, "README.md");

    /// <summary>Every fenced code block, as its lines (without the fences), with the heading it stands under.</summary>
    public static IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> CodeBlocks()
    {
        var blocks = new List<(string, IReadOnlyList<string>)>();
        var heading = "";
        List<string>? block = null;
        foreach (var line in File.ReadAllLines(Path))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (block is null)
                {
                    block = [];
                }
                else
                {
                    blocks.Add((heading, block));
                    block = null;
                }
            }
            else if (block is not null)
            {
                block.Add(line);
            }
            else if (line.StartsWith('#'))
            {
                heading = line.TrimStart('#').Trim();
            }
        }

        return blocks;
    }

    /// <summary>The commands of the one code block under the heading, comments left out.</summary>
    public static IReadOnlyList<string> Block(string heading)
    {
        var matching = CodeBlocks().Where(b => b.Heading == heading).ToList();
        Assert.True(matching.Count == 1, $"README.md should have one code block under '{heading}'; it has {matching.Count}.");
        return matching[0].Lines.Select(WithoutComment).Where(c => c.Length > 0).ToList();
    }

    /// <summary>The line up to a shell comment: a # that starts a word, outside quotes.</summary>
    public static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i].Trim();
            }
        }

        return line.Trim();
    }

    /// <summary>
    /// The forms a command is written in: with every optional part (<c>[--lang en]</c> as <c>--lang en</c>) and without
    /// them, in that order; one form when it has no optional part.
    /// </summary>
    public static IReadOnlyList<string> Forms(string command)
    {
        var full = Optional().Replace(command, m => " " + m.Groups[1].Value.Trim()).Trim();
        var plain = Optional().Replace(command, "").Trim();
        Assert.False(plain.Contains('[', StringComparison.Ordinal) || plain.Contains(']', StringComparison.Ordinal), $"Unbalanced optional part in: {command}");
        return full == plain ? [plain] : [full, plain];
    }

    [GeneratedRegex(@"\s*\[([^\[\]""']*)\]")]
    private static partial Regex Optional();
}
