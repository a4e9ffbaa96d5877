using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Benchmark.Core.Application;
using Benchmark.Core.Register;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>
/// Issue 18, open data through the running service: a round of five built for withholding (two leaders of WOZ tie at the
/// top, one consented to be named and one did not), downloaded by an analyst while the round is open and by anyone once
/// it is closed, and held against what a member reads of the same groups.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class OpenDataTests(AzuriteFixture fixture)
{
    private static readonly string[] Codes = ["GM9811", "GM9812", "GM9813", "GM9814", "GM9815"];
    private static readonly string[] Figures = ["n", "mean", "median", "p10", "p25", "p75", "p90", "withheldReason"];

    [Fact]
    public async Task AnalystsGetTheOpenDataAnyTimeAnyoneOnceTheRoundIsClosedAndNoFileNamesTheLeaderWhoDidNotConsent()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "100000" });
        var municipalities = Codes.Select((c, i) => new Municipality(c, $"Opendorp {i + 1}", $"Opendorp {i + 1}", "Zeeland", 30_000 + i, [], [])).ToList();
        await server.Service<RegisterStore>().ImportAsync(new MunicipalityRegister(Api.Cycle, municipalities));
        await Api.OpenCycleAsync(server);
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        using var staff = server.Client(await server.CreateKeyAsync(Role.Municipality, Codes[0]));
        for (var i = 0; i < Codes.Length; i++)
        {
            // The first two are the top of WOZ with the same answers; only the first consents to be named (the five
            // share every other answer, so on other blocks all five may lead: the first alone may be named there too).
            var body = Api.ValidSubmission(server, Codes[i]);
            body["consentToBeNamed"] = i == 0;
            var answers = body["answers"]!.AsObject();
            answers["woz.niveau"] = new JsonObject { ["value"] = i < 2 ? 4 : 2, ["explanation"] = "Zo voeren wij de Wet WOZ uit." };
            answers["woz.oordeel-waarderingskamer"] = new JsonObject { ["value"] = i < 2 ? "vier-sterren" : "twee-sterren" };
            using var own = i == 0 ? null : server.Client(await server.CreateKeyAsync(Role.Municipality, Codes[i]));
            var client = own ?? staff;
            using var saved = await Api.SaveDraftAsync(client, Codes[i], body);
            Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
            using var submitted = await Api.PostAsync(client, Api.SubmissionPath(Codes[i]) + "/submit", saved.Headers.ETag!.Tag);
            Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
            using var approved = await Api.PostAsync(analyst, Api.SubmissionPath(Codes[i]) + "/approve");
            Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        using (var computed = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark"))
        {
            Assert.True(computed.StatusCode == HttpStatusCode.OK, await computed.Content.ReadAsStringAsync());
        }

        var path = $"/api/v1/cycles/{Api.Cycle}/open-data";
        using var anyone = server.Client();
        using var wrongKey = server.Client("bmk_dezesleutelbestaatniet");

        // While the round is open: the analyst's to check, nobody else's.
        using var early = await analyst.GetAsync(path);
        using var earlyAnonymous = await anyone.GetAsync(path);
        using var earlyMunicipality = await staff.GetAsync(path);
        using var badFormat = await analyst.GetAsync(path + "?format=xlsx");
        using var badTable = await analyst.GetAsync(path + "?format=csv&tabel=scores");
        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            (early.StatusCode, earlyAnonymous.StatusCode, earlyMunicipality.StatusCode, badFormat.StatusCode, badTable.StatusCode));
        Assert.Equal(OpenDataRefusals.NotPublished, (await Api.BodyAsync(earlyAnonymous))["code"]!.GetValue<string>());
        Assert.Contains(earlyAnonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var refusals = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/audit/{AuditAreas.Refusals}"))!;
        Assert.Single(refusals, e => (string?)e!["subject"] == $"open data of cycle {Api.Cycle}");

        using (var closed = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/close"))
        {
            Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        }

        // Once it is closed: anyone, the same bytes as the analyst got; a key that does not work is still refused.
        using var json = await anyone.GetAsync(path);
        using var zip = await anyone.GetAsync(path + "?format=csv");
        using var leadersCsv = await anyone.GetAsync(path + "?format=csv&tabel=leaders");
        using var refused = await wrongKey.GetAsync(path);
        Assert.Equal((HttpStatusCode.OK, "application/json", $"open-data-{Api.Cycle}.json"), (json.StatusCode, json.Content.Headers.ContentType?.MediaType, json.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        Assert.Equal(await early.Content.ReadAsStringAsync(), await json.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, "application/zip", HttpStatusCode.OK), (zip.StatusCode, zip.Content.Headers.ContentType?.MediaType, leadersCsv.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var files = new List<string> { await json.Content.ReadAsStringAsync(), await leadersCsv.Content.ReadAsStringAsync() };
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(OpenDataTables.All.Select(t => t + ".csv"), archive.Entries.Select(e => e.FullName));
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                files.Add(await reader.ReadToEndAsync());
            }
        }

        // The leader who consented is named, under code and name; the one who did not is nowhere, nor is anyone else.
        var data = JsonNode.Parse(files[0])!;
        Assert.All(data["leaders"]!.AsArray(), l => Assert.Equal(Codes[0], (string?)l!["municipalityCode"]));
        var leader = Assert.Single(data["leaders"]!.AsArray(), l => (string?)l!["block"] == "woz")!;
        Assert.Equal(("woz", Codes[0], "Opendorp 1"), ((string?)leader["block"], (string?)leader["municipalityCode"], (string?)leader["municipalityName"]));
        Assert.Contains("woz,1,GM9811,Opendorp 1,4,", files[1], StringComparison.Ordinal);
        var national = (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/cycles/{Api.Cycle}/benchmark/national"))!;
        Assert.Equal(2, national["leadersByBlock"]!["woz"]!.AsArray().Count);
        foreach (var file in files)
        {
            Assert.All(Codes.Skip(1), code => Assert.DoesNotContain(code, file, StringComparison.Ordinal));
            Assert.All(Enumerable.Range(2, 4), i => Assert.DoesNotContain($"Opendorp {i}", file, StringComparison.Ordinal));
        }

        // The figures are those a member reads of its own groups, and a group of five shows n and its mean only.
        var position = (await staff.GetFromJsonAsync<JsonObject>(Api.SubmissionPath(Codes[0]) + "/position"))!;
        var statistics = data["statistics"]!.AsArray();
        foreach (var group in position["groups"]!.AsArray())
        {
            foreach (var (measure, figures) in group!["measures"]!.AsObject())
            {
                var open = statistics.Single(s => (string?)s!["group"] == (string?)group["id"] && (string?)s!["measure"] == measure)!;
                Assert.All(Figures, f => Assert.Equal(figures![f]?.ToJsonString(), open[f]?.ToJsonString()));
            }
        }

        var index = statistics.Single(s => (string?)s!["group"] == "all" && (string?)s!["measure"] == "index")!;
        Assert.Equal(5, index["n"]!.GetValue<int>());
        Assert.NotNull(index["mean"]);
        Assert.Null(index["median"]);

        // The analysts' reports page links to the same files, downloaded with the session.
        using var web = await Web.WebClient.SignedInAsync(server.Address, await server.CreateKeyAsync(Role.Analyst));
        var page = await web.GetStringAsync($"/analist/{Api.Cycle}/rapporten");
        var link = WebUtility.HtmlDecode(OpenDataLink().Match(page).Groups["href"].Value);
        Assert.Equal(files[0], await web.GetStringAsync(link));
    }

    [GeneratedRegex("id=\"open-data-json\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex OpenDataLink();
}
