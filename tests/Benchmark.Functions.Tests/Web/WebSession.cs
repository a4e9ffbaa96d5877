using Benchmark.Testing;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>One visitor in the browser: their own cookies, one page, and the checks every page of a journey gets.</summary>
public sealed class WebSession : IAsyncDisposable
{
    private readonly List<string> _checked = [];
    private readonly IBrowser _browser;
    private readonly bool _javaScript;

    /// <summary>For a session without JavaScript: a page of the same site with script, where axe-core checks this session's pages.</summary>
    private WebSession? _checker;

    private WebSession(IBrowser browser, IBrowserContext context, IPage page, Uri address, bool javaScript)
    {
        _browser = browser;
        Context = context;
        Page = page;
        Address = address;
        _javaScript = javaScript;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Address { get; }

    /// <summary>The pages axe-core checked in this session, for tests that show every page of a journey was checked.</summary>
    public IReadOnlyList<string> CheckedPages => _checked;

    public static async Task<WebSession> OpenAsync(IBrowser browser, Uri address, bool javaScript)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
            Locale = "nl-NL",
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        // Generous: on a 2-core machine a page can wait seconds for the CPU; a real hang still fails.
        context.SetDefaultTimeout((float)TestTimeouts.BrowserAction.TotalMilliseconds);
        return new WebSession(browser, context, await context.NewPageAsync(), address, javaScript);
    }

    public async Task<IResponse?> GotoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>Signs in through the sign-in form, the way a person does.</summary>
    public async Task SignInAsync(string key)
    {
        await GotoAsync("/inloggen");
        await ExpectAccessibleAsync();
        await Page.GetByLabel("Sleutel").FillAsync(key);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        // Signed in means sent on from the sign-in page, and that page's heading is there to read. Not waited for by
        // WaitForURLAsync and a load state: the load event can wait on a font long after the page is there, and once
        // (a clean CI run, 2026-12-05) the DOMContentLoaded state was never recorded though the page had loaded, so
        // the wait ran out after 60 s. The URL and the heading are what a person sees.
        var deadline = DateTime.UtcNow + TestTimeouts.BrowserAction;
        while (new Uri(Page.Url).AbsolutePath.Equals("/inloggen", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still on the sign-in page {TestTimeouts.BrowserAction.TotalSeconds:0} s after signing in.");
            }

            await Task.Delay(50);
        }

        await Page.Locator("h1").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>No WCAG 2.1 A or AA violation on the page as it is now.</summary>
    /// <remarks>
    /// axe-core runs as script, and script evaluated in a page without JavaScript never returns. Without JavaScript the
    /// page is therefore checked as it is: its HTML, put into a page of the same site that has script (so its style sheets load).
    /// </remarks>
    public async Task ExpectAccessibleAsync()
    {
        var target = Page;
        if (!_javaScript)
        {
            var html = await Page.ContentAsync();
            if (_checker is null)
            {
                _checker = await OpenAsync(_browser, Address, javaScript: true);
                await _checker.GotoAsync("/toegankelijkheid");
            }

            await _checker.Page.SetContentAsync(html);
            target = _checker.Page;
        }

        var violations = await Chromium.ViolationsAsync(target);
        _checked.Add(new Uri(Page.Url).PathAndQuery);
        Assert.True(violations.Count == 0, $"axe-core found WCAG 2.1 A/AA violations on {Page.Url}:{Environment.NewLine}{Chromium.Describe(violations)}");
    }

    /// <summary>
    /// Moves the focus with the Tab key alone until <paramref name="target"/> has it, the way a keyboard user gets there.
    /// Fails when the target cannot be reached within <paramref name="maxPresses"/> presses (a keyboard trap or an unreachable control).
    /// </summary>
    public async Task TabToAsync(ILocator target, int maxPresses = 400)
    {
        var handle = await target.ElementHandleAsync();
        for (var press = 0; press < maxPresses; press++)
        {
            if (await handle.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"The keyboard did not reach {target} within {maxPresses} presses of Tab on {Page.Url}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_checker is not null)
        {
            await _checker.DisposeAsync();
        }

        await Context.DisposeAsync();
    }
}
