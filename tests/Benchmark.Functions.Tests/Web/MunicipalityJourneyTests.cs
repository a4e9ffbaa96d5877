using Benchmark.Core.Application;
using Benchmark.Core.Model;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// A municipality fills in the whole questionnaire, leaves halfway, comes back in a new browser, finds its answers and
/// goes on where it was, meets an error and fixes it, submits, and downloads its report once it is approved: with the
/// mouse (where an analyst approves it and benchmarks the round in the browser), with the keyboard alone, and without
/// JavaScript. Every page visited is checked with axe-core.
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
    public async Task AMunicipalityFillsInEveryDomainLeavesReturnsFixesAnErrorAndSubmitsAnAnalystApprovesItAndTheMunicipalityDownloadsItsReport()
    {
        var (municipality, key) = await JourneyAsync(Input.Mouse, javaScript: true, badNumber: "veel", expectedError: "getal");
        await AnAnalystApprovesItAndBenchmarksTheRoundAsync(municipality);
        await DownloadsItsReportAsync(municipality, key, Input.Mouse, javaScript: true);
        await NoOtherMunicipalityCanOpenTheReportAsync(municipality);
    }

    [Fact]
    public async Task AMunicipalityFillsInSubmitsAndDownloadsItsReportWithTheKeyboardAlone()
    {
        var (municipality, key) = await JourneyAsync(Input.Keyboard, javaScript: true, badNumber: "5000", expectedError: "tot en met 3.000");
        await ApprovedAndReportedAsync(municipality);
        await DownloadsItsReportAsync(municipality, key, Input.Keyboard, javaScript: true);
    }

    [Fact]
    public async Task AMunicipalityFillsInSubmitsAndDownloadsItsReportWithoutJavaScript()
    {
        var (municipality, key) = await JourneyAsync(Input.Mouse, javaScript: false, badNumber: "veel", expectedError: "getal");
        await ApprovedAndReportedAsync(municipality);
        await DownloadsItsReportAsync(municipality, key, Input.Mouse, javaScript: false);
    }

    /// <summary>In the browser: the analyst finds the submission in the table, approves it and benchmarks the round; then this municipality's reports are rendered.</summary>
    private async Task AnAnalystApprovesItAndBenchmarksTheRoundAsync(string municipality)
    {
        await using var analyst = await web.OpenAsync();
        await analyst.SignInAsync(web.AnalystKey);
        await analyst.GotoAsync($"/analist/{Year}");
        await analyst.ExpectAccessibleAsync();
        await analyst.Page.Locator($"a[href='/analist/{Year}/inzendingen/{municipality}']").First.ClickAsync();
        await analyst.ExpectAccessibleAsync();
        await analyst.Page.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren" }).ClickAsync();
        await analyst.ExpectAccessibleAsync();
        Assert.Equal(SubmissionStatus.Approved, (await web.Server.Service<SubmissionStore>().GetAsync(Year, municipality))!.Record.Status);

        await analyst.GotoAsync($"/analist/{Year}/rapporten");
        await analyst.ExpectAccessibleAsync();
        web.Server.Time.Advance(TimeSpan.FromSeconds(1)); // a new run id
        await analyst.Page.GetByRole(AriaRole.Button, new() { Name = "Benchmark berekenen" }).ClickAsync();
        await analyst.ExpectAccessibleAsync();

        // Generating every report is the analysts' batch (AnalystCycleAndReportTests); here only this municipality's, as the queue worker renders each.
        await web.Server.Service<ReportService>().RenderNowAsync(Year, municipality, ["nl", "en"]);
    }

    /// <summary>What the analyst does in the browser in the first journey, done through the services: approve, benchmark; and this municipality's reports.</summary>
    private async Task ApprovedAndReportedAsync(string municipality)
    {
        var current = (await web.Server.Service<SubmissionStore>().GetAsync(Year, municipality))!.Record;
        Assert.Null((await web.Server.Service<ReviewService>().ReviewAsync(new Actor("analist", Role.Analyst, null), new ReviewSubmission(Year, municipality, SubmissionAction.Approved, null, current.Version))).Refusal);
        web.Server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null((await web.Server.Service<BenchmarkService>().ComputeAsync(Year, false, "test")).Refusal);
        await web.Server.Service<ReportService>().RenderNowAsync(Year, municipality, ["nl", "en"]);
    }

    /// <summary>The municipality signs in again, reads its results and downloads its report as PDF and opens its HTML version.</summary>
    private async Task DownloadsItsReportAsync(string municipality, string key, Input input, bool javaScript)
    {
        await using var session = await web.OpenAsync(javaScript);
        await SignInAsync(session, key, input, javaScript);
        await FollowAsync(session, session.Page.Locator($"a[href='/gemeente/{Year}']"), input);
        await CheckedAsync(session, input, javaScript);
        Assert.Equal("Goedgekeurd", await session.Page.Locator("#status").InnerTextAsync());
        await FollowAsync(session, session.Page.Locator($"a[href='/gemeente/{Year}/resultaten']").First, input);
        await CheckedAsync(session, input, javaScript);
        Assert.Matches("^[0-9]+,[0-9]$", await session.Page.Locator("#index").InnerTextAsync());
        Assert.True(await session.Page.Locator("#leerlijst > li").CountAsync() >= 1, "The results name whom the municipality can learn from.");

        var pdfLink = session.Page.Locator("#rapporten a", new() { HasTextString = "Nederlands (PDF)" });
        var download = await session.Page.RunAndWaitForDownloadAsync(async () =>
        {
            if (input == Input.Keyboard)
            {
                await session.TabToAsync(pdfLink);
                await session.Page.Keyboard.PressAsync("Enter");
            }
            else
            {
                await pdfLink.ClickAsync();
            }
        });
        Assert.Contains(municipality, download.SuggestedFilename, StringComparison.Ordinal);
        await using (var stream = await download.CreateReadStreamAsync())
        {
            var head = new byte[5];
            await stream.ReadExactlyAsync(head);
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
        }

        var name = (await web.Server.Service<RegisterStore>().GetAsync(Year))!.Find(municipality)!.Name;
        await FollowAsync(session, session.Page.Locator("#rapporten a", new() { HasTextString = "Nederlands (HTML" }), input);
        Assert.Contains(name, await session.Page.Locator("main").First.InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>Another municipality, signed in, tries the addresses of the report: the pages only ever serve the session's own municipality, and the API refuses a session.</summary>
    private async Task NoOtherMunicipalityCanOpenTheReportAsync(string municipality)
    {
        var register = (await web.Server.Service<RegisterStore>().GetAsync(Year))!;
        var name = register.Find(municipality)!.Name;
        var otherName = register.Find(web.OtherMunicipality)!.Name;
        await using var other = await web.OpenAsync();
        await other.SignInAsync(await web.KeyAsync(Role.Municipality, web.OtherMunicipality));

        // The report's addresses, even with the other municipality's code added, serve the session's own report.
        // (Its own report exists unless another test reopened it meanwhile; then the page says there is none.)
        var pdf = await other.Page.APIRequest.GetAsync($"/gemeente/{Year}/resultaten?handler=rapport&formaat=pdf&taal=nl&gemeente={municipality}");
        var disposition = pdf.Headers.GetValueOrDefault("content-disposition") ?? "";
        Assert.DoesNotContain(municipality, disposition, StringComparison.Ordinal);
        Assert.True(pdf.Status == 200 ? disposition.Contains(web.OtherMunicipality, StringComparison.Ordinal) : pdf.Status is 404 or 409, $"{pdf.Status} {disposition}");
        var html = await other.GotoAsync($"/gemeente/{Year}/resultaten?handler=rapport&formaat=html&taal=nl&gemeente={municipality}");
        var title = await other.Page.TitleAsync();
        Assert.DoesNotContain(name, title, StringComparison.Ordinal);
        Assert.True(html!.Status != 200 || title.Contains(otherName, StringComparison.Ordinal), title);
        await other.GotoAsync($"/gemeente/{Year}/resultaten?gemeente={municipality}");
        Assert.DoesNotContain(name, await other.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        // The API knows only keys: the session's cookie opens nothing there.
        var api = await other.Page.APIRequest.GetAsync($"/api/v1/cycles/{Year}/submissions/{municipality}/report?format=html");
        Assert.Equal(401, api.Status);
    }

    private async Task<(string Municipality, string Key)> JourneyAsync(Input input, bool javaScript, string badNumber, string expectedError)
    {
        var fill = new MunicipalityFilling(web);
        var domains = fill.Domains;
        var half = domains.Count / 2;
        var (municipality, key) = await web.FreshMunicipalityAsync();

        await using (var first = await web.OpenAsync(javaScript))
        {
            await SignInAsync(first, key, input, javaScript);
            await FollowAsync(first, first.Page.Locator($"a[href='/gemeente/{Year}']"), input);
            await CheckedAsync(first, input, javaScript);
            Assert.Equal("Nog niet begonnen", await first.Page.Locator("#status").InnerTextAsync());
            await FollowAsync(first, first.Page.Locator("#verder"), input);
            for (var i = 0; i < half; i++)
            {
                Assert.Contains(MunicipalityFilling.Url(domains[i].Id), first.Page.Url, StringComparison.Ordinal);
                Assert.Equal($"Stap {i + 1} van {domains.Count}", await first.Page.Locator("#stap").InnerTextAsync());
                Assert.Equal("step", await first.Page.Locator(".site-steps__step", new() { HasTextString = domains[i].Name.Nl }).GetAttributeAsync("aria-current"));
                await CheckedAsync(first, input, javaScript);
                await FillAsync(fill, first, domains[i].Id, input, null);
                if (javaScript && i == 0)
                {
                    // With JavaScript the page counts what is filled in while it is filled in, before anything is saved.
                    Assert.Equal(fill.Questions(domains[i].Id).Count(), await first.Page.Locator("[data-progress]").EvaluateAsync<int>("progress => progress.value"));
                }

                await FollowAsync(first, first.Page.Locator("#volgende"), input);
            }

            // Leaves: signs out.
            await FollowAsync(first, first.Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }), input);
            Assert.Contains("/inloggen", first.Page.Url, StringComparison.Ordinal);
        }

        // Comes back in a new browser (no cookies of the first visit), and goes on where the work stopped.
        await using var session = await web.OpenAsync(javaScript);
        await SignInAsync(session, key, input, javaScript);
        await FollowAsync(session, session.Page.Locator($"a[href='/gemeente/{Year}']"), input);
        await CheckedAsync(session, input, javaScript);
        Assert.Equal("Concept", await session.Page.Locator("#status").InnerTextAsync());
        Assert.Equal("Verder waar u was", await session.Page.Locator("#verder").InnerTextAsync());
        await FollowAsync(session, session.Page.Locator("#verder"), input);
        var firstOpenBlock = fill.Catalog.ModelForCycle(2026).BlocksIn(domains[half].Id).First();
        Assert.EndsWith(MunicipalityFilling.Url(domains[half].Id) + "#" + QuestionnaireFields.Block(firstOpenBlock.Id), session.Page.Url, StringComparison.Ordinal);
        await CheckedAsync(session, input, javaScript);

        // Finds the answers of the first visit.
        await session.GotoAsync(MunicipalityFilling.Url(domains[0].Id));
        await CheckedAsync(session, input, javaScript);
        await fill.ExpectFilledAsync(session.Page, domains[0].Id);
        await session.GotoAsync(MunicipalityFilling.Url(domains[half].Id));

        var errorMade = false;
        for (var i = half; i < domains.Count; i++)
        {
            Assert.Contains(MunicipalityFilling.Url(domains[i].Id), session.Page.Url, StringComparison.Ordinal);
            await CheckedAsync(session, input, javaScript);
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
        await CheckedAsync(session, input, javaScript);
        Assert.Equal(0, await session.Page.Locator("#nog-niet-klaar").CountAsync());

        // Submitting asks for a confirmation first.
        await FollowAsync(session, session.Page.Locator("#indienen"), input);
        await CheckedAsync(session, input, javaScript);
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
        await CheckedAsync(session, input, javaScript);
        Assert.Equal("Ingediend", await session.Page.Locator("#status").InnerTextAsync());

        stored = await web.Server.Service<SubmissionStore>().GetAsync(Year, municipality);
        Assert.Equal(SubmissionStatus.Submitted, stored!.Record.Status);
        Assert.Equal(fill.Questionnaire.Questions.Count(), stored.Record.Submission.Answers.Count(a => a.Value.IsAnswered));

        // Afterwards the answers are read-only.
        await session.GotoAsync(MunicipalityFilling.Url(domains[0].Id));
        await CheckedAsync(session, input, javaScript);
        Assert.Equal(0, await session.Page.Locator("form[data-questionnaire]").CountAsync());
        Assert.Equal(0, await session.Page.Locator("main textarea, main input[type=radio]").CountAsync());
        Assert.Contains("alleen een analist", await session.Page.Locator("#alleen-lezen").InnerTextAsync(), StringComparison.Ordinal);
        var level = fill.Questions(domains[0].Id).First(q => q.Type == QuestionType.Level);
        Assert.Contains("Niveau 3", await session.Page.Locator("#" + QuestionnaireFields.Value(level)).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(MunicipalityFilling.Explanation, await session.Page.Locator("#" + QuestionnaireFields.Value(level)).InnerTextAsync(), StringComparison.Ordinal);
        return (municipality, key);
    }

    private static async Task ExpectNumberErrorFixedAsync(WebSession session, Question number, string badNumber, string expectedError, Input input, bool javaScript)
    {
        var page = session.Page;
        var field = page.Locator("#" + QuestionnaireFields.Value(number));
        await CheckedAsync(session, input, javaScript);
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

    /// <summary>
    /// axe-core checks every page of the journey with the mouse. The keyboard and no-JavaScript journeys visit the same
    /// pages with the same HTML, so they are not checked a second and third time (the checks dominate the suite's time).
    /// </summary>
    private static Task CheckedAsync(WebSession session, Input input, bool javaScript) =>
        input == Input.Mouse && javaScript ? session.ExpectAccessibleAsync() : Task.CompletedTask;

    private static async Task SignInAsync(WebSession session, string key, Input input, bool javaScript)
    {
        await session.GotoAsync("/inloggen");
        await CheckedAsync(session, input, javaScript);
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
