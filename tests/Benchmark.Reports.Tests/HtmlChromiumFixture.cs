using Benchmark.Testing;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Benchmark.Reports.Tests;

/// <summary>One headless Debian Chromium (see <see cref="Chromium"/>) for all browser tests of the HTML reports.</summary>
public sealed class HtmlChromiumFixture : IAsyncLifetime
{
    private Chromium? _chromium;

    public IBrowser Browser => _chromium?.Browser ?? throw new InvalidOperationException("Chromium has not been started.");

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
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
            return await Chromium.ViolationsAsync(page);
        }
    }

    public static string Describe(IEnumerable<AxeResultItem> violations) => Chromium.Describe(violations);
}

[CollectionDefinition(Name)]
public sealed class HtmlChromiumDefinition : ICollectionFixture<HtmlChromiumFixture>
{
    public const string Name = "Chromium";
}
