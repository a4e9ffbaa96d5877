using Benchmark.Core.Application;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>The analysts' pages of a cycle: the submissions table, the review page, practice notes and distributions.</summary>
[Collection(WebTests.Name)]
public sealed class AnalystPagesTests(WebFixture web)
{
    private const int Year = WebFixture.Cycle;

    private async Task<WebSession> SignedInAsync(bool javaScript = true)
    {
        var session = await web.OpenAsync(javaScript);
        await session.SignInAsync(web.AnalystKey);
        Assert.EndsWith("/analist", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
        return session;
    }

    /// <summary>The rows of every page of the table, following its "next" links, then back on the page it started from.</summary>
    private static async Task<List<string>> RowsAsync(WebSession session)
    {
        var start = session.Page.Url;
        var codes = await PageRowsAsync(session);
        while (await session.Page.Locator(".site-pagination a[rel=next]").CountAsync() > 0)
        {
            await session.Page.Locator(".site-pagination a[rel=next]").First.ClickAsync();
            await session.Page.WaitForLoadStateAsync();
            codes.AddRange(await PageRowsAsync(session));
        }

        if (session.Page.Url != start)
        {
            await session.Page.GotoAsync(start);
        }

        return codes;
    }

    private static async Task<List<string>> PageRowsAsync(WebSession session)
    {
        var codes = new List<string>();
        foreach (var row in await session.Page.Locator("#inzendingen tbody tr").AllAsync())
        {
            codes.Add((await row.GetAttributeAsync("data-municipality"))!);
        }

        return codes;
    }

    private static async Task FilterAsync(WebSession session, string? status = "", string? province = "", string? sizeClass = "", string? collaboration = "")
    {
        await session.Page.Locator("#status").SelectOptionAsync(status!);
        await session.Page.Locator("#provincie").SelectOptionAsync(province!);
        await session.Page.Locator("#grootteklasse").SelectOptionAsync(sizeClass!);
        await session.Page.Locator("#samenwerking").SelectOptionAsync(collaboration!);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Filteren", Exact = true }).ClickAsync();
        await session.Page.WaitForLoadStateAsync();
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task TheSubmissionsTableSortsByAColumnEitherWayAndPagesThroughTheWholeRoundWithoutJavaScript()
    {
        var analyst = new Actor("test", Role.Analyst, null);
        async Task<List<string>> Expected(ReviewSort column, bool descending) =>
            (await web.Server.Service<ReviewService>().ListAsync(analyst, Year, ReviewFilter.None, new ReviewOrder(column, descending))).Value!.Rows.Select(r => r.Municipality).ToList();
        await using var session = await SignedInAsync(javaScript: false);
        await session.GotoAsync($"/analist/{Year}");
        var byCode = await Expected(ReviewSort.Municipality, false);
        Assert.True(byCode.Count > Pages.Analist.RondeModel.PageSize, "the fixture's round needs more than one page");

        // By municipality code at first, one page at a time, and every page together is the whole round.
        Assert.Equal(byCode.Take(Pages.Analist.RondeModel.PageSize), await PageRowsAsync(session));
        Assert.Equal("ascending", await session.Page.Locator("#inzendingen th[data-sort=gemeente]").GetAttributeAsync("aria-sort"));
        Assert.Equal(byCode, await RowsAsync(session));

        // The index header orders the highest first; a second click the lowest first (submissions without an index last either way).
        await session.Page.Locator("#inzendingen th[data-sort=index] a").ClickAsync();
        Assert.Contains("sorteer=index", session.Page.Url, StringComparison.Ordinal);
        Assert.Equal("descending", await session.Page.Locator("#inzendingen th[data-sort=index]").GetAttributeAsync("aria-sort"));
        Assert.Null(await session.Page.Locator("#inzendingen th[data-sort=gemeente]").GetAttributeAsync("aria-sort"));
        var highestFirst = await Expected(ReviewSort.Index, true);
        Assert.NotEqual(byCode, highestFirst);
        Assert.Equal(highestFirst, await RowsAsync(session));
        await session.Page.Locator("#inzendingen th[data-sort=index] a").ClickAsync();
        Assert.Equal("ascending", await session.Page.Locator("#inzendingen th[data-sort=index]").GetAttributeAsync("aria-sort"));
        Assert.Equal(await Expected(ReviewSort.Index, false), await RowsAsync(session));

        // A page link keeps the order and the filters; a page past the end shows the last page rather than nothing.
        await FilterAsync(session, status: "draft");
        Assert.Contains("sorteer=index", session.Page.Url, StringComparison.Ordinal);
        await session.GotoAsync($"/analist/{Year}?sorteer=index&volgorde=aflopend&pagina=999");
        var pages = (highestFirst.Count + Pages.Analist.RondeModel.PageSize - 1) / Pages.Analist.RondeModel.PageSize;
        Assert.Equal(highestFirst.Skip((pages - 1) * Pages.Analist.RondeModel.PageSize), await PageRowsAsync(session));
        Assert.Contains($"pagina {pages} van {pages}", await session.Page.Locator("#inzendingen-bijschrift").InnerTextAsync(), StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task TheSubmissionsTableFiltersByStatusProvinceSizeClassAndCollaborationAndShowsTheCounts()
    {
        var records = await web.Server.Service<SubmissionStore>().ListAsync(Year);
        var register = (await web.Server.Service<RegisterStore>().GetAsync(Year))!;
        var municipalities = records.Select(r => (Record: r, Municipality: register.Find(r.Municipality)!)).ToList();
        await using var session = await SignedInAsync();

        await session.Page.GetByRole(AriaRole.Link, new() { Name = $"Ronde {Year}" }).ClickAsync();
        Assert.EndsWith($"/analist/{Year}", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();

        // The counts of the whole cycle, per status and not started.
        foreach (var status in Enum.GetValues<SubmissionStatus>())
        {
            var shown = await session.Page.Locator($"#aantallen [data-status={status.ToString().ToLowerInvariant()}] dd").InnerTextAsync();
            Assert.Equal(records.Count(r => r.Status == status).ToString(System.Globalization.CultureInfo.InvariantCulture), shown.Trim());
        }

        var notStarted = register.Municipalities.Count(m => records.All(r => r.Municipality != m.Code));
        Assert.True(notStarted > 0, "The fixture keeps some municipalities without 2026 answers.");
        Assert.Equal(notStarted.ToString(System.Globalization.CultureInfo.InvariantCulture), (await session.Page.Locator("#aantallen [data-status=niet-begonnen] dd").InnerTextAsync()).Trim());
        Assert.Equal(records.Select(r => r.Municipality).Order(StringComparer.Ordinal), await RowsAsync(session));

        // Status.
        await FilterAsync(session, status: "submitted");
        Assert.Contains("status=submitted", session.Page.Url, StringComparison.Ordinal);
        var submitted = records.Where(r => r.Status == SubmissionStatus.Submitted).Select(r => r.Municipality).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(submitted);
        Assert.Equal(submitted, await RowsAsync(session));
        foreach (var cell in await session.Page.Locator("#inzendingen td[data-column=status]").AllInnerTextsAsync())
        {
            Assert.Equal("Ingediend", cell.Trim());
        }

        Assert.Contains($"{submitted.Count} van de {records.Count}", await session.Page.Locator("#aantal-getoond").InnerTextAsync(), StringComparison.Ordinal);

        // Province (status cleared).
        var province = municipalities.GroupBy(m => m.Municipality.Province).OrderByDescending(g => g.Count()).First().Key;
        await FilterAsync(session, province: province);
        Assert.Equal(municipalities.Where(m => m.Municipality.Province == province).Select(m => m.Record.Municipality).Order(StringComparer.Ordinal), await RowsAsync(session));

        // Size class.
        var size = municipalities.GroupBy(m => m.Municipality.SizeClass.Number).OrderByDescending(g => g.Count()).First().Key;
        await FilterAsync(session, sizeClass: size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(municipalities.Where(m => m.Municipality.SizeClass.Number == size).Select(m => m.Record.Municipality).Order(StringComparer.Ordinal), await RowsAsync(session));

        // Collaboration.
        var collaboration = municipalities.SelectMany(m => m.Municipality.Collaborations).GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
        await FilterAsync(session, collaboration: collaboration);
        var inCollaboration = municipalities.Where(m => m.Municipality.Collaborations.Contains(collaboration)).Select(m => m.Record.Municipality).Order(StringComparer.Ordinal).ToList();
        Assert.True(inCollaboration.Count < records.Count);
        Assert.Equal(inCollaboration, await RowsAsync(session));

        // All four at once: the intersection, and the counts stay those of the whole cycle.
        var first = municipalities.First(m => m.Record.Status == SubmissionStatus.Submitted && m.Municipality.Collaborations.Count > 0);
        await FilterAsync(session, "submitted", first.Municipality.Province, first.Municipality.SizeClass.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Municipality.Collaborations[0]);
        var expected = municipalities.Where(m => m.Record.Status == SubmissionStatus.Submitted && m.Municipality.Province == first.Municipality.Province
                                                 && m.Municipality.SizeClass == first.Municipality.SizeClass && m.Municipality.Collaborations.Contains(first.Municipality.Collaborations[0]))
            .Select(m => m.Record.Municipality).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(first.Record.Municipality, expected);
        Assert.Equal(expected, await RowsAsync(session));
        Assert.Equal(notStarted.ToString(System.Globalization.CultureInfo.InvariantCulture), (await session.Page.Locator("#aantallen [data-status=niet-begonnen] dd").InnerTextAsync()).Trim());

        // Each row links to its review page.
        await session.Page.Locator($"#inzendingen tr[data-municipality={first.Record.Municipality}] a").ClickAsync();
        Assert.EndsWith($"/analist/{Year}/inzendingen/{first.Record.Municipality}", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task AnAnalystReviewsSubmittedSubmissionsRejectingOnlyWithACommentReopeningAndApproving()
    {
        var store = web.Server.Service<SubmissionStore>();
        var flags = await web.Server.Service<CurationStore>().FlagsAsync(Year);
        var submitted = (await store.ListAsync(Year)).Where(r => r.Status == SubmissionStatus.Submitted).OrderByDescending(r => r.Municipality, StringComparer.Ordinal).ToList();
        Assert.True(submitted.Count >= 4, "The demo data has at least four submitted municipalities in 2026.");
        var rejected = submitted.FirstOrDefault(r => flags.Any(f => f.Flag.Municipality == r.Municipality && !f.Dismissed)) ?? submitted[0];
        var others = submitted.Where(r => r.Municipality != rejected.Municipality).ToList();
        var (reopened, approved, stale) = (others[0], others[1], others[2]);
        await using var session = await SignedInAsync();

        // The answers, their explanations and the flags.
        await session.GotoAsync($"/analist/{Year}/inzendingen/{rejected.Municipality}");
        await session.ExpectAccessibleAsync();
        Assert.Equal("Ingediend", (await session.Page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal(rejected.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), (await session.Page.Locator("#versie").InnerTextAsync()).Trim());
        var explained = rejected.Submission.Answers.First(a => !string.IsNullOrWhiteSpace(a.Value.Explanation));
        var question = session.Page.Locator($"[data-question='{explained.Key}']");
        Assert.Contains(explained.Value.Explanation!.Trim(), await question.Locator(".analist-explanation").InnerTextAsync(), StringComparison.Ordinal);
        var questionnaire = web.Server.Service<QuestionnaireCatalog>().Version(rejected.Submission.QuestionnaireVersion)!;
        Assert.Contains(questionnaire.QuestionsById[explained.Key].Text.Nl, await question.Locator("dt").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await session.Page.Locator(".analist-answer").CountAsync() >= questionnaire.QuestionsById.Count);
        foreach (var flag in flags.Where(f => f.Flag.Municipality == rejected.Municipality))
        {
            Assert.Contains(flag.Flag.Message.Nl, await session.Page.Locator($"[data-flag='{flag.Id}']").InnerTextAsync(), StringComparison.Ordinal);
        }

        Assert.True(await session.Page.Locator("#versies tbody tr").CountAsync() >= 2);

        // A flag is dismissed only with a reason.
        var open = flags.FirstOrDefault(f => f.Flag.Municipality == rejected.Municipality && !f.Dismissed);
        if (open is not null)
        {
            var card = session.Page.Locator($"[data-flag='{open.Id}']");
            await card.GetByRole(AriaRole.Button, new() { Name = "Signaal afdoen" }).ClickAsync();
            await session.ExpectAccessibleAsync();
            var fieldId = await session.Page.Locator($"[data-flag='{open.Id}'] input[name=toelichting]").GetAttributeAsync("id");
            Assert.Contains("Schrijf waarom", await session.Page.Locator($"[id='{fieldId}-fout']").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await session.Page.Locator($"#foutmeldingen a[href='#{fieldId}']").CountAsync());
            await session.Page.Locator($"[id='{fieldId}']").FillAsync("Klopt: de gemeente heeft dit jaar een nieuw zaaksysteem.");
            await session.Page.Locator($"[data-flag='{open.Id}']").GetByRole(AriaRole.Button, new() { Name = "Signaal afdoen" }).ClickAsync();
            await session.ExpectAccessibleAsync();
            var dismissed = (await web.Server.Service<CurationStore>().FlagsAsync(Year)).Single(f => f.Id == open.Id);
            Assert.True(dismissed.Dismissed);
            Assert.Equal("Klopt: de gemeente heeft dit jaar een nieuw zaaksysteem.", dismissed.Comment);
            Assert.Contains("Afgedaan", await session.Page.Locator($"[data-flag='{open.Id}']").InnerTextAsync(), StringComparison.Ordinal);
        }

        // Rejecting without a comment: the error next to the field and in the summary; nothing changes.
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Afkeuren" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("waarom", await session.Page.Locator("#opmerking-fout").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("waarom", await session.Page.Locator("#foutmeldingen a[href='#opmerking']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await session.Page.Locator("#opmerking").GetAttributeAsync("aria-invalid"));
        Assert.Equal(SubmissionStatus.Submitted, (await store.GetAsync(Year, rejected.Municipality))!.Record.Status);

        // With a comment it is rejected.
        await session.Page.GetByLabel("Opmerking voor de gemeente").FillAsync("De toelichting bij DigiD ontbreekt; graag aanvullen.");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Afkeuren" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("afgekeurd", await session.Page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);
        var afterReject = (await store.GetAsync(Year, rejected.Municipality))!.Record;
        Assert.Equal(SubmissionStatus.Rejected, afterReject.Status);
        Assert.Equal("De toelichting bij DigiD ontbreekt; graag aanvullen.", afterReject.Comment);
        Assert.Equal("Afgekeurd", (await session.Page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal(web.AnalystKey.Split('_')[1], afterReject.ChangedBy);

        // Reopening another.
        await session.GotoAsync($"/analist/{Year}/inzendingen/{reopened.Municipality}");
        await session.ExpectAccessibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Heropenen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("heropend", await session.Page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);
        var afterReopen = (await store.GetAsync(Year, reopened.Municipality))!.Record;
        Assert.Equal(SubmissionStatus.Draft, afterReopen.Status);
        Assert.True(afterReopen.Reopened);

        // Approving a third.
        await session.GotoAsync($"/analist/{Year}/inzendingen/{approved.Municipality}");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("goedgekeurd", await session.Page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Approved, (await store.GetAsync(Year, approved.Municipality))!.Record.Status);
        Assert.Equal(approved.Version + 1, (await store.GetAsync(Year, approved.Municipality))!.Record.Version);

        // A decision on a version that someone else changed meanwhile changes nothing and says so.
        await session.GotoAsync($"/analist/{Year}/inzendingen/{stale.Municipality}");
        var colleague = new Actor("colleague", Role.Analyst, null);
        Assert.Null((await web.Server.Service<ReviewService>().ReviewAsync(colleague, new ReviewSubmission(Year, stale.Municipality, SubmissionAction.Approved, null, stale.Version))).Refusal);
        await session.Page.GetByLabel("Opmerking voor de gemeente").FillAsync("Te laat gezien.");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Afkeuren" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("gewijzigd sinds u haar las", await session.Page.Locator("#probleem").InnerTextAsync(), StringComparison.Ordinal);
        var afterStale = (await store.GetAsync(Year, stale.Municipality))!.Record;
        Assert.Equal(SubmissionStatus.Approved, afterStale.Status);
        Assert.Equal("colleague", afterStale.ChangedBy);
    }

    [Fact]
    public async Task PracticeNotesAreApprovedWithAnEditedTextOrHidden()
    {
        var curation = web.Server.Service<CurationStore>();
        var notes = await curation.NotesAsync(Year);
        var municipality = notes.GroupBy(n => n.Municipality).Where(g => g.Count() >= 2).OrderByDescending(g => g.Key, StringComparer.Ordinal).First().Key;
        var (edited, hidden) = (notes.Where(n => n.Municipality == municipality).ElementAt(0), notes.Where(n => n.Municipality == municipality).ElementAt(1));
        await using var session = await SignedInAsync();

        await session.GotoAsync($"/analist/{Year}/praktijkvoorbeelden");
        await session.ExpectAccessibleAsync();
        await session.Page.Locator("#status").SelectOptionAsync("alle");
        await session.Page.Locator("#gemeente").SelectOptionAsync(municipality);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Equal(notes.Count(n => n.Municipality == municipality), await session.Page.Locator("#voorbeelden > li").CountAsync());

        var card = session.Page.Locator($"[data-note='{edited.Municipality}_{edited.QuestionId}']");
        Assert.Contains(edited.OriginalText, await card.InnerTextAsync(), StringComparison.Ordinal);
        const string newText = "Wij hebben de aanvragen gebundeld in één formulier; vraag naar de teamleider dienstverlening.";
        await card.Locator("textarea").FillAsync(newText);
        await card.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("goedgekeurd", await session.Page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);
        var stored = (await curation.NotesAsync(Year)).Single(n => n.Municipality == edited.Municipality && n.QuestionId == edited.QuestionId);
        Assert.Equal(NoteStatus.Approved, stored.Status);
        Assert.Equal(newText, stored.EditedText);
        Assert.Equal(edited.OriginalText, stored.OriginalText);
        Assert.Equal(newText, (await session.Page.Locator($"[data-note='{edited.Municipality}_{edited.QuestionId}'] [data-column=edited]").InnerTextAsync()).Trim());

        // The filters survive the action, so the next note is right there.
        var other = session.Page.Locator($"[data-note='{hidden.Municipality}_{hidden.QuestionId}']");
        await other.GetByRole(AriaRole.Button, new() { Name = "Verbergen" }).ClickAsync();
        await session.ExpectAccessibleAsync();
        Assert.Contains("verborgen", await session.Page.Locator("#melding").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(NoteStatus.Hidden, (await curation.NotesAsync(Year)).Single(n => n.Municipality == hidden.Municipality && n.QuestionId == hidden.QuestionId).Status);
        Assert.Equal("hidden", await session.Page.Locator($"[data-note='{hidden.Municipality}_{hidden.QuestionId}']").GetAttributeAsync("data-status"));

        // The hidden filter shows it.
        await session.GotoAsync($"/analist/{Year}/praktijkvoorbeelden?status=hidden&gemeente={municipality}");
        await session.ExpectAccessibleAsync();
        Assert.Equal(1, await session.Page.Locator($"[data-note='{hidden.Municipality}_{hidden.QuestionId}']").CountAsync());
        Assert.Equal(0, await session.Page.Locator($"[data-note='{edited.Municipality}_{edited.QuestionId}']").CountAsync());
    }

    [Fact]
    public async Task TheDistributionsPageShowsOneAccessibleChartPerBlockWithTitleDescriptionAndDataTable()
    {
        var model = web.Server.Service<QuestionnaireCatalog>().ModelForCycle(2026);
        var national = (await web.Server.Service<BenchmarkStore>().NationalAsync(Year))!;
        var drawn = model.Blocks.Where(b => national.BlockDistributions.GetValueOrDefault(b.Id)?.Distribution is not null).ToList();
        Assert.NotEmpty(drawn);
        await using var session = await SignedInAsync();

        await session.GotoAsync($"/analist/{Year}");
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Verdelingen" }).ClickAsync();
        Assert.EndsWith($"/analist/{Year}/verdelingen", session.Page.Url, StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();

        // The overview has every block; the charts come one domain at a time, through the domains' links.
        Assert.Equal(model.Blocks.Select(b => b.Id).Order(StringComparer.Ordinal), (await session.Page.Locator("#overzicht-tabel tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.block)")).Order(StringComparer.Ordinal));
        var charted = new List<string>();
        foreach (var domain in model.Domains)
        {
            await session.Page.Locator(".site-tabs__list").GetByRole(AriaRole.Link, new() { Name = domain.Name.Nl, Exact = true }).ClickAsync();
            Assert.Contains($"domein={domain.Id}", session.Page.Url, StringComparison.Ordinal);
            Assert.Equal("page", await session.Page.Locator(".site-tabs__list a[aria-current]").GetAttributeAsync("aria-current"));
            Assert.Equal(domain.Name.Nl, (await session.Page.Locator(".site-tabs__list a[aria-current]").InnerTextAsync()).Trim());
            Assert.Equal(model.BlocksIn(domain.Id).Count(), await session.Page.Locator("section.analist-figure").CountAsync());
            foreach (var block in drawn.Where(b => b.DomainId == domain.Id))
            {
                var section = session.Page.Locator($"section.analist-figure[data-block='{block.Id}']");
                var svg = section.Locator("svg[role=img]");
                Assert.Equal(1, await svg.CountAsync());
                // Drawn by the reports' SVG charts: one box, and the mean as a diamond (analysts see full figures).
                Assert.Equal(1, await svg.Locator("rect").CountAsync());
                Assert.Equal(1, await svg.Locator("polygon").CountAsync());
                Assert.Null(await svg.GetAttributeAsync("style"));
                var labelledBy = (await svg.GetAttributeAsync("aria-labelledby"))!.Split(' ');
                Assert.Equal(2, labelledBy.Length);
                Assert.Equal(block.Name.Nl, (await session.Page.Locator($"[id='{labelledBy[0]}']").InnerTextAsync()).Trim());
                Assert.Contains("Spreiding van de scores", await session.Page.Locator($"[id='{labelledBy[1]}']").InnerTextAsync(), StringComparison.Ordinal);
                Assert.Contains(block.Name.Nl, await section.Locator("table caption").InnerTextAsync(), StringComparison.Ordinal);
                var n = national.BlockDistributions[block.Id].Distribution!.N;
                Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), (await section.Locator("table tbody td").First.InnerTextAsync()).Trim());
                charted.Add(block.Id);
            }

            Assert.Equal(0, await session.Page.Locator("main [style]").CountAsync());
        }

        Assert.Equal(drawn.Select(b => b.Id).Order(StringComparer.Ordinal), charted.Order(StringComparer.Ordinal));
        await session.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task TheDistributionsOverviewSortsByMedianHighestFirstAndLinksEachBlockToItsChart()
    {
        var model = web.Server.Service<QuestionnaireCatalog>().ModelForCycle(2026);
        var national = (await web.Server.Service<BenchmarkStore>().NationalAsync(Year))!;
        await using var session = await SignedInAsync(javaScript: false);
        await session.GotoAsync($"/analist/{Year}/verdelingen");

        await session.Page.Locator("#overzicht-tabel th[data-sort=mediaan] a").ClickAsync();

        Assert.Equal("descending", await session.Page.Locator("#overzicht-tabel th[data-sort=mediaan]").GetAttributeAsync("aria-sort"));
        var order = await session.Page.Locator("#overzicht-tabel tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.block)");
        var medians = order.Select(id => national.BlockDistributions.GetValueOrDefault(id)?.Distribution?.Median).ToList();
        var withMedian = medians.TakeWhile(m => m is not null).Select(m => m!.Value).ToList();
        Assert.Equal(withMedian.OrderDescending(), withMedian);
        Assert.All(medians.Skip(withMedian.Count), m => Assert.Null(m));

        // The highest block's name leads to its chart, in its domain's page.
        var top = model.BlocksById[order[0]];
        await session.Page.Locator($"#overzicht-tabel tr[data-block='{top.Id}'] th a").ClickAsync();
        Assert.Contains($"domein={top.DomainId}", session.Page.Url, StringComparison.Ordinal);
        Assert.EndsWith($"#verdeling-{top.Id}-titel", session.Page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await session.Page.Locator($"section.analist-figure[data-block='{top.Id}'] svg[role=img]").CountAsync());
    }
}
