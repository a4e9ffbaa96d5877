using System.Globalization;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Functions.Web;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>How the journey tests fill in the questionnaire: simple valid values, with the mouse or with the keyboard alone.</summary>
public sealed class MunicipalityFilling(WebFixture web)
{
    public const int Year = WebFixture.Cycle;
    public const string Explanation = "Toelichting van de test";

    public QuestionnaireCatalog Catalog => web.Server.Service<QuestionnaireCatalog>();

    public Questionnaire Questionnaire => Catalog.Version(Year.ToString(CultureInfo.InvariantCulture))!;

    /// <summary>The domains with questions, in the order of the pages.</summary>
    public IReadOnlyList<Domain> Domains => Catalog.ModelForCycle(2026).Domains.Where(d => Questions(d.Id).Any()).ToList();

    public IEnumerable<Question> Questions(string domainId) =>
        Catalog.ModelForCycle(2026).BlocksIn(domainId).Where(b => Questionnaire.BlocksById.ContainsKey(b.Id)).SelectMany(b => Questionnaire.BlocksById[b.Id].Questions);

    public static string Url(string domainId) => $"/gemeente/{Year}/vragenlijst/{domainId}";

    /// <summary>A valid number for a number question.</summary>
    public static string NumberFor(Question question)
    {
        var value = (question.Min ?? 0) + 1;
        return (question.Max is { } max && value > max ? question.Min ?? 0 : value).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Answers every question of the open domain page with the mouse and Playwright's fill.</summary>
    public async Task FillWithMouseAsync(IPage page, string domainId, string? numberOverride = null)
    {
        foreach (var question in Questions(domainId))
        {
            switch (question.Type)
            {
                case QuestionType.Level:
                    await page.Locator("#" + QuestionnaireFields.Option(question, 3)).CheckAsync();
                    break;
                case QuestionType.YesNo or QuestionType.Single or QuestionType.Multi:
                    await page.Locator("#" + QuestionnaireFields.Option(question, 1)).CheckAsync();
                    break;
                case QuestionType.Number:
                    await page.Locator("#" + QuestionnaireFields.Value(question)).FillAsync(numberOverride ?? NumberFor(question));
                    break;
                case QuestionType.Text:
                    await page.Locator("#" + QuestionnaireFields.Value(question)).FillAsync("Antwoord van de test");
                    break;
            }

            if (question.ExplanationRequired)
            {
                await page.Locator("#" + QuestionnaireFields.Explanation(question)).FillAsync(Explanation);
            }
        }
    }

    /// <summary>Answers every question of the open domain page with the keyboard alone: Tab to each field, then Space, arrows or typing.</summary>
    public async Task FillWithKeyboardAsync(WebSession session, string domainId, string? numberOverride = null)
    {
        var page = session.Page;
        foreach (var question in Questions(domainId))
        {
            switch (question.Type)
            {
                case QuestionType.Level:
                    await session.TabToAsync(page.Locator("#" + QuestionnaireFields.Option(question, 1)));
                    await page.Keyboard.PressAsync("Space");
                    await page.Keyboard.PressAsync("ArrowDown");
                    await page.Keyboard.PressAsync("ArrowDown");
                    break;
                case QuestionType.YesNo or QuestionType.Single or QuestionType.Multi:
                    await session.TabToAsync(page.Locator("#" + QuestionnaireFields.Option(question, 1)));
                    await page.Keyboard.PressAsync("Space");
                    break;
                case QuestionType.Number:
                    await session.TabToAsync(page.Locator("#" + QuestionnaireFields.Value(question)));
                    await page.Keyboard.TypeAsync(numberOverride ?? NumberFor(question));
                    break;
                case QuestionType.Text:
                    await session.TabToAsync(page.Locator("#" + QuestionnaireFields.Value(question)));
                    await page.Keyboard.TypeAsync("Antwoord van de test");
                    break;
            }

            if (question.ExplanationRequired)
            {
                await session.TabToAsync(page.Locator("#" + QuestionnaireFields.Explanation(question)));
                await page.Keyboard.TypeAsync(Explanation);
            }
        }
    }

    /// <summary>Checks that the open domain page shows the answers the fill methods gave.</summary>
    public async Task ExpectFilledAsync(IPage page, string domainId)
    {
        foreach (var question in Questions(domainId))
        {
            switch (question.Type)
            {
                case QuestionType.Level:
                    Assert.True(await page.Locator("#" + QuestionnaireFields.Option(question, 3)).IsCheckedAsync(), question.Id);
                    break;
                case QuestionType.YesNo or QuestionType.Single or QuestionType.Multi:
                    Assert.True(await page.Locator("#" + QuestionnaireFields.Option(question, 1)).IsCheckedAsync(), question.Id);
                    break;
                case QuestionType.Number:
                    Assert.Equal(NumberFor(question), await page.Locator("#" + QuestionnaireFields.Value(question)).InputValueAsync());
                    break;
                case QuestionType.Text:
                    Assert.Equal("Antwoord van de test", await page.Locator("#" + QuestionnaireFields.Value(question)).InputValueAsync());
                    break;
            }

            if (question.ExplanationRequired)
            {
                Assert.Equal(Explanation, await page.Locator("#" + QuestionnaireFields.Explanation(question)).InputValueAsync());
            }
        }
    }
}
