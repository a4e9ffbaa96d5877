using Benchmark.Core.Model;
using Benchmark.Reports.Html;

namespace Benchmark.Reports.Tests;

/// <summary>The HTML reports in a real Chromium, checked by axe-core against WCAG 2.1 A and AA.</summary>
[Collection(HtmlChromiumDefinition.Name)]
public sealed class HtmlAccessibilityTests(HtmlChromiumFixture chromium)
{
    [Fact]
    public async Task TheDutchCouncilReportHasNoAxeViolations() =>
        await AssertNoViolations(RenderedReports.Renderer.CouncilHtml(DemoReports.Council(DemoReports.TypicalMunicipality)));

    [Fact]
    public async Task TheEnglishCouncilReportHasNoAxeViolations() =>
        await AssertNoViolations(RenderedReports.Renderer.CouncilHtml(DemoReports.Council(DemoReports.TypicalMunicipality, Language.English)));

    [Fact]
    public async Task TheCouncilReportOfASmallGroupMunicipalityHasNoAxeViolations() =>
        await AssertNoViolations(RenderedReports.Renderer.CouncilHtml(DemoReports.Council(DemoReports.SmallGroupMunicipality)));

    [Fact]
    public async Task TheNationalReportHasNoAxeViolations() =>
        await AssertNoViolations(RenderedReports.Renderer.NationalHtml(DemoReports.National()));

    [Fact]
    public async Task TheAxeCheckFindsViolationsInABrokenPage()
    {
        const string broken = """
            <!DOCTYPE html>
            <html><head><title>Broken</title></head>
            <body><main><h1>Broken</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
            <p style="color:#BBBBBB;background:#FFFFFF">Light grey text on white is hard to read.</p>
            </main></body></html>
            """;

        var ids = (await chromium.ViolationsAsync(broken)).Select(v => v.Id).ToList();

        Assert.Contains("html-has-lang", ids);
        Assert.Contains("image-alt", ids);
        Assert.Contains("color-contrast", ids);
    }

    [Fact]
    public async Task TheCouncilReportFitsANarrowScreenWithoutScrollingSideways()
    {
        var (context, page) = await chromium.OpenAsync(RenderedReports.Renderer.CouncilHtml(DemoReports.Council(DemoReports.TypicalMunicipality)), width: 360, height: 740);
        await using (context)
        {
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 360 px screen");
        }
    }

    private async Task AssertNoViolations(string html)
    {
        var violations = await chromium.ViolationsAsync(html);
        Assert.True(violations.Count == 0, "axe-core found WCAG 2.1 A/AA violations:" + Environment.NewLine + HtmlChromiumFixture.Describe(violations));
    }
}
