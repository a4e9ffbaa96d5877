using System.Text;
using Benchmark.Core.Application;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>Saving conflicts between colleagues, who may open what, and the results with the report.</summary>
[Collection(WebTests.Name)]
public sealed class MunicipalityAccessTests(WebFixture web)
{
    private const int Year = MunicipalityFilling.Year;

    [Fact]
    public async Task TwoColleaguesSaveTheSamePageTheSecondIsToldLosesNothingAndMaySaveTheirsOver()
    {
        var fill = new MunicipalityFilling(web);
        var domain = fill.Domains[0].Id;
        var level = fill.Questions(domain).First(q => q.Type == QuestionType.Level);
        var (municipality, key) = await web.FreshMunicipalityAsync();
        await using var first = await web.OpenAsync();
        await using var second = await web.OpenAsync();
        await first.SignInAsync(key);
        await second.SignInAsync(key);
        await first.GotoAsync(MunicipalityFilling.Url(domain));
        await second.GotoAsync(MunicipalityFilling.Url(domain));

        await first.Page.Locator("#" + QuestionnaireFields.Option(level, 2)).CheckAsync();
        await first.Page.Locator("#" + QuestionnaireFields.Explanation(level)).FillAsync("Versie van de eerste collega");
        await first.Page.Locator("#opslaan").ClickAsync();
        Assert.Contains("opgeslagen", await first.Page.Locator("#opgeslagen").InnerTextAsync(), StringComparison.Ordinal);
        await first.ExpectAccessibleAsync();

        await second.Page.Locator("#" + QuestionnaireFields.Option(level, 4)).CheckAsync();
        await second.Page.Locator("#" + QuestionnaireFields.Explanation(level)).FillAsync("Versie van de tweede collega");
        await second.Page.Locator("#opslaan").ClickAsync();

        await second.ExpectAccessibleAsync();
        Assert.Contains("een collega heeft intussen een nieuwere versie opgeslagen", await second.Page.Locator("#conflict").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await second.Page.Locator("#" + QuestionnaireFields.Option(level, 4)).IsCheckedAsync(), "The second colleague's choice stays in the form.");
        Assert.Equal("Versie van de tweede collega", await second.Page.Locator("#" + QuestionnaireFields.Explanation(level)).InputValueAsync());
        var theirs = await second.Page.Locator($"#{QuestionnaireFields.Value(level)}-vraag [data-theirs]").InnerTextAsync();
        Assert.Contains("Niveau 2", theirs, StringComparison.Ordinal);
        Assert.Contains("Versie van de eerste collega", theirs, StringComparison.Ordinal);
        var store = web.Server.Service<SubmissionStore>();
        var stored = (await store.GetAsync(Year, municipality))!.Record;
        Assert.Equal(1, stored.Version);
        Assert.Equal(new LevelValue(2), stored.Submission.AnswerTo(level.Id)!.Value);

        // The second colleague chooses to save their version over it.
        Assert.Equal("Mijn versie opslaan", await second.Page.Locator("#opslaan").InnerTextAsync());
        await second.Page.Locator("#opslaan").ClickAsync();
        Assert.Contains("opgeslagen", await second.Page.Locator("#opgeslagen").InnerTextAsync(), StringComparison.Ordinal);
        await second.ExpectAccessibleAsync();
        stored = (await store.GetAsync(Year, municipality))!.Record;
        Assert.Equal(2, stored.Version);
        Assert.Equal(new LevelValue(4), stored.Submission.AnswerTo(level.Id)!.Value);
        var earlier = (await store.VersionAsync(Year, municipality, 1))!;
        Assert.Equal(new LevelValue(2), earlier.Submission.AnswerTo(level.Id)!.Value);
        Assert.Equal("Versie van de eerste collega", earlier.Submission.AnswerTo(level.Id)!.Explanation);
    }

