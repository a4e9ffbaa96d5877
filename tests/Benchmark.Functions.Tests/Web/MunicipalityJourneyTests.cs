using Benchmark.Core.Model;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// A municipality fills in the whole questionnaire, leaves halfway, comes back in a new browser, finds its answers and
/// goes on where it was, meets an error and fixes it, and submits: with the mouse, with the keyboard alone, and
/// without JavaScript. Every page visited is checked with axe-core.
/// </summary>
[Collection(WebTests.Name)]
public sealed class MunicipalityJourneyTests(WebFixture web)
{
    private const int Year = MunicipalityFilling.Year;

    private enum Input
    {
        Mouse,
        Keyboard,
    }

    [Fact]
    public async Task AMunicipalityFillsInEveryDomainLeavesReturnsAndFindsItsAnswersFixesAnErrorAndSubmits() =>
        await JourneyAsync(Input.Mouse, javaScript: true, badNumber: "veel", expectedError: "getal");

    [Fact]
    public async Task AMunicipalityFillsInAndSubmitsWithTheKeyboardAlone() =>
        await JourneyAsync(Input.Keyboard, javaScript: true, badNumber: "5000", expectedError: "tot en met 3.000");

    [Fact]
    public async Task AMunicipalityFillsInAndSubmitsWithoutJavaScript() =>
        await JourneyAsync(Input.Mouse, javaScript: false, badNumber: "veel", expectedError: "getal");

