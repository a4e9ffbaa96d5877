using Benchmark.Testing;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>One visitor in the browser: their own cookies, one page, and the checks every page of a journey gets.</summary>
public sealed class WebSession : IAsyncDisposable
{
    private readonly List<string> _checked = [];

    private WebSession(IBrowserContext context, IPage page, Uri address)
    {
        Context = context;
        Page = page;
        Address = address;
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
        context.SetDefaultTimeout(15_000);
        return new WebSession(context, await context.NewPageAsync(), address);
    }

    public async Task<IResponse?> GotoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>Signs in through the sign-in form, the way a person does.</summary>
    public async Task SignInAsync(string key)
    {
        await GotoAsync("/inloggen");
        await ExpectAccessibleAsync();
        await Page.GetByLabel("Sleutel").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Page.WaitForLoadStateAsync();
    }

    /// <summary>No WCAG 2.1 A or AA violation on the page as it is now.</summary>
    public async Task ExpectAccessibleAsync()
    {
        var violations = await Chromium.ViolationsAsync(Page);
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

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
