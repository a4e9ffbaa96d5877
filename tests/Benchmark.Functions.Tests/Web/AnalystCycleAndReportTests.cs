using Benchmark.Core.Application;
using System.Globalization;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>Cycle management, computing the benchmark and generating reports from the analysts' pages.</summary>
[Collection(WebTests.Name)]
public sealed class AnalystCycleAndReportTests(WebFixture web)
{
    /// <summary>A year no other test uses; the test opens and closes it, so 2026 stays as the others need it.</summary>
    private const int NewYear = 2030;

    [Fact]
    public async Task AnAnalystOpensARoundWithADeadlineMovesTheDeadlineAndClosesItAndAnInvalidDeadlineIsNamedAtItsField()
    {
        var cycles = web.Server.Service<CycleStore>();
        Assert.Null(await cycles.GetAsync(NewYear));
        await using var session = await web.OpenAsync(javaScript: false);
        await session.SignInAsync(web.AnalystKey);
        await session.ExpectAccessibleAsync();
        var page = session.Page;
        Assert.Contains("Open", await page.Locator("#cycli tbody tr").Filter(new() { HasTextString = $"Ronde {WebFixture.Cycle}" }).InnerTextAsync(), StringComparison.Ordinal);

        // A deadline in the past: the error next to the date field and in the summary; nothing opened.
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync(NewYear.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Deadline: datum").FillAsync("2020-01-01");
        await page.GetByLabel("Deadline: tijd").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ronde openen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("verleden", await page.Locator("#datum-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("verleden", await page.Locator("#foutmeldingen a[href='#datum']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#datum").GetAttributeAsync("aria-invalid"));
        Assert.Equal(NewYear.ToString(CultureInfo.InvariantCulture), await page.Locator("#jaar").InputValueAsync());
        Assert.Null(await cycles.GetAsync(NewYear));

        // An empty date and an existing year are named too.
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync(WebFixture.Cycle.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Deadline: datum").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ronde openen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("bestaat al", await page.Locator("#jaar-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Vul de datum", await page.Locator("#datum-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#foutmeldingen li").CountAsync());

        // Opened with a deadline in Dutch time.
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync(NewYear.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Deadline: datum").FillAsync($"{NewYear}-12-31");
        await page.GetByLabel("Deadline: tijd").FillAsync("23:59");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ronde openen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains($"Ronde {NewYear} is geopend", await page.Locator(".utrecht-alert--ok").InnerTextAsync(), StringComparison.Ordinal);
        var opened = (await cycles.GetAsync(NewYear))!;
        Assert.Equal(CycleStatus.Open, opened.Status);
        Assert.Equal(new DateTimeOffset(NewYear, 12, 31, 22, 59, 0, TimeSpan.Zero), opened.Deadline);
        var row = page.Locator("#cycli tbody tr").Filter(new() { HasTextString = $"Ronde {NewYear}" });
        Assert.Contains($"31 december {NewYear} om 23:59", await row.InnerTextAsync(), StringComparison.Ordinal);

        // The deadline moves; a past one is refused at its own field.
        await page.Locator($"#datum-{NewYear}").FillAsync("2021-06-01");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Deadline van ronde {NewYear} opslaan" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("verleden", await page.Locator($"#datum-{NewYear}-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(opened.Deadline, (await cycles.GetAsync(NewYear))!.Deadline);

        await page.GetByLabel($"Nieuwe deadline van ronde {NewYear}: datum").FillAsync($"{NewYear + 1}-01-15");
        await page.GetByLabel($"Nieuwe deadline van ronde {NewYear}: tijd").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Deadline van ronde {NewYear} opslaan" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("verplaatst", await page.Locator(".utrecht-alert--ok").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(NewYear + 1, 1, 15, 11, 0, 0, TimeSpan.Zero), (await cycles.GetAsync(NewYear))!.Deadline);

        // Closing asks for a confirmation first.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ronde {NewYear} sluiten" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("Vink aan", await page.Locator($"#bevestig-{NewYear}-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(CycleStatus.Open, (await cycles.GetAsync(NewYear))!.Status);

        await page.GetByLabel($"Ja, ik wil ronde {NewYear} sluiten").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ronde {NewYear} sluiten" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Equal(CycleStatus.Closed, (await cycles.GetAsync(NewYear))!.Status);
        Assert.Contains("Gesloten", await page.Locator("#cycli tbody tr").Filter(new() { HasTextString = $"Ronde {NewYear}" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#beheer-{NewYear}").CountAsync());

        // Audited as the API does, under the analyst's key.
        var audit = (await web.Server.Service<AuditStore>().ListAsync(AuditAreas.Cycles)).Where(e => e.Subject == NewYear.ToString(CultureInfo.InvariantCulture)).ToList();
        // The test's clock stands still, so the entries share one time: compare what was recorded, not its order.
        Assert.Equal(["cycle-closed", "cycle-deadline-set", "cycle-opened"], audit.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(audit, e => Assert.Equal(web.AnalystKey.Split('_')[1], e.Actor));
    }

    [Fact]
    public async Task AnAnalystComputesTheBenchmarkStartsAReportBatchAndFollowsItsProgressWithAndWithoutJavaScript()
    {
        const int year = WebFixture.Cycle;
        var results = web.Server.Service<BenchmarkStore>();
        var before = (await results.SummaryAsync(year))!;
        await using var session = await web.OpenAsync(javaScript: false);
        await session.SignInAsync(web.AnalystKey);
        var page = session.Page;
        await session.GotoAsync($"/analist/{year}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Benchmark en rapporten" }).ClickAsync();
        Assert.EndsWith($"/analist/{year}/rapporten", page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
        Assert.Equal(before.RunId, (await page.Locator("#kenmerk").InnerTextAsync()).Trim());

        // Compute: a new run, shown with its participants.
        web.Server.Time.Advance(TimeSpan.FromSeconds(1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Benchmark berekenen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        var after = (await results.SummaryAsync(year))!;
        Assert.NotEqual(before.RunId, after.RunId);
        Assert.Equal(after.RunId, (await page.Locator("#kenmerk").InnerTextAsync()).Trim());
        Assert.Equal(after.Participants.ToString(CultureInfo.InvariantCulture), (await page.Locator("#deelnemers").InnerTextAsync()).Trim());
        Assert.Contains("berekend", await page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);

        // No language: the error at the fieldset.
        await page.GetByLabel("Nederlands", new() { Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rapporten maken" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("ten minste één taal", await page.Locator("#taal-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ten minste één taal", await page.Locator("#foutmeldingen a[href='#taal-nl']").InnerTextAsync(), StringComparison.Ordinal);

        // Start a Dutch batch and follow it with the refresh link until every report is done.
        var batchesBefore = (await web.Server.Service<ReportService>().BatchesAsync(year)).Count;
        await page.GetByLabel("Nederlands", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rapporten maken" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("worden gemaakt", await page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);
        var batches = await web.Server.Service<ReportService>().BatchesAsync(year);
        Assert.Equal(batchesBefore + 1, batches.Count);
        var batch = batches[0];
        Assert.Equal(after.RunId, batch.RunId);
        var row = page.Locator($"#batches tr[data-batch='{batch.Id}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal(0, await page.Locator("meta[http-equiv]").CountAsync());

        // Without JavaScript, "Vernieuwen" shows the reports being made, one after another.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var first = await DoneAsync(row);
        while (await DoneAsync(row) < Math.Min(first + 2, batch.Total))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The batch made no progress within 3 minutes: {await row.InnerTextAsync()}");
            await Task.Delay(1500);
            await page.GetByRole(AriaRole.Link, new() { Name = "Vernieuwen" }).ClickAsync();
        }

        await session.ExpectAccessibleAsync();
        Assert.Equal("Bezig", (await row.Locator("[data-column=state]").InnerTextAsync()).Trim());
        Assert.Equal((await DoneAsync(row)).ToString(CultureInfo.InvariantCulture), await row.Locator("progress").GetAttributeAsync("value"));

        // With JavaScript the page follows the batch by itself: the count goes up without anyone reloading it.
        await using var scripted = await web.OpenAsync();
        await scripted.SignInAsync(web.AnalystKey);
        await scripted.GotoAsync($"/analist/{year}/rapporten");
        var followed = scripted.Page.Locator($"#batches tr[data-batch='{batch.Id}']");
        var seen = await DoneAsync(followed);
        var url = scripted.Page.Url;
        deadline = DateTime.UtcNow.AddMinutes(2);
        while (await DoneAsync(followed) <= seen && await followed.GetAttributeAsync("data-finished") != "true")
        {
            Assert.True(DateTime.UtcNow < deadline, "The page did not follow the batch by itself within 2 minutes.");
            await Task.Delay(1000);
        }

        Assert.Equal(url, scripted.Page.Url); // the section was replaced in place, the page not reloaded
        await scripted.ExpectAccessibleAsync();
    }

    /// <summary>The number of reports done in a batch's row ("12 / 71").</summary>
    private static async Task<int> DoneAsync(ILocator row) =>
        int.Parse((await row.Locator("[data-column=done]").InnerTextAsync()).Split('/')[0].Trim(), CultureInfo.InvariantCulture);
}
