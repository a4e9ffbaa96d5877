namespace Benchmark.Functions.Web;

public static class LocalUrl
{
    /// <summary>Only paths on this site are followed after signing in or switching language, never another site (open redirect).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\\', StringComparison.Ordinal) && url.Length <= 2000;

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
