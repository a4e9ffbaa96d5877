using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.Playwright;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// The main pages of each kind of visitor, as Debian's Chromium draws them at a desktop and a phone width, compared
/// with the committed images in Expected/ (next to this file) within a tolerance. After an intended change of a page,
/// regenerate them with UPDATE_EXPECTED_IMAGES=1 and look at them (docs/web.md, "Visual tests").
/// </summary>
/// <remarks>
/// The pages are made deterministic rather than masked: the demo data has a fixed seed and the app a fixed clock,
/// the keys are labelled by role and municipality only, and these tests have a collection of their own, so a
/// <see cref="WebFixture"/> of their own (Azurite, app, Chromium, the same demo load) that no other test changes;
/// in the shared one the journeys submit, approve and reject while these would run, and the analyst's pages count
/// and list exactly that. Nothing on these pages varies from run to run, so nothing is masked: the key, the session
/// and the benchmark's run id are not shown on them, and every time shown comes from the fixed clock.
/// </remarks>
[Collection(WebPageImages.Name)]
public sealed class PageVisualTests(WebFixture web)
{
    /// <summary>
    /// Width by height of the window, and so of the part of a page that is compared: its first screen on a desktop,
    /// its first two or three on a phone; enough to see the layout, and small enough to review and keep under 200 KB.
    /// </summary>
    private static readonly (int Width, int Height)[] Clips = [(1280, 1000), (375, 1600)];

    /// <summary>
    /// Much stricter than the report pages' 0.5 %: the same Chromium on the same kind of machine draws a page the same
    /// way every time (the images of two runs are identical to the byte), and one changed digit in a heading, about
    /// 190 pixels, must not hide under the tolerance: at most 128 pixels of 1280 × 1000 and 60 of 375 × 1600 may differ.
    /// </summary>
    private const double MaximumDifferingShare = 0.0001;

    private const int MaximumImageBytes = 200_000;

    private const int Year = WebFixture.Cycle;

    private static string ExpectedDirectory => Path.Combine(RepositoryRoot.Path, "tests", "Benchmark.Functions.Tests", "Web", "Expected");

    /// <summary>Each page by the name of its images, which starts with who looks at it (see <see cref="VisitAsync"/>).</summary>
    private static readonly string[] PageNames =
    [
        "anonymous-sign-in",
        "municipality-rounds", "municipality-round", "municipality-questionnaire", "municipality-results",
        "council-results",
        "analyst-rounds", "analyst-round", "analyst-review", "analyst-distributions",
    ];

