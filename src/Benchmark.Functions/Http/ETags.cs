using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Benchmark.Functions.Http;

/// <summary>ETags are the submission's version number: "v7".</summary>
public static class ETags
{
    public static string For(int version) => $"\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads If-Match: null when absent or '*', the version when it is one of ours, or an error.</summary>
    public static (int? Version, bool Valid) ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return (null, true);
        }

        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag))
        {
            return (null, false);
        }

        var value = tag.Tag.Value?.Trim('"');
        return value is ['v', .. var digits] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, true)
            : (null, false);
    }
}