    private async Task JourneyAsync(Input input, bool javaScript, string badNumber, string expectedError)
    {
        var fill = new MunicipalityFilling(web);
        var domains = fill.Domains;
        var half = domains.Count / 2;
        var (municipality, key) = await web.FreshMunicipalityAsync();

        await using (var first = await web.OpenAsync(javaScript))
        {
            await SignInAsync(first, key, input);
            await FollowAsync(first, first.Page.Locator($"a[href='/gemeente/{Year}']"), input);
            await first.ExpectAccessibleAsync();
            Assert.Equal("Nog niet begonnen", await first.Page.Locator("#status").InnerTextAsync());
            await FollowAsync(first, first.Page.Locator("#verder"), input);
            for (var i = 0; i < half; i++)
            {
                Assert.Contains(MunicipalityFilling.Url(domains[i].Id), first.Page.Url, StringComparison.Ordinal);
                Assert.Equal($"Stap {i + 1} van {domains.Count}", await first.Page.Locator("#stap").InnerTextAsync());
                Assert.Equal("step", await first.Page.Locator(".site-steps__step", new() { HasTextString = domains[i].Name.Nl }).GetAttributeAsync("aria-current"));
                await first.ExpectAccessibleAsync();
                await FillAsync(fill, first, domains[i].Id, input, null);
                await FollowAsync(first, first.Page.Locator("#volgende"), input);
            }

            // Leaves: signs out.
            await FollowAsync(first, first.Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }), input);
            Assert.Contains("/inloggen", first.Page.Url, StringComparison.Ordinal);
        }

        // Comes back in a new browser (no cookies of the first visit), and goes on where the work stopped.
        await using var session = await web.OpenAsync(javaScript);
        await SignInAsync(session, key, input);
        await FollowAsync(session, session.Page.Locator($"a[href='/gemeente/{Year}']"), input);
        await session.ExpectAccessibleAsync();
        Assert.Equal("Concept", await session.Page.Locator("#status").InnerTextAsync());
        Assert.Equal("Verder waar u was", await session.Page.Locator("#verder").InnerTextAsync());
        await FollowAsync(session, session.Page.Locator("#verder"), input);
        var firstOpenBlock = fill.Catalog.Model.BlocksIn(domains[half].Id).First();
        Assert.EndsWith(MunicipalityFilling.Url(domains[half].Id) + "#" + QuestionnaireFields.Block(firstOpenBlock.Id), session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();

        // Finds the answers of the first visit.
        await session.GotoAsync(MunicipalityFilling.Url(domains[0].Id));
        await session.ExpectAccessibleAsync();
        await fill.ExpectFilledAsync(session.Page, domains[0].Id);
        await session.GotoAsync(MunicipalityFilling.Url(domains[half].Id));

        var errorMade = false;
        for (var i = half; i < domains.Count; i++)
        {
            Assert.Contains(MunicipalityFilling.Url(domains[i].Id), session.Page.Url, StringComparison.Ordinal);
            await session.ExpectAccessibleAsync();
            var number = errorMade ? null : fill.Questions(domains[i].Id).FirstOrDefault(q => q.Type == QuestionType.Number);
            if (number is null)
            {
                await FillAsync(fill, session, domains[i].Id, input, null);
            }
            else
            {
                errorMade = true;
                await FillAsync(fill, session, domains[i].Id, input, badNumber);
                await FollowAsync(session, session.Page.Locator("#volgende"), input);
                await ExpectNumberErrorFixedAsync(session, number, badNumber, expectedError, input, javaScript);
            }

            await FollowAsync(session, session.Page.Locator("#volgende"), input);
        }

        Assert.True(errorMade, "The journey met no number question to make an error in.");
        Assert.EndsWith($"/gemeente/{Year}/indienen", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
        Assert.Equal(0, await session.Page.Locator("#nog-niet-klaar").CountAsync());

        // Submitting asks for a confirmation first.
        await FollowAsync(session, session.Page.Locator("#indienen"), input);
        await session.ExpectAccessibleAsync();
        Assert.Contains("Bevestig", await session.Page.Locator("#bevestig-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await session.Page.Locator("#foutmeldingen a[href='#bevestig']").CountAsync());
        var stored = await web.Server.Service<SubmissionStore>().GetAsync(Year, municipality);
        Assert.Equal(SubmissionStatus.Draft, stored!.Record.Status);

        if (input == Input.Keyboard)
        {
            await session.TabToAsync(session.Page.Locator("#bevestig"));
            await session.Page.Keyboard.PressAsync("Space");
        }
        else
        {
            await session.Page.Locator("#bevestig").CheckAsync();
        }

        await FollowAsync(session, session.Page.Locator("#indienen"), input);
        Assert.EndsWith($"/gemeente/{Year}?ingediend=true", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
        Assert.Equal("Ingediend", await session.Page.Locator("#status").InnerTextAsync());

        stored = await web.Server.Service<SubmissionStore>().GetAsync(Year, municipality);
        Assert.Equal(SubmissionStatus.Submitted, stored!.Record.Status);
        Assert.Equal(fill.Questionnaire.Questions.Count(), stored.Record.Submission.Answers.Count(a => a.Value.IsAnswered));

        // Afterwards the answers are read-only.
        await session.GotoAsync(MunicipalityFilling.Url(domains[0].Id));
        await session.ExpectAccessibleAsync();
        Assert.Equal(0, await session.Page.Locator("form[data-questionnaire]").CountAsync());
        Assert.Equal(0, await session.Page.Locator("main textarea, main input[type=radio]").CountAsync());
        Assert.Contains("alleen een analist", await session.Page.Locator("#alleen-lezen").InnerTextAsync(), StringComparison.Ordinal);
        var level = fill.Questions(domains[0].Id).First(q => q.Type == QuestionType.Level);
        Assert.Contains("Niveau 3", await session.Page.Locator("#" + QuestionnaireFields.Value(level)).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(MunicipalityFilling.Explanation, await session.Page.Locator("#" + QuestionnaireFields.Value(level)).InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task ExpectNumberErrorFixedAsync(WebSession session, Question number, string badNumber, string expectedError, Input input, bool javaScript)
    {
        var page = session.Page;
        var field = page.Locator("#" + QuestionnaireFields.Value(number));
        await session.ExpectAccessibleAsync();
        Assert.Contains(expectedError, await page.Locator("#" + QuestionnaireFields.Error(QuestionnaireFields.Value(number))).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        Assert.Contains(QuestionnaireFields.Error(QuestionnaireFields.Value(number)), await field.GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal(badNumber, await field.InputValueAsync()); // the input is kept, also the wrong one
        var link = page.Locator($"#foutmeldingen a[href='#{QuestionnaireFields.Value(number)}']");
        Assert.Contains(expectedError, await link.InnerTextAsync(), StringComparison.Ordinal);

        if (input == Input.Keyboard)
        {
            await session.TabToAsync(link);
            await page.Keyboard.PressAsync("Enter");
            Assert.True(await field.EvaluateAsync<bool>("e => e === document.activeElement"), "The summary's link puts the focus in the field.");
            await page.Keyboard.PressAsync("ControlOrMeta+A");
            await page.Keyboard.TypeAsync(MunicipalityFilling.NumberFor(number));
        }
        else
        {
            await link.ClickAsync();
            Assert.EndsWith("#" + QuestionnaireFields.Value(number), page.Url, StringComparison.Ordinal);
            if (javaScript)
            {
                Assert.True(await field.EvaluateAsync<bool>("e => e === document.activeElement"), "The summary's link puts the focus in the field.");
            }

            await field.FillAsync(MunicipalityFilling.NumberFor(number));
        }
    }

    private static async Task FillAsync(MunicipalityFilling fill, WebSession session, string domainId, Input input, string? number)
    {
        if (input == Input.Keyboard)
        {
            await fill.FillWithKeyboardAsync(session, domainId, number);
        }
        else
        {
            await fill.FillWithMouseAsync(session.Page, domainId, number);
        }
    }

    private static async Task SignInAsync(WebSession session, string key, Input input)
    {
        await session.GotoAsync("/inloggen");
        await session.ExpectAccessibleAsync();
        if (input == Input.Mouse)
        {
            await session.Page.GetByLabel("Sleutel").FillAsync(key);
            await NextPageAsync(session.Page, () => session.Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync());
        }
        else
        {
            await session.TabToAsync(session.Page.Locator("#sleutel"));
            await session.Page.Keyboard.TypeAsync(key);
            await NextPageAsync(session.Page, () => session.Page.Keyboard.PressAsync("Enter"));
        }

        Assert.EndsWith("/gemeente", session.Page.Url, StringComparison.Ordinal);
    }

    /// <summary>Follows a link or presses a button: a click, or Tab to it and Enter; then waits for the next page.</summary>
    private static async Task FollowAsync(WebSession session, ILocator target, Input input)
    {
        if (input == Input.Keyboard)
        {
            await session.TabToAsync(target);
            await NextPageAsync(session.Page, () => session.Page.Keyboard.PressAsync("Enter"));
        }
        else
        {
            await NextPageAsync(session.Page, () => target.ClickAsync());
        }
    }

    /// <summary>Runs the action and waits until the next document has loaded (also when it has the same address, as a form's answer has).</summary>
    private static async Task NextPageAsync(IPage page, Func<Task> action)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await action();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }
}
