using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Functions.Tests;

/// <summary>
/// Every endpoint the app maps × every kind of caller: 401 without a key or with a bad, unknown or revoked one,
/// 403 for the wrong role or another municipality, through for the callers the policy allows.
/// The endpoints come from the app itself, so a new endpoint without an expectation here fails the test.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AuthorizationMatrixTests(AzuriteFixture fixture)
{
    private const string Own = "GM0363";
    private const string Other = "GM0518";
    private const string SubmissionRoute = "/api/v1/cycles/{year:int}/submissions/{municipality:gmcode}";

    /// <summary>The values that make a route pattern a concrete URL; every route parameter must be here.</summary>
    private static readonly Dictionary<string, string> RouteValues = new(StringComparer.Ordinal)
    {
        ["year"] = "2026",
        ["municipality"] = Own,
        ["version"] = "1",
        ["area"] = "keys",
        ["id"] = "testgroep",
        ["question"] = "digid.niveau",
        ["documentName"] = "v1",
    };

    /// <summary>
    /// The policy, keyed by HTTP method and route pattern as the app maps them. Writes run in this order, each only
    /// after all its refused callers, so that every allowed write finds the state it needs (reject → save draft →
    /// submit → approve → reopen → close → open).
    /// </summary>
    private static readonly (string Endpoint, Access Access, Func<ApiServer, JsonNode?>? Body)[] Policy =
    [
        ("GET /api/health", Access.Anyone, null),
        ("GET /api/openapi/{documentName:openapi}.json", Access.Anyone, null),
        ("GET /api/v1/cycles", Access.AnyKey, null),
        ("GET /api/v1/cycles/{year:int}", Access.AnyKey, null),
        ("GET /api/v1/cycles/{year:int}/questionnaire", Access.AnyKey, null),
        ("GET /api/v1/cycles/{year:int}/submissions", Access.AnalystOnly, null),
        ("GET " + SubmissionRoute, Access.Readers, null),
        ("GET " + SubmissionRoute + "/versions", Access.Readers, null),
        ("GET " + SubmissionRoute + "/versions/{version:int}", Access.Readers, null),
        ("GET " + SubmissionRoute + "/scores", Access.Readers, null),
        ("GET " + SubmissionRoute + "/audit", Access.AnalystOrOwnMunicipality, null),
        ("GET /api/v1/audit/{area}", Access.AnalystOnly, null),
        ("GET " + SubmissionRoute + "/position", Access.Readers, null),
        ("GET " + SubmissionRoute + "/learn-from", Access.Readers, null),
        ("GET /api/v1/cycles/{year:int}/benchmark/groups", Access.AnalystOnly, null),
        ("GET /api/v1/cycles/{year:int}/benchmark/national", Access.AnalystOnly, null),
        ("GET /api/v1/cycles/{year:int}/flags", Access.AnalystOnly, null),
        ("GET /api/v1/cycles/{year:int}/practice-notes", Access.AnalystOnly, null),
        ("GET " + SubmissionRoute + "/report", Access.Readers, null),
        ("GET /api/v1/cycles/{year:int}/reports/batches", Access.AnalystOnly, null),
        ("GET /api/v1/cycles/{year:int}/reports/failed", Access.AnalystOnly, null),
        ("GET /api/v1/cycles/{year:int}/reports/national", Access.AnalystOnly, null),
        ("GET /api/v1/cycles/{year:int}/export", Access.AnalystOnly, null),

        // Anonymous at the door, but while the cycle is open (as here) only analysts get it; OpenDataTests covers the closed cycle.
        ("GET /api/v1/cycles/{year:int}/open-data", Access.AnalystOnly, null),
        ("POST /api/v1/cycles/{year:int}/benchmark", Access.AnalystOnly, null),
        ("POST /api/v1/cycles/{year:int}/reports", Access.AnalystOnly, null),
        ("POST /api/v1/cycles/{year:int}/flags/{id}/dismiss", Access.AnalystOnly, _ => new JsonObject { ["comment"] = "Nagebeld; klopt." }),
        ("PUT /api/v1/cycles/{year:int}/practice-notes/{municipality:gmcode}/{question}", Access.AnalystOnly, _ => new JsonObject { ["status"] = "approved" }),
        ("PUT /api/v1/cycles/{year:int}/groups/{id}", Access.AnalystOnly, _ => new JsonObject { ["label"] = "Testgroep", ["members"] = new JsonArray("GM0363", "GM0518", "GM9001", "GM9002", "GM9003", "GM9004") }),
        ("POST " + SubmissionRoute + "/reject", Access.AnalystOnly, _ => new JsonObject { ["comment"] = "Toelichting DigiD ontbreekt." }),
        ("PUT " + SubmissionRoute + "/draft", Access.OwnMunicipalityOnly, ChangedAnswers),
        ("PATCH " + SubmissionRoute + "/draft", Access.OwnMunicipalityOnly, _ => new JsonObject { ["answers"] = new JsonObject { ["digid.niveau"] = new JsonObject { ["value"] = 3, ["explanation"] = "Aangevuld met een samenvoeging." } } }),
        ("POST " + SubmissionRoute + "/submit", Access.OwnMunicipalityOnly, null),
        ("POST " + SubmissionRoute + "/approve", Access.AnalystOnly, null),
        ("POST " + SubmissionRoute + "/reopen", Access.AnalystOnly, _ => new JsonObject { ["comment"] = "Graag BAG aanvullen." }),
        ("POST /api/v1/cycles/{year:int}/close", Access.AnalystOnly, null),
        ("PUT /api/v1/cycles/{year:int}", Access.AnalystOnly, _ => new JsonObject { ["deadline"] = Api.Deadline }),
    ];

    private enum Access
    {
        /// <summary>No key needed: health and the OpenAPI document.</summary>
        Anyone,

        /// <summary>Any valid key, whatever its role or municipality.</summary>
        AnyKey,

        AnalystOnly,

        /// <summary>Analysts, and the municipality's own municipality and council keys.</summary>
        Readers,

        /// <summary>Analysts and the municipality's own key; not its council.</summary>
        AnalystOrOwnMunicipality,

        /// <summary>The municipality itself; no council, no analyst, no other municipality.</summary>
        OwnMunicipalityOnly,
    }

    private enum Caller
    {
        NoKey,
        MalformedHeader,
        UnknownKey,
        RevokedKey,
        OwnMunicipality,
        OtherMunicipality,
        OwnCouncil,
        OtherCouncil,
        Analyst,
    }

    private enum Verdict
    {
        Allowed,
        Unauthenticated,
        Forbidden,
    }

    [Fact]
    public async Task EveryEndpointAnswersEveryCallerAsThePolicySays()
    {
        await using var server = await StartAsync();
        var endpoints = CoveredEndpoints(server);
        using var clients = await CallersAsync(server);
        var etag = await ArrangeAsync(server, clients[Caller.OwnMunicipality]);
        var mismatches = new List<string>();

        foreach (var endpoint in endpoints.Where(e => !e.ChangesState))
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                mismatches.AddRange(await CheckAsync(server, clients[caller], endpoint, caller, etag));
            }
        }

        // Writes: first every refused caller, who must change nothing; then the allowed ones, on the state the previous write left.
        foreach (var endpoint in endpoints.Where(e => e.ChangesState))
        {
            var refused = Enum.GetValues<Caller>().Where(c => Expect(endpoint.Access, c) != Verdict.Allowed).ToList();
            var before = await Api.SnapshotAsync(server);
            foreach (var caller in refused)
            {
                mismatches.AddRange(await CheckAsync(server, clients[caller], endpoint, caller, etag));
            }

            if (await Api.SnapshotAsync(server) != before)
            {
                mismatches.Add($"{endpoint.Describe()}: a refused caller changed stored submissions");
            }

            foreach (var caller in Enum.GetValues<Caller>().Except(refused))
            {
                using var response = await SendAsync(server, clients[caller], endpoint, etag);
                etag = response.Headers.ETag?.Tag ?? etag;
                mismatches.AddRange(await JudgeAsync(response, endpoint, caller));
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"{mismatches.Count} of {endpoints.Count * Enum.GetValues<Caller>().Length} (endpoint, caller) pairs answered against the policy:\n" + string.Join("\n", mismatches));
    }

    /// <summary>
    /// Authentication, role and ownership are checked before anything else: a refused caller gets its 401 or 403 however
    /// unreadable its request is, and learns nothing from how the request would have been judged.
    /// </summary>
    [Fact]
    public async Task ARefusedCallerIsRefusedBeforeItsRequestIsRead()
    {
        (string What, string Body, string MediaType, string? IfMatch)[] unreadable =
        [
            ("a body that is not JSON", "{not json", "application/json", null),
            ("a body sent as text/plain", "{}", "text/plain", null),
            ("an If-Match that is no ETag", "{}", "application/json", "garbage"),
        ];
        await using var server = await StartAsync();
        var endpoints = CoveredEndpoints(server);
        using var clients = await CallersAsync(server);
        await ArrangeAsync(server, clients[Caller.OwnMunicipality]);
        var mismatches = new List<string>();

        foreach (var endpoint in endpoints.Where(e => e.ChangesState))
        {
            foreach (var caller in Enum.GetValues<Caller>().Where(c => Expect(endpoint.Access, c) != Verdict.Allowed))
            {
                foreach (var (what, body, mediaType, ifMatch) in unreadable)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
                    if (ifMatch is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                    }

                    using var response = await clients[caller].SendAsync(request);
                    mismatches.AddRange((await JudgeAsync(response, endpoint, caller)).Select(m => $"{m} (with {what})"));
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} refused calls with an unreadable request were not refused as such:\n" + string.Join("\n", mismatches));
    }

    private Task<ApiServer> StartAsync() => ApiServer.StartAsync(fixture, new Dictionary<string, string?>
    {
        // Read revoked keys straight from storage; the app otherwise trusts a looked-up key for a while.
        ["Auth:KeyCacheSeconds"] = "0",
        ["RateLimit:PermitsPerMinute"] = "100000",
    });

    private static Verdict Expect(Access access, Caller caller)
    {
        if (access == Access.Anyone)
        {
            return Verdict.Allowed;
        }

        if (caller is Caller.NoKey or Caller.MalformedHeader or Caller.UnknownKey or Caller.RevokedKey)
        {
            return Verdict.Unauthenticated;
        }

        var allowed = access switch
        {
            Access.AnyKey => true,
            Access.AnalystOnly => caller == Caller.Analyst,
            Access.Readers => caller is Caller.Analyst or Caller.OwnMunicipality or Caller.OwnCouncil,
            Access.AnalystOrOwnMunicipality => caller is Caller.Analyst or Caller.OwnMunicipality,
            Access.OwnMunicipalityOnly => caller == Caller.OwnMunicipality,
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
        };
        return allowed ? Verdict.Allowed : Verdict.Forbidden;
    }

    private static async Task<List<string>> CheckAsync(ApiServer server, HttpClient client, Target endpoint, Caller caller, string etag)
    {
        using var response = await SendAsync(server, client, endpoint, etag);
        return await JudgeAsync(response, endpoint, caller);
    }

    /// <summary>
    /// Allowed: reads answer exactly 200 (the state is arranged for it); writes may meet a state conflict or a validation
    /// error, but never 401, 403 or a server error. Refused: exactly 401 with a Bearer challenge, or exactly 403, both as problem+json.
    /// </summary>
    private static async Task<List<string>> JudgeAsync(HttpResponseMessage response, Target endpoint, Caller caller)
    {
        var verdict = Expect(endpoint.Access, caller);
        var status = (int)response.StatusCode;
        var found = new List<string>();
        void Mismatch(string expected, string actual) => found.Add($"{endpoint.Describe()} as {Describe(caller)}: expected {expected}, got {actual}");

        switch (verdict)
        {
            case Verdict.Allowed when !endpoint.ChangesState:
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Mismatch("200", await StatusAndBodyAsync(response));
                }

                break;
            case Verdict.Allowed:
                if (status is 401 or 403 or >= 500 or < 200 or (>= 300 and < 400))
                {
                    Mismatch("2xx or a 4xx other than 401/403", await StatusAndBodyAsync(response));
                }

                break;
            case Verdict.Unauthenticated:
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    Mismatch("401", await StatusAndBodyAsync(response));
                }
                else
                {
                    if (!response.Headers.WwwAuthenticate.Any(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)))
                    {
                        Mismatch("401 with 'WWW-Authenticate: Bearer'", $"401 with WWW-Authenticate '{response.Headers.WwwAuthenticate}'");
                    }

                    found.AddRange(await ProblemMismatchesAsync(response, 401, endpoint, caller));
                }

                break;
            case Verdict.Forbidden:
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    Mismatch("403", await StatusAndBodyAsync(response));
                }
                else
                {
                    found.AddRange(await ProblemMismatchesAsync(response, 403, endpoint, caller));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), verdict, null);
        }

        return found;
    }

    private static async Task<List<string>> ProblemMismatchesAsync(HttpResponseMessage response, int status, Target endpoint, Caller caller)
    {
        var prefix = $"{endpoint.Describe()} as {Describe(caller)}: expected a {status} problem+json body, got";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return [$"{prefix} content type '{response.Content.Headers.ContentType}'"];
        }

        var text = await response.Content.ReadAsStringAsync();
        try
        {
            var problem = JsonNode.Parse(text)?.AsObject();
            return problem?["status"]?.GetValue<int>() == status && problem["title"] is not null
                ? []
                : [$"{prefix} {Shorten(text)}"];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return [$"{prefix} {Shorten(text)}"];
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiServer server, HttpClient client, Target endpoint, string etag)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
        if (endpoint.ChangesState)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            if (endpoint.Body?.Invoke(server) is { } body)
            {
                request.Content = Api.Json(body);
            }
        }

        return await client.SendAsync(request);
    }

    /// <summary>Cycle 2026 open; the own municipality saved a draft and submitted it. Returns the submission's ETag.</summary>
    private static async Task<string> ArrangeAsync(ApiServer server, HttpClient own)
    {
        await Api.OpenCycleAsync(server);
        using var saved = await Api.SaveDraftAsync(own, Own, Api.ValidSubmission(server, Own));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var submitted = await Api.PostAsync(own, Api.SubmissionPath(Own) + "/submit", saved.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // So that position and learn-from can be read: a register, an approved submission and a computed benchmark.
        await Api.ImportRegisterWithAsync(server, Own, "GM0518");
        using var analyst = server.Client(await server.CreateKeyAsync(Role.Analyst));
        using var approved = await Api.PostAsync(analyst, Api.SubmissionPath(Own) + "/approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        using var computed = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/benchmark");
        Assert.Equal(HttpStatusCode.OK, computed.StatusCode);

        // So that the reports can be downloaded: generated through the queue by the app's own worker.
        using var generated = await Api.PostAsync(analyst, $"/api/v1/cycles/{Api.Cycle}/reports");
        Assert.Equal(HttpStatusCode.Accepted, generated.StatusCode);
        var finished = false;
        var until = DateTime.UtcNow + TestTimeouts.ReportBatch;
        while (!finished && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            finished = (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/cycles/{Api.Cycle}/reports/batches"))![0]!["finished"]!.GetValue<bool>();
        }

        Assert.True(finished, $"the reports were not generated within {TestTimeouts.ReportBatch}");
        return approved.Headers.ETag!.Tag;
    }

    private static JsonObject ChangedAnswers(ApiServer server)
    {
        var answers = Api.ValidSubmission(server, Own);
        answers["answers"]!["digid.niveau"]!["explanation"] = "Aangevuld na afwijzing.";
        return answers;
    }

    /// <summary>One client per kind of caller; the revoked key is an analyst's, shown to work before it is revoked.</summary>
    private static async Task<Callers> CallersAsync(ApiServer server)
    {
        var keys = server.Service<KeyService>();
        var created = await keys.CreateAsync("test", new CreateKey(Role.Analyst, null, "analyst who left"));
        Assert.True(created.Succeeded, created.Refusal?.Detail);
        var revoked = created.Value;
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.NoKey] = server.Client(),
            [Caller.MalformedHeader] = server.Client(),
            [Caller.UnknownKey] = server.Client("bmk_x_y"),
            [Caller.RevokedKey] = server.Client(revoked.Secret),
            [Caller.OwnMunicipality] = server.Client(await server.CreateKeyAsync(Role.Municipality, Own)),
            [Caller.OtherMunicipality] = server.Client(await server.CreateKeyAsync(Role.Municipality, Other)),
            [Caller.OwnCouncil] = server.Client(await server.CreateKeyAsync(Role.Council, Own)),
            [Caller.OtherCouncil] = server.Client(await server.CreateKeyAsync(Role.Council, Other)),
            [Caller.Analyst] = server.Client(await server.CreateKeyAsync(Role.Analyst)),
        };
        clients[Caller.MalformedHeader].DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "xyz");

        using (var beforeRevoking = await clients[Caller.RevokedKey].GetAsync(new Uri("/api/v1/cycles", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, beforeRevoking.StatusCode);
        }

        Assert.True((await keys.RevokeAsync("test", new RevokeKey(revoked.Info.KeyId))).Succeeded);
        return new Callers(clients);
    }

    /// <summary>The app's endpoints in policy order; fails when the app and the policy do not name the same endpoints.</summary>
    private static List<Target> CoveredEndpoints(ApiServer server)
    {
        var endpoints = Endpoints(server, out var coverage);
        Assert.True(coverage.Count == 0, "The app's endpoints and this test's policy differ; give every endpoint an expectation:\n" + string.Join("\n", coverage));
        var order = Policy.Select(p => p.Endpoint).ToList();
        return [.. endpoints.OrderBy(e => order.IndexOf(e.Key))];
    }

    /// <summary>The app's endpoints, one per HTTP method, each with its policy; <paramref name="coverage"/> lists what the policy lacks or has extra.</summary>
    private static List<Target> Endpoints(ApiServer server, out List<string> coverage)
    {
        coverage = [];
        var policy = Policy.ToDictionary(p => p.Endpoint, StringComparer.Ordinal);
        var targets = new List<Target>();
        foreach (var endpoint in server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint is not RouteEndpoint route)
            {
                coverage.Add($"an endpoint that is not a route endpoint: {endpoint.DisplayName}");
                continue;
            }

            var pattern = "/" + (route.RoutePattern.RawText ?? endpoint.DisplayName ?? "").Trim('/');
            if (route.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            {
                continue; // web pages sign in with a session, not a key: PageAuthorizationTests covers them
            }

            var methods = route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                var key = $"{method} {pattern}";
                if (!policy.TryGetValue(key, out var rule))
                {
                    coverage.Add($"no expectation for {key} ({endpoint.DisplayName})");
                    continue;
                }

                var missing = route.RoutePattern.Parameters.Select(p => p.Name).Where(n => !RouteValues.ContainsKey(n)).ToList();
                if (missing.Count > 0)
                {
                    coverage.Add($"no value for route parameter(s) {string.Join(", ", missing)} of {key}");
                    continue;
                }

                var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? key;
                targets.Add(new Target(name, method, key, Url(route.RoutePattern), rule.Access, rule.Body));
            }
        }

        coverage.AddRange(policy.Keys.Except(targets.Select(t => t.Key), StringComparer.Ordinal).Select(k => $"the policy names {k}, which the app does not map"));
        coverage.AddRange(targets.GroupBy(t => t.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} is mapped {g.Count()} times"));
        return targets;
    }

    private static Uri Url(RoutePattern pattern) => new(
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => RouteValues[parameter.Name],
            _ => throw new InvalidOperationException($"Unexpected route part {part.PartKind} in {pattern.RawText}."),
        })))),
        UriKind.Relative);

    private static string Describe(Caller caller) => caller switch
    {
        Caller.NoKey => "no key",
        Caller.MalformedHeader => "a malformed header (Basic xyz)",
        Caller.UnknownKey => "an unknown key",
        Caller.RevokedKey => "a revoked analyst key",
        Caller.OwnMunicipality => $"the own municipality ({Own})",
        Caller.OtherMunicipality => $"another municipality ({Other})",
        Caller.OwnCouncil => $"the own council ({Own})",
        Caller.OtherCouncil => $"another council ({Other})",
        Caller.Analyst => "an analyst",
        _ => caller.ToString(),
    };

    private static async Task<string> StatusAndBodyAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private sealed class Callers(Dictionary<Caller, HttpClient> clients) : IDisposable
    {
        public HttpClient this[Caller caller] => clients[caller];

        public void Dispose()
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private sealed record Target(string Name, string Method, string Key, Uri Url, Access Access, Func<ApiServer, JsonNode?>? Body)
    {
        public bool ChangesState => !HttpMethods.IsGet(Method) && !HttpMethods.IsHead(Method);

        public string Describe() => $"{Name} ({Method} {Url})";
    }
}