    public static TheoryData<string> Pages => [.. PageNames];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AMainPageLooksAsExpectedAtDesktopAndPhoneWidth(string name)
    {
        var (key, path) = await VisitAsync(name);
        await using var session = await web.OpenAsync();
        if (key is not null)
        {
            await session.SignInAsync(key);
        }

        var failures = new List<string>();
        foreach (var (width, height) in Clips)
        {
            var shot = await ScreenshotAsync(session, path, width, height);
            var failure = ImageComparison.Check(ExpectedDirectory, $"{name}-{width}", shot, MaximumDifferingShare);
            if (failure is not null)
            {
                failures.Add(failure);
            }

            // Every image is reviewed by a person and lives in the repository: it stays small.
            if (shot.Length >= MaximumImageBytes)
            {
                failures.Add($"{name}-{width}.png is {shot.Length} bytes, more than {MaximumImageBytes}; clip it lower.");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task TheComparisonFailsWhenOneDigitOfAHeadingIsChanged()
    {
        // The comparison must be able to fail on a real page, at the tolerance the page images are held to.
        await using var session = await web.OpenAsync();
        await session.SignInAsync(await web.KeyAsync(Role.Analyst));
        var (width, height) = Clips[0];
        var original = await ScreenshotAsync(session, $"/analist/{Year}", width, height);
        var again = await ScreenshotAsync(session, $"/analist/{Year}", width, height);

        await session.Page.Locator("h1").EvaluateAsync("(heading, year) => heading.textContent = heading.textContent.replace(String(year), String(year - 1))", Year);
        var changed = await ShootAsync(session.Page);
        var result = ImageComparison.Compare(original, changed, MaximumDifferingShare);
        var same = ImageComparison.Compare(original, again, MaximumDifferingShare);

        Assert.Equal($"Inzendingen ronde {Year - 1}", await session.Page.Locator("h1").InnerTextAsync());
        Assert.False(result.Passes, result.Summary);
        Assert.True(same.Passes, same.Summary);
        Assert.Equal(0, same.DifferingPixels);
    }

    [Fact]
    public void EveryExpectedImageIsOfAPageThisTestVisitsAndSmall()
    {
        // A renamed or removed page must not leave an image behind that nobody compares with; regenerating removes it.
        var names = PageNames.SelectMany(p => Clips.Select(c => $"{p}-{c.Width}.png")).ToHashSet(StringComparer.Ordinal);
        if (ImageComparison.Updating)
        {
            foreach (var stale in Directory.GetFiles(ExpectedDirectory, "*.png").Where(f => !names.Contains(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }
        }

        var files = Directory.GetFiles(ExpectedDirectory, "*.png").Select(f => new FileInfo(f)).ToList();

        Assert.All(files, f => Assert.Contains(f.Name, names));
        Assert.All(files, f => Assert.True(f.Length < MaximumImageBytes, $"{f.FullName} is {f.Length} bytes"));
    }

    /// <summary>The key to sign in with (none for a visitor who is not signed in) and the page of an image.</summary>
    private async Task<(string? Key, string Path)> VisitAsync(string name)
    {
        // The submissions by code, so the same ones are picked every run.
        var records = (await web.Server.Service<SubmissionStore>().ListAsync(Year)).OrderBy(r => r.Municipality, StringComparer.Ordinal).ToList();
        string With(SubmissionStatus status) => records.First(r => r.Status == status).Municipality;
        var domain = web.Server.Service<QuestionnaireCatalog>().ModelForCycle(Year).Domains[0].Id;
        return name switch
        {
            "anonymous-sign-in" => (null, "/inloggen"),
            "municipality-rounds" => (await web.KeyAsync(Role.Municipality, With(SubmissionStatus.Draft)), "/gemeente"),
            "municipality-round" => (await web.KeyAsync(Role.Municipality, With(SubmissionStatus.Draft)), $"/gemeente/{Year}"),
            "municipality-questionnaire" => (await web.KeyAsync(Role.Municipality, With(SubmissionStatus.Draft)), $"/gemeente/{Year}/vragenlijst/{domain}"),
            "municipality-results" => (await web.KeyAsync(Role.Municipality, With(SubmissionStatus.Approved)), $"/gemeente/{Year}/resultaten"),
            "council-results" => (await web.KeyAsync(Role.Council, With(SubmissionStatus.Approved)), $"/gemeente/{Year}/resultaten"),
            "analyst-rounds" => (await web.KeyAsync(Role.Analyst), "/analist"),
            "analyst-round" => (await web.KeyAsync(Role.Analyst), $"/analist/{Year}"),
            "analyst-review" => (await web.KeyAsync(Role.Analyst), $"/analist/{Year}/inzendingen/{With(SubmissionStatus.Submitted)}"),
            "analyst-distributions" => (await web.KeyAsync(Role.Analyst), $"/analist/{Year}/verdelingen"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such page in this test."),
        };
    }

    private static async Task<byte[]> ScreenshotAsync(WebSession session, string path, int width, int height)
    {
        // The window is the size of the image, before the page loads: the page is laid out at that width from the start,
        // and what stays at the bottom of the window (the questionnaire's save buttons) is drawn at the image's bottom,
        // as a person with a window that tall sees it, not halfway down as in a screenshot of the whole page.
        await session.Page.SetViewportSizeAsync(width, height);
        var response = await session.GotoAsync(path);
        Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
        Assert.Equal(path, new Uri(session.Page.Url).PathAndQuery);
        return await ShootAsync(session.Page);
    }

    private static async Task<byte[]> ShootAsync(IPage page)
    {
        // The pages use the web font in wwwroot with font-display: swap, so until it is in they show a fallback font.
        // Every face of it is loaded (the page may not have asked for one yet), then everything else the page loads.
        var faces = await page.EvaluateAsync<string[]>("""
            async () => {
              const faces = [...document.fonts].filter(face => face.family.replace(/["']/g, '') === 'Source Sans 3');
              await Promise.all(faces.map(face => face.load()));
              await document.fonts.ready;
              return faces.map(face => `${face.weight} ${face.style}: ${face.status}`);
            }
            """);
        Assert.NotEmpty(faces);
        Assert.All(faces, face => Assert.EndsWith(": loaded", face, StringComparison.Ordinal));
        return await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
            Scale = ScreenshotScale.Css,
            Type = ScreenshotType.Png,
        });
    }
}

/// <summary>
/// The visual tests' own collection, so xunit gives them a <see cref="WebFixture"/> of their own: the same demo load,
/// which no journey changes while they run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebPageImages : ICollectionFixture<WebFixture>
{
    public const string Name = "Web pages as images";
}
