namespace Benchmark.Functions.Web;

public static class LocalUrl
{
    /// <summary>
    /// Only paths on this site are followed after signing in or switching language, never another site (open redirect).
    /// A path is printable ASCII: a control character (e.g. a tab in "/\t/evil.example", which browsers drop, making
    /// "//evil.example") or anything else makes it not local, and the visitor goes home instead.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url.Length <= 2000
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is > ' ' and < (char)0x7F and not '\\');

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
