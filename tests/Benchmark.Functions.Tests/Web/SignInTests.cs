using System.Text.RegularExpressions;
using Benchmark.Core.Workflow;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

[Collection(WebTests.Name)]
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task AMunicipalitySignsInWithItsKeyAndSeesItsRoundsWithStatusAndDeadline()
    {
        var (municipality, key) = await web.FreshMunicipalityAsync();
        await using var session = await web.OpenAsync();

        await session.SignInAsync(key);

        Assert.EndsWith("/gemeente", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
        var row = session.Page.Locator("#cycli tbody tr").Filter(new() { Has = session.Page.Locator("th", new() { HasTextString = "2026" }) });
        Assert.Contains("Open", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("31 december 2026", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Nog niet begonnen", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(municipality, await session.Page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndSameSiteAndEveryFormCarriesAnAntiforgeryToken()
    {
        await using var session = await web.OpenAsync();
        await session.SignInAsync(await web.KeyAsync(Role.Municipality, web.OtherMunicipality));

        var cookie = (await session.Context.CookiesAsync()).Single(c => c.Name == "bm-sessie");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.False(cookie.Secure); // served over plain HTTP in the test; Secure follows the request (SameAsRequest)
        foreach (var form in await session.Page.Locator("form[method=post]").AllAsync())
        {
            Assert.Equal(1, await form.Locator("input[name=__bm_af]").CountAsync());
        }
    }

    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        await using var session = await web.OpenAsync();
        await session.SignInAsync(await web.KeyAsync(Role.Municipality, web.OtherMunicipality));

        // Another site can make the browser post, but cannot read the token: the sign-out below has none.
        var response = await session.Page.APIRequest.PostAsync("/uitloggen", new() { Form = session.Context.APIRequest.CreateFormData() });

        Assert.Equal(400, response.Status);
        await session.GotoAsync("/gemeente");
        Assert.EndsWith("/gemeente", session.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownKeyIsNamedNextToTheFieldAndInTheSummaryThatLinksToIt()
    {
        await using var session = await web.OpenAsync();
        await session.GotoAsync("/inloggen");
        await session.Page.GetByLabel("Sleutel").FillAsync("bmk_notakey_xxxxxxxxxxxxxxxxxxxxxxxx");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await session.ExpectAccessibleAsync();
        var summaryLink = session.Page.Locator("#foutmeldingen a[href='#sleutel']");
        Assert.Contains("kennen we niet", await summaryLink.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("kennen we niet", await session.Page.Locator("#sleutel-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await session.Page.Locator("#sleutel").GetAttributeAsync("aria-invalid"));
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "bm-sessie");
    }

    [Fact]
    public async Task TheLanguageSwitchShowsThePageInEnglishAndKeepsTheChoice()
    {
        await using var session = await web.OpenAsync();
        await session.GotoAsync("/toegankelijkheid");
        await session.ExpectAccessibleAsync();
        Assert.Equal("nl", await session.Page.Locator("html").GetAttributeAsync("lang"));

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        Assert.Equal("en", await session.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Accessibility statement", await session.Page.Locator("h1").InnerTextAsync());
        await session.ExpectAccessibleAsync();
        await session.GotoAsync("/inloggen");
        Assert.Equal("Sign in", await session.Page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task AfterTheSwitchTheQuestionnaireSpeaksEnglishWithTheModelsOwnEnglishTexts()
    {
        var catalog = web.Server.Service<Core.Loading.QuestionnaireCatalog>();
        var model = catalog.ModelForCycle(2026);
        var domain = model.Domains[0];
        var block = model.BlocksIn(domain.Id).First();
        await using var session = await web.OpenAsync();
        await session.SignInAsync(await web.KeyAsync(Role.Municipality, web.OtherMunicipality));
        await session.GotoAsync($"/gemeente/{WebFixture.Cycle}/vragenlijst/{domain.Id}");
        Assert.Contains(domain.Name.Nl, await session.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        Assert.Equal("en", await session.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.EndsWith($"/gemeente/{WebFixture.Cycle}/vragenlijst/{domain.Id}", session.Page.Url, StringComparison.Ordinal);
        Assert.Contains(domain.Name.En, await session.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var main = await session.Page.Locator("main").InnerTextAsync();
        Assert.Contains(block.Name.En, main, StringComparison.Ordinal);
        Assert.Contains(catalog.Version("2026")!.BlocksById[block.Id].LevelQuestion.Text.En, main, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task AMunicipalitySessionCannotOpenTheAnalystPagesAndAnUnsignedVisitorIsSentToSignIn()
    {
        await using var anonymous = await web.OpenAsync();
        await anonymous.GotoAsync("/analist");
        Assert.Matches(new Regex("/inloggen\\?terug=%2Fanalist$"), anonymous.Page.Url);

        await using var session = await web.OpenAsync();
        await session.SignInAsync(await web.KeyAsync(Role.Municipality, web.OtherMunicipality));
        var response = await session.GotoAsync("/analist");
        Assert.Equal(403, response!.Status);
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task AnUnknownPageAnswersWithAReadablePageNotFound()
    {
        await using var session = await web.OpenAsync();
        var response = await session.GotoAsync("/bestaat-niet");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Pagina niet gevonden", await session.Page.Locator("h1").InnerTextAsync());
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task ARevokedKeyEndsItsSession()
    {
        var key = await web.KeyAsync(Role.Municipality, web.OtherMunicipality);
        await using var session = await web.OpenAsync();
        await session.SignInAsync(key);
        var keyId = key.Split('_')[1];

        Assert.True((await web.Server.Service<Core.Application.KeyService>().RevokeAsync("test", new Core.Application.RevokeKey(keyId))).Succeeded);
        web.Server.Time.Advance(TimeSpan.FromMinutes(1)); // past the key cache

        await session.GotoAsync("/gemeente");
        Assert.Contains("/inloggen", session.Page.Url, StringComparison.Ordinal);
    }
}
