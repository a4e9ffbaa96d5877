using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Benchmark.Testing;

/// <summary>
/// Debian's headless Chromium (/usr/bin/chromium, installed by scripts/setup.sh), driven by Playwright, which never
/// downloads a browser here. When Chromium is missing or does not start, browser tests fail with the reason: they are not skipped.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The WCAG 2.1 A and AA rules of axe-core.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ExecutablePath}; the browser tests need it. Run scripts/setup.sh (it installs Debian's chromium package).");
        }

        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = (float)TestTimeouts.BrowserStart.TotalMilliseconds,
                Args =
                [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=nl",
                ],
                Env = DutchEnvironment(),
            }).ConfigureAwait(false);
            return new Chromium(playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            throw new InvalidOperationException($"Chromium at {ExecutablePath} could not be launched through Playwright: {e.Message}", e);
        }
    }

    /// <summary>
    /// This process's environment with Chromium's interface language set to Dutch, so date and time inputs show Dutch formats
    /// (31-12-2026, 23:59) the way a Dutch visitor sees them. On Linux Chromium takes that language from LANGUAGE, not from --lang,
    /// and only when its Dutch locale file is installed (Debian's chromium-l10n package); without it the inputs stay in en-US.
    /// </summary>
    private static Dictionary<string, string> DutchEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
        environment["LANGUAGE"] = "nl";
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }

    /// <summary>The axe-core WCAG 2.1 A/AA violations of the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeResultItem>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        }).ConfigureAwait(false);
        return result.Violations;
    }

    /// <summary>Violations as readable lines for a failure message: rule, help and where.</summary>
    public static string Describe(IEnumerable<AxeResultItem> violations) => string.Join(
        Environment.NewLine,
        violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]" + string.Concat(
            v.Nodes.Take(5).Select(n => Environment.NewLine + "    at " + n.Target + ": " + n.Html + " — "
                + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))));
}
