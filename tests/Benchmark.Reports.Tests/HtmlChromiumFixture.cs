using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Benchmark.Reports.Tests;

/// <summary>
/// One headless Debian Chromium (/usr/bin/chromium, installed by scripts/setup.sh) for all browser tests of the HTML
/// reports, driven by Playwright. Playwright never downloads a browser. When Chromium is missing or does not start,
/// every browser test fails with the reason: they are not skipped.
/// </summary>
public sealed class HtmlChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The WCAG 2.1 A and AA rules of axe-core.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been started.");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ExecutablePath}; the HTML report tests need it. Run scripts/setup.sh (it installs Debian's chromium package).");
        }

        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = 60_000,
                Args =
                [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium at {ExecutablePath} could not be launched through Playwright: {e.Message}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh page (in its own context) showing <paramref name="html"/>; the caller disposes the context.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string html, int width = 1000, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SetContentAsync(html);
        return (context, page);
    }

    /// <summary>The axe-core WCAG 2.1 A/AA violations of <paramref name="html"/>.</summary>
    public async Task<IReadOnlyList<AxeResultItem>> ViolationsAsync(string html)
    {
        var (context, page) = await OpenAsync(html);
        await using (context)
        {
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
                ResultTypes = [ResultType.Violations],
            });
            return result.Violations;
        }
    }

    /// <summary>Violations as readable lines for a failure message: rule, help and where.</summary>
    public static string Describe(IEnumerable<AxeResultItem> violations) => string.Join(
        Environment.NewLine,
        violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]" + string.Concat(
            v.Nodes.Take(5).Select(n => Environment.NewLine + "    at " + n.Target + ": " + n.Html + " — "
                + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))));
}

[CollectionDefinition(Name)]
public sealed class HtmlChromiumDefinition : ICollectionFixture<HtmlChromiumFixture>
{
    public const string Name = "Chromium";
}
