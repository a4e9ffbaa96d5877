using System.Text.Json;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Benchmark.Functions.Tests.Web;

/// <summary>
/// What axe cannot see: every page the app maps, as each kind of visitor, at a desktop and a phone width, in a real
/// Chromium. LayoutCheck.js (next to this file) reports a word broken over lines, a label or cell squeezed narrower
/// than its words, a caption scrolled out of view, content wider than the window and elements drawn over each other.
/// </summary>
[Collection(WebTests.Name)]
public sealed class PageLayoutTests(WebFixture web)
{
    private static readonly int[] Widths = [1280, 375];

    [Fact]
    public async Task NoPageBreaksWordsSqueezesLabelsOverflowsOrOverlapsAtDesktopOrPhoneWidthForAnyVisitor()
    {
        var check = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "tests", "Benchmark.Functions.Tests", "Web", "LayoutCheck.js"));
        var records = await web.Server.Service<SubmissionStore>().ListAsync(WebFixture.Cycle);
        var approved = web.OtherMunicipality;
        var drafting = records.First(r => r.Status == SubmissionStatus.Draft).Municipality;
        var domain = web.Server.Service<QuestionnaireCatalog>().ModelForCycle(WebFixture.Cycle).Domains[0].Id;
        var year = WebFixture.Cycle;

        var visits = new (string Visitor, string? Key, string[] Paths)[]
        {
            ("anonymous", null, ["/", "/inloggen", "/toegankelijkheid", "/fout/404", "/geen-toegang", "/taal/nl?terug=/toegankelijkheid"]),
            ("analyst", web.AnalystKey, ["/analist", $"/analist/{year}", $"/analist/{year}/rapporten", $"/analist/{year}/verdelingen", $"/analist/{year}/praktijkvoorbeelden", $"/analist/{year}/inzendingen/{approved}", "/uitloggen"]),
            ("municipality with an approved round", await web.Server.CreateKeyAsync(Role.Municipality, approved), ["/gemeente", $"/gemeente/{year}", $"/gemeente/{year}/resultaten", $"/gemeente/{year}/indienen"]),
            ("council", await web.Server.CreateKeyAsync(Role.Council, approved), ["/gemeente", $"/gemeente/{year}/resultaten"]),
            ("municipality with a draft", await web.Server.CreateKeyAsync(Role.Municipality, drafting), ["/gemeente", $"/gemeente/{year}", $"/gemeente/{year}/vragenlijst/{domain}", $"/gemeente/{year}/indienen"]),
        };

        // Every page the app maps is visited by someone: a new page cannot escape this test.
        var templates = web.Server.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var visited = visits.SelectMany(v => v.Paths).Select(p => p.Split('?')[0]).ToList();
        var unvisited = templates.Where(t => !visited.Any(path => Matches(t, path))).ToList();
        Assert.True(unvisited.Count == 0, "Pages no visitor opens in this test: " + string.Join(", ", unvisited));

        var findings = new List<string>();
        foreach (var (visitor, key, paths) in visits)
        {
            await using var session = await web.OpenAsync();
            if (key is not null)
            {
                await session.SignInAsync(key);
            }

            foreach (var width in Widths)
            {
                await session.Page.SetViewportSizeAsync(width, 900);
                foreach (var path in paths)
                {
                    await session.GotoAsync(path);
                    var found = await session.Page.EvaluateAsync<JsonElement>(check);
                    findings.AddRange(found.EnumerateArray().Select(f => $"{path} as {visitor} at {width} px: {f.GetString()}"));
                }
            }
        }

        Assert.True(findings.Count == 0, $"{findings.Count} layout problem(s):\n" + string.Join("\n", findings.Take(60)));
    }

    [Fact]
    public async Task TheLayoutCheckFindsAWordBrokenOverLinesASqueezedLabelAndOverflow()
    {
        // The check itself must be able to fail: a page made to break the way the analyst pages once did.
        var check = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "tests", "Benchmark.Functions.Tests", "Web", "LayoutCheck.js"));
        await using var session = await web.OpenAsync();
        await session.GotoAsync("/toegankelijkheid");
        await session.Page.SetViewportSizeAsync(375, 900);
        await session.Page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              const table = document.createElement('table');
              table.innerHTML = '<tr><th>Goedgekeurd</th><td>Ingediend</td></tr>';
              table.querySelectorAll('th, td').forEach(cell => { cell.style.width = '20px'; cell.style.wordBreak = 'break-all'; cell.style.whiteSpace = 'normal'; });
              main.append(table);
              const label = document.createElement('label');
              label.textContent = 'Ja, ik wil ronde 2027 sluiten';
              label.style.display = 'inline-block'; label.style.width = '40px';
              main.append(label);
              const wide = document.createElement('div');
              wide.style.width = '900px'; wide.textContent = 'breed';
              main.append(wide);
            }
            """);

        var findings = (await session.Page.EvaluateAsync<JsonElement>(check)).EnumerateArray().Select(f => f.GetString()!).ToList();

        Assert.Contains(findings, f => f.Contains("\"Goedgekeurd\" is broken", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("Ja, ik wil ronde 2027 sluiten", StringComparison.Ordinal) && f.Contains("takes", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("wide in a 375px window", StringComparison.Ordinal));
    }

    private static bool Matches(string template, string path)
    {
        var parts = template.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        return parts.Length == actual.Length && parts.Zip(actual).All(p => p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }
}