    [Fact]
    public async Task AnotherMunicipalityCannotOpenThisMunicipalitysAnswersOrReportByTheAddress()
    {
        var fill = new MunicipalityFilling(web);
        var domain = fill.Domains[0].Id;
        // A municipality whose answers are not approved, so no benchmark or report of anyone else can name it.
        var victim = (await web.Server.Service<SubmissionStore>().ListAsync(Year))
            .First(r => r.Status is SubmissionStatus.Draft or SubmissionStatus.Submitted or SubmissionStatus.Rejected && r.Submission.Answers.Values.Any(a => a.Explanation is { Length: > 0 }));
        var municipality = victim.Municipality;
        var level = fill.Questions(domain).First(q => q.Type == QuestionType.Level);

        await using var other = await web.OpenAsync();
        await other.SignInAsync(await web.KeyAsync(Role.Municipality, web.OtherMunicipality));
        string[] addresses =
        [
            $"/gemeente/{Year}",
            MunicipalityFilling.Url(domain),
            MunicipalityFilling.Url(domain) + "?gemeente=" + municipality,
            $"/gemeente/{Year}/indienen",
            $"/gemeente/{Year}/resultaten",
            $"/gemeente/{Year}/resultaten?handler=rapport&formaat=html&taal=nl&gemeente={municipality}",
        ];
        foreach (var address in addresses)
        {
            var response = await other.GotoAsync(address);
            // 409: the session's own report is from an earlier computation (other tests recompute); never someone else's.
            Assert.True(response!.Status is 200 or 404 or 409, $"{address}: {response.Status}");
            var content = await other.Page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain(municipality, content, StringComparison.Ordinal);
            await other.ExpectAccessibleAsync();
        }

        var pdf = await other.Page.APIRequest.GetAsync($"/gemeente/{Year}/resultaten?handler=rapport&formaat=pdf&taal=nl&gemeente={municipality}");
        Assert.DoesNotContain(municipality, pdf.Headers.GetValueOrDefault("content-disposition") ?? "", StringComparison.Ordinal);

        // Without a session: to the sign-in page.
        await using var anonymous = await web.OpenAsync();
        await anonymous.GotoAsync(MunicipalityFilling.Url(domain));
        Assert.Contains("/inloggen?terug=", anonymous.Page.Url, StringComparison.Ordinal);
        await anonymous.ExpectAccessibleAsync();

        // The municipality's own council reads the answers, and cannot change them.
        await using var council = await web.OpenAsync();
        await council.SignInAsync(await web.KeyAsync(Role.Council, municipality));
        await council.GotoAsync(MunicipalityFilling.Url(domain));
        await council.ExpectAccessibleAsync();
        var shown = await council.Page.Locator("#" + QuestionnaireFields.Value(level)).InnerTextAsync();
        Assert.Contains(QuestionnaireForm.Describe(level, victim.Submission.AnswerTo(level.Id), fill.Catalog.ModelForCycle(2026), new WebText(new Microsoft.AspNetCore.Http.HttpContextAccessor())), shown, StringComparison.Ordinal);
        Assert.Equal(0, await council.Page.Locator("form[data-questionnaire]").CountAsync());
        Assert.Contains("raad", await council.Page.Locator("#alleen-lezen").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterApprovalBenchmarkAndReportsTheMunicipalitySeesItsScoresPositionLearnFromAndDownloadsItsReport()
    {
        var fill = new MunicipalityFilling(web);
        var (municipality, key) = await web.FreshMunicipalityAsync();
        var service = web.Server.Service<SubmissionService>();
        var actor = new Actor("test", Role.Municipality, municipality);
        await SaveAsync(fill, municipality, level: 2, "Toelichting");
        Assert.Null((await service.SubmitAsync(actor, new SubmitAnswers(Year, municipality, null, 1))).Refusal);
        var analyst = new Actor("analist", Role.Analyst, null);
        Assert.Null((await web.Server.Service<ReviewService>().ReviewAsync(analyst, new ReviewSubmission(Year, municipality, SubmissionAction.Approved, null, 2))).Refusal);

        await using var session = await web.OpenAsync();
        await session.SignInAsync(key);
        await session.GotoAsync($"/gemeente/{Year}/resultaten");
        await session.ExpectAccessibleAsync();
        Assert.Contains("na de laatste berekening", await session.Page.Locator("#nog-geen-benchmark").InnerTextAsync(), StringComparison.Ordinal);
        var missing = await session.GotoAsync($"/gemeente/{Year}/resultaten?handler=rapport&formaat=pdf&taal=nl");
        Assert.Equal(404, missing!.Status);
        Assert.Contains("nog niet", await session.Page.Locator("#rapport-probleem").InnerTextAsync(), StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();

        var computed = await web.Server.Service<BenchmarkService>().ComputeAsync(Year, false, "test");
        Assert.Null(computed.Refusal);
        // This municipality's reports, rendered the way the queue worker renders each message of a batch.
        await web.Server.Service<ReportService>().RenderNowAsync(Year, municipality, ["nl", "en"]);

        await session.GotoAsync($"/gemeente/{Year}/resultaten");
        await session.ExpectAccessibleAsync();
        var index = await session.Page.Locator("#index").InnerTextAsync();
        Assert.Matches("^[0-9]+,[0-9]$", index);
        Assert.True(await session.Page.Locator("#domeinscores tbody tr").CountAsync() >= 8);
        Assert.True(await session.Page.Locator("#groepen tbody tr").CountAsync() >= 1);
        Assert.True(await session.Page.Locator("#percentielen tbody tr").CountAsync() >= 1);
        Assert.True(await session.Page.Locator("#leerlijst > li").CountAsync() >= 1);
        Assert.Equal(4, await session.Page.Locator("#rapporten a").CountAsync());

        var pdf = await session.Page.APIRequest.GetAsync($"/gemeente/{Year}/resultaten?handler=rapport&formaat=pdf&taal=nl");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Contains($"benchmark-{Year}-{municipality}-nl.pdf", pdf.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.Locator("#rapporten a", new() { HasTextString = "Engels (PDF)" }).ClickAsync());
        await using (var stream = await download.CreateReadStreamAsync())
        {
            var head = new byte[4];
            await stream.ReadExactlyAsync(head);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(head));
        }

        var html = await session.GotoAsync($"/gemeente/{Year}/resultaten?handler=rapport&formaat=html&taal=nl");
        Assert.Equal(200, html!.Status);
        Assert.StartsWith("text/html", html.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains(municipality, await session.Page.ContentAsync(), StringComparison.Ordinal);
        await session.ExpectAccessibleAsync();
    }

    /// <summary>
    /// A complete set of answers (as submitting asks) with every level question at <paramref name="level"/> and its
    /// explanation, saved as a colleague of the municipality would through the API.
    /// </summary>
    private async Task SaveAsync(MunicipalityFilling fill, string municipality, int level, string explanation)
    {
        var model = fill.Catalog.ModelOf(fill.Questionnaire);
        var complete = Benchmark.Core.Demo.DemoGenerator.Generate(fill.Catalog, 5, [Year]).Submissions
            .First(s => Benchmark.Core.Scoring.SubmissionCompleteness.Missing(model, fill.Questionnaire, s).Count == 0);
        var answers = complete.Answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var question in fill.Questionnaire.Questions.Where(q => q.Type == QuestionType.Level))
        {
            answers[question.Id] = Answer.Of(new LevelValue(level), explanation);
        }

        var submission = new Submission(municipality, Year, fill.Questionnaire.Version, false, answers, new Dictionary<string, int>());
        var saved = await web.Server.Service<SubmissionService>().SaveDraftAsync(new Actor("test", Role.Municipality, municipality), new SaveDraft(Year, municipality, submission, null));
        Assert.Null(saved.Refusal);
    }
}
