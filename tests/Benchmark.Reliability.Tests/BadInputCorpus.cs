using Benchmark.Core.Application;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Benchmark.Reliability.Tests;

/// <summary>Who sends a hostile request: a valid key of a role, no key at all, or whatever Authorization the request itself carries.</summary>
public enum Caller
{
    Analyst,
    Municipality,
    Anonymous,
    Forged,
}

public sealed record RouteParameter(string Name, bool IsInteger, bool IsMunicipalityCode);

/// <summary>One method of one API route, as the app maps it.</summary>
public sealed record ApiEndpoint(string Name, string Method, string Template, IReadOnlyList<RouteParameter> Parameters, IReadOnlyList<string> Query, bool Anonymous, bool AnalystMay, bool MunicipalityMay)
{
    public bool ReadsNoBody => Method is "GET" or "HEAD";

    /// <summary>The valid key for this endpoint: an analyst's when analysts may use it, else the municipality's own.</summary>
    public Caller ValidCaller => Anonymous ? Caller.Anonymous : AnalystMay ? Caller.Analyst : Caller.Municipality;
}

/// <summary>
/// One hostile request. <see cref="Target"/> is the path and query exactly as sent (already percent-encoded); a
/// <see cref="Raw"/> request goes over a plain socket, its target and headers as Latin-1 bytes, so it can carry bytes
/// no HTTP client library would send (invalid UTF-8, control characters).
/// </summary>
public sealed record HostileRequest(
    string Category,
    string Endpoint,
    string Variant,
    string Method,
    string Target,
    Caller Caller,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    bool Raw = false,
    bool Chunked = false,
    bool MaySucceed = false,
    string? OtherMunicipalityArea = null)
{
    public string Name => $"{Category} | {Endpoint} | {Variant}";

    /// <summary>What makes two requests the same request on the wire.</summary>
    public string Fingerprint => string.Join(
        "\n",
        Method,
        Target,
        Caller.ToString(),
        string.Join("\n", Headers.Select(h => h.Key + ": " + h.Value)),
        Body is null ? "-" : Convert.ToHexString(SHA256.HashData(Body)),
        ContentType ?? "-",
        Raw.ToString(),
        Chunked.ToString());
}

/// <summary>
/// A seeded generator of malformed and hostile requests for every /api endpoint the app maps: each route parameter,
/// query parameter and body field gets valid values and hostile ones. The endpoints come from the app itself, so a
/// new endpoint is covered without editing this file.
/// </summary>
public sealed partial class BadInputCorpus
{
    public static class Categories
    {
        public const string BrokenJson = "broken JSON";
        public const string WrongTypes = "wrong types";
        public const string HugeNumbers = "huge numbers";
        public const string DeepNesting = "deep nesting";
        public const string LongStrings = "long strings";
        public const string InvalidUtf8 = "invalid UTF-8";
        public const string HeaderAbuse = "header abuse";
        public const string PathTraversal = "path traversal";
        public const string ODataInjection = "OData injection";
        public const string ControlCharacters = "control and bidi characters";

        public static IReadOnlyList<string> All { get; } = [BrokenJson, WrongTypes, HugeNumbers, DeepNesting, LongStrings, InvalidUtf8, HeaderAbuse, PathTraversal, ODataInjection, ControlCharacters];
    }

    /// <summary>A version no submission has: a body that wrongly passes validation still cannot be written (412).</summary>
    public const string StaleIfMatch = "\"v999\"";

    private const string Marker = "@@hostile@@";

    private readonly IReadOnlyList<ApiEndpoint> _endpoints;
    private readonly IReadOnlyDictionary<string, string> _bodies;
    private readonly int _cycle;
    private readonly string _municipality;
    private readonly int _seed;
    private readonly int _maxBodyBytes;

    /// <param name="bodies">A valid JSON body per endpoint name; endpoints without one get a small generic object.</param>
    public BadInputCorpus(IReadOnlyList<ApiEndpoint> endpoints, IReadOnlyDictionary<string, string> bodies, int cycle, string municipality, int seed, int maxBodyBytes)
    {
        _endpoints = endpoints;
        _bodies = bodies;
        _cycle = cycle;
        _municipality = municipality;
        _seed = seed;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>Every method of every route under /api, with its parameters and who may call it, read from the app's endpoint data sources.</summary>
    public static IReadOnlyList<ApiEndpoint> Endpoints(IEndpointRouteBuilder app) =>
        app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => Describe(e, method.ToUpperInvariant())))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    private static ApiEndpoint Describe(RouteEndpoint endpoint, string method)
    {
        var raw = endpoint.RoutePattern.RawText!;
        var parameters = endpoint.RoutePattern.Parameters
            .Select(p => new RouteParameter(
                p.Name,
                p.ParameterPolicies.Any(policy => policy.Content == "int"),
                p.ParameterPolicies.Any(policy => policy.Content == Functions.Http.MunicipalityCodeRouteConstraint.Name)))
            .ToList();

        // Minimal API handlers name their query parameters: the simple-typed ones that are not route parameters.
        var query = (endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
            .Where(p => IsSimple(p.ParameterType) && parameters.All(r => !string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name!)
            .ToList();

        var roleSets = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
            .SelectMany(policy => policy.Requirements.OfType<RolesAuthorizationRequirement>())
            .Select(requirement => requirement.AllowedRoles.ToHashSet(StringComparer.Ordinal))
            .ToList();
        bool May(string role) => roleSets.All(set => set.Contains(role));
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? raw;
        return new ApiEndpoint(name, method, "/" + raw.TrimStart('/'), parameters, query, anonymous, May("Analyst"), May("Municipality"));
    }

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(string) || underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(decimal) || underlying == typeof(DateTimeOffset) || underlying == typeof(Guid);
    }

    /// <summary>Valid bodies for the endpoints that read one: a complete submission from the demo generator, and small requests.</summary>
    public static IReadOnlyDictionary<string, string> ValidBodies(QuestionnaireCatalog catalog, int cycle, string municipality)
    {
        var questionnaire = catalog.ForCycle(cycle)!;
        var generated = DemoGenerator.Generate(catalog, 5, [cycle]).Submissions
            .First(s => Core.Scoring.ScoringEngine.Score(catalog.ModelForCycle(2026), questionnaire, s).IsComplete);
        var submission = JsonNode.Parse(SubmissionJson.Write(generated with { Municipality = municipality }, questionnaire))!;

        // Every kind of free text a submission holds, so that each can be made hostile: a reason, a practice note with a contact, a text answer.
        var answers = submission["answers"]!.AsObject();
        answers[questionnaire.Questions.First(q => q.NotApplicableAllowed).Id] = new JsonObject { ["notApplicable"] = true, ["reason"] = "Geen eigen loket." };
        var level = questionnaire.Questions.First(q => q.Type == Core.Model.QuestionType.Level && answers[q.Id] is JsonObject { } answer && answer["value"] is not null);
        answers[level.Id]!["practiceNote"] = new JsonObject { ["text"] = "Samen met de buren ingekocht.", ["contactRole"] = "informatiemanager" };
        if (questionnaire.Questions.FirstOrDefault(q => q.Type == Core.Model.QuestionType.Text) is { } text)
        {
            answers[text.Id] = new JsonObject { ["value"] = "Een vrije tekst." };
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SaveDraft"] = submission.ToJsonString(),
            ["SubmitSubmission"] = submission.ToJsonString(),
            ["OpenCycle"] = $$"""{"deadline":"{{cycle}}-12-31T23:59:59Z","questionnaire":"{{questionnaire.Version}}"}""",
            ["ApproveSubmission"] = """{"comment":"ok"}""",
            ["RejectSubmission"] = """{"comment":"please explain block 3"}""",
            ["ReopenSubmission"] = """{"comment":"reopened"}""",
            ["DismissFlag"] = """{"comment":"checked with the municipality"}""",
            ["CuratePracticeNote"] = """{"status":"approved","text":"edited text"}""",
            ["PutPeerGroup"] = """{"label":"Test group","members":["GM0363","GM0518","GM0599","GM0344","GM0014"]}""",
            ["GenerateReports"] = """{"languages":["nl","en"]}""",
        };
    }

    /// <summary>Values that mean something to a route parameter; the hostile ones are built around them.</summary>
    private string ValidValue(RouteParameter parameter) => parameter switch
    {
        { IsMunicipalityCode: true } => _municipality,
        { Name: "year" } => _cycle.ToString(CultureInfo.InvariantCulture),
        { IsInteger: true } => "1",
        { Name: "area" } => "cycles",
        { Name: "documentName" } => "v1",
        _ => "no-such-" + parameter.Name.ToLowerInvariant(),
    };

    private static readonly string HundredDigits = string.Concat(Enumerable.Repeat("1234567890", 10));

    /// <summary>Hostile values for a path segment, already percent-encoded as they go on the wire.</summary>
    private static IEnumerable<(string Category, string Variant, string Value)> HostileSegments(RouteParameter parameter, string valid)
    {
        foreach (var value in new[] { "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fapi", "..%5C..%5Cwindows", "%00", valid + "%00", valid + "%00.json", "%2F", "..%252F..%252F", "%c0%ae%c0%ae%2f", "....%2F%2F", valid + "%2F..%2F..%2F" })
        {
            yield return (Categories.PathTraversal, "segment " + value, value);
        }

        foreach (var value in new[] { "%27", valid + "'%20or%20'1'%20eq%20'1", "'%20or%20PartitionKey%20ne%20'", valid + "'%20or%20RowKey%20ge%20'", "x'%20eq%20'x", "eq", "%24filter%3DPartitionKey%20ne%20''", "PartitionKey%20eq%20'2026'", "'')%20or%20(1%20eq%201", "%2A", valid + "'", "GM0363'%20or%20'1'%20eq%20'1" })
        {
            yield return (Categories.ODataInjection, "segment " + value, value);
        }

        foreach (var value in new[] { "%FF", "%C3%28", valid + "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "%FE%FF" + valid })
        {
            yield return (Categories.InvalidUtf8, "segment " + value, value);
        }

        foreach (var value in new[] { "1e400", "18446744073709551616", "-0", "1e-400", HundredDigits, "-" + HundredDigits, "-9223372036854775809", "NaN", "Infinity", "0x7FFFFFFF" })
        {
            yield return (Categories.HugeNumbers, "segment " + value, value);
        }

        foreach (var value in new[] { "[]", "%7B%7D", "null", "true", "abc", "12.5", "%20" })
        {
            yield return (Categories.WrongTypes, "segment " + value, value);
        }

        yield return (Categories.LongStrings, "segment of 2000 characters", new string('a', 2000));
        yield return (Categories.LongStrings, "segment of 500 encoded characters", string.Concat(Enumerable.Repeat("%C3%A9", 500)));
        if (parameter.IsMunicipalityCode)
        {
            // Codes that look like a municipality's to a careless check.
            yield return (Categories.WrongTypes, "code in full-width digits", "GM%EF%BC%90%EF%BC%93%EF%BC%96%EF%BC%93");
            yield return (Categories.WrongTypes, "code in lower case", valid.ToLowerInvariant());
            yield return (Categories.WrongTypes, "code with five digits", valid + "0");
        }
    }

    /// <summary>Hostile values for a query parameter (the name may itself be hostile).</summary>
    private static IEnumerable<(string Category, string Variant, string Query)> HostileQueries(string name)
    {
        foreach (var value in new[] { "'%20or%20PartitionKey%20ne%20'", "draft'%20or%20'1'%20eq%20'1", "Utrecht'%20or%20'1'%20eq%20'1", "%24filter%3DPartitionKey%20ne%20''", "eq", "%27%29%20or%20%28true", "*" })
        {
            yield return (Categories.ODataInjection, $"{name}={value}", $"{name}={value}");
        }

        foreach (var value in new[] { "%FF", "%C3%28", "%ED%A0%80" })
        {
            yield return (Categories.InvalidUtf8, $"{name}={value}", $"{name}={value}");
        }

        foreach (var value in new[] { "1e400", "18446744073709551616", "-0", "1e-400", HundredDigits, "-9223372036854775809" })
        {
            yield return (Categories.HugeNumbers, $"{name}={value}", $"{name}={value}");
        }

        yield return (Categories.LongStrings, $"{name} of 4000 characters", $"{name}={new string('x', 4000)}");
        yield return (Categories.PathTraversal, $"{name}=..%2F..%2F", $"{name}=..%2F..%2F..%2Fetc%2Fpasswd");
        yield return (Categories.WrongTypes, $"{name} twice", $"{name}=a&{name}=b");
        yield return (Categories.WrongTypes, $"{name}[]", $"{name}[]=1&{name}[a]=2");
        yield return (Categories.WrongTypes, $"{name}=null", $"{name}=null");
    }

    public IReadOnlyList<HostileRequest> Generate()
    {
        var random = new Random(_seed);
        var requests = new List<HostileRequest>();
        foreach (var endpoint in _endpoints)
        {
            requests.AddRange(PathRequests(endpoint, random));
            requests.AddRange(QueryRequests(endpoint));
            requests.AddRange(HeaderRequests(endpoint));
            if (!endpoint.ReadsNoBody)
            {
                // A mutation that leaves the valid body as it was (no arrays to turn into objects) is no hostile request.
                var valid = Encoding.UTF8.GetBytes(_bodies.GetValueOrDefault(endpoint.Name, ""));
                requests.AddRange(BodyRequests(endpoint, random).Where(r => r.Body is null || !r.Body.AsSpan().SequenceEqual(valid)));
            }
        }

        // A request may come out the same by two routes (e.g. a value that is both long and numeric): keep the first.
        return requests.DistinctBy(r => r.Fingerprint, StringComparer.Ordinal).ToList();
    }

    private string Fill(ApiEndpoint endpoint, string? hostileParameter = null, string? hostileValue = null) =>
        Parameter().Replace(endpoint.Template, match =>
        {
            var parameter = endpoint.Parameters.First(p => p.Name == match.Groups[1].Value);
            return parameter.Name == hostileParameter ? hostileValue! : ValidValue(parameter);
        });

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();

    private IEnumerable<HostileRequest> PathRequests(ApiEndpoint endpoint, Random random)
    {
        foreach (var parameter in endpoint.Parameters)
        {
            var valid = ValidValue(parameter);
            foreach (var (category, variant, value) in HostileSegments(parameter, valid))
            {
                // Most with the key the endpoint wants, so they reach the handler; some with a municipality's key or none.
                var roll = random.Next(10);
                var caller = endpoint.Anonymous ? Caller.Anonymous : roll == 0 ? Caller.Anonymous : roll == 1 ? Caller.Municipality : endpoint.ValidCaller;
                var target = Fill(endpoint, parameter.Name, value);
                yield return WithBody(endpoint, new HostileRequest(category, endpoint.Name, $"{parameter.Name}: {variant}", endpoint.Method, target, caller, [], null, null, MaySucceed: endpoint.ReadsNoBody, OtherMunicipalityArea: OtherArea(endpoint, caller, parameter, value)));
            }

            // The same bytes unencoded, which only a raw socket sends.
            foreach (var (variant, value) in new[] { ("raw bytes FF FE", "\u00FF\u00FE"), ("raw bytes C3 28", valid + "\u00C3\u0028"), ("raw NUL", valid + "\u0000"), ("raw backslashes", "..\\..\\" + valid) })
            {
                yield return WithBody(endpoint, new HostileRequest(variant.Contains("backslash", StringComparison.Ordinal) ? Categories.PathTraversal : Categories.InvalidUtf8, endpoint.Name, $"{parameter.Name}: {variant}", endpoint.Method, Fill(endpoint, parameter.Name, value), endpoint.ValidCaller, [], null, null, Raw: true, MaySucceed: endpoint.ReadsNoBody));
            }
        }
    }

    /// <summary>A municipality's key naming another municipality has its refusal recorded in that submission's trail.</summary>
    private string? OtherArea(ApiEndpoint endpoint, Caller caller, RouteParameter parameter, string value) =>
        caller == Caller.Municipality && parameter.IsMunicipalityCode && Uri.UnescapeDataString(value) != _municipality
            ? Core.Application.AuditAreas.Access(_cycle, Uri.UnescapeDataString(value))
            : null;

    /// <summary>Non-GET requests with a hostile path carry the endpoint's valid body, so the path alone decides.</summary>
    private HostileRequest WithBody(ApiEndpoint endpoint, HostileRequest request) =>
        endpoint.ReadsNoBody || !_bodies.TryGetValue(endpoint.Name, out var body)
            ? request
            : request with { Body = Encoding.UTF8.GetBytes(body), ContentType = "application/json", Headers = [.. request.Headers, new("If-Match", StaleIfMatch)] };

    /// <summary>
    /// A write whose hostile part the endpoint may rightly ignore (an unknown query parameter; a body, where no valid body
    /// is known) names a cycle that does not exist and carries broken JSON, so that it cannot change anything either way.
    /// </summary>
    private HostileRequest Harmless(ApiEndpoint endpoint, HostileRequest request) =>
        endpoint.ReadsNoBody
            ? request
            : request with { Target = NextCycle(endpoint) + request.Target[Fill(endpoint).Length..], Body = request.Body ?? "{\"broken\":"u8.ToArray(), ContentType = request.ContentType ?? "application/json" };

    private string NextCycle(ApiEndpoint endpoint) => Fill(endpoint, "year", (_cycle + 1).ToString(CultureInfo.InvariantCulture));

    private IEnumerable<HostileRequest> QueryRequests(ApiEndpoint endpoint)
    {
        var path = Fill(endpoint);
        foreach (var name in endpoint.Query)
        {
            foreach (var (category, variant, query) in HostileQueries(name))
            {
                yield return Harmless(endpoint, new HostileRequest(category, endpoint.Name, "query " + variant, endpoint.Method, path + "?" + query, endpoint.ValidCaller, [], null, null, MaySucceed: endpoint.ReadsNoBody));
            }
        }

        // Below the route, beside it and above it.
        foreach (var suffix in new[] { "/..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/", "%00", "%5C..%5C..%5Cboot.ini", "/." + "./../.." })
        {
            yield return WithBody(endpoint, new HostileRequest(Categories.PathTraversal, endpoint.Name, "path + " + suffix, endpoint.Method, path.TrimEnd('/') + suffix, endpoint.ValidCaller, [], null, null, MaySucceed: endpoint.ReadsNoBody));
        }

        // Parameters the endpoint does not have, aimed at whatever might pass a query string on to storage.
        foreach (var (category, query) in new[]
                 {
                     (Categories.ODataInjection, "$filter=PartitionKey%20ne%20''"),
                     (Categories.ODataInjection, "%24filter=RowKey%20ge%20''&%24select=Data0&%24top=1000"),
                     (Categories.ODataInjection, "filter='%20or%20'1'%20eq%20'1"),
                     (Categories.InvalidUtf8, "%FF%FE=%C3%28"),
                     (Categories.LongStrings, "q=" + new string('y', 6000)),
                 })
        {
            yield return Harmless(endpoint, new HostileRequest(category, endpoint.Name, "unknown query " + query[..Math.Min(query.Length, 40)], endpoint.Method, path + "?" + query, endpoint.ValidCaller, [], null, null, MaySucceed: endpoint.ReadsNoBody));
        }
    }

    private IEnumerable<HostileRequest> HeaderRequests(ApiEndpoint endpoint)
    {
        var path = Fill(endpoint);

        // Writes with an abused header also name a cycle that does not exist and carry broken JSON, so no header alone can let one through.
        var target = endpoint.ReadsNoBody ? path : Fill(endpoint, "year", (_cycle + 1).ToString(CultureInfo.InvariantCulture));
        byte[]? body = endpoint.ReadsNoBody ? null : "{\"broken\":"u8.ToArray();
        var contentType = endpoint.ReadsNoBody ? null : "application/json";
        HostileRequest Make(string variant, Caller caller, IReadOnlyList<KeyValuePair<string, string>> headers, bool raw = false, string? type = null, bool maySucceed = true) =>
            new(Categories.HeaderAbuse, endpoint.Name, variant, endpoint.Method, target, caller, headers, body, type ?? contentType, Raw: raw, MaySucceed: maySucceed && endpoint.ReadsNoBody);

        // Authorization: every one of these must be refused (401), or ignored where the endpoint is anonymous.
        var forged = new (string Variant, string Value)[]
        {
            ("Bearer without a key", "Bearer"),
            ("Bearer and a space", "Bearer "),
            ("Basic credentials", "Basic dXNlcjpwYXNzd29yZA=="),
            ("unknown key", "Bearer bmk_0000000000_notakey"),
            ("key of 16 KB", "Bearer bmk_" + new string('k', 16 * 1024)),
            ("OData in the key", "Bearer bmk_x' or PartitionKey ne '"),
            ("traversal in the key", "Bearer bmk_../../../etc/passwd"),
            ("two schemes", "Bearer bmk_a Bearer bmk_b"),
            ("lower-case scheme, unknown key", "bearer bmk_1_2"),
            ("tab-separated", "Bearer\tbmk_1_2"),
        };
        foreach (var (variant, value) in forged)
        {
            yield return Make("Authorization: " + variant, Caller.Forged, [new("Authorization", value)], maySucceed: endpoint.Anonymous);
        }

        yield return Make("no Authorization", Caller.Anonymous, [], maySucceed: endpoint.Anonymous);
        yield return Make("Authorization twice", Caller.Forged, [new("Authorization", "Bearer bmk_1_2"), new("Authorization", "Bearer bmk_3_4")], maySucceed: endpoint.Anonymous);
        yield return Make("Authorization: Bearer with control characters", Caller.Forged, [new("Authorization", "Bearer bmk_\u0001\u0002\u007f")], raw: true, maySucceed: endpoint.Anonymous);
        yield return Make("Authorization: Bearer with invalid UTF-8", Caller.Forged, [new("Authorization", "Bearer bmk_\u00C3\u0028\u00FF")], raw: true, maySucceed: endpoint.Anonymous);
        yield return Make("Authorization: non-ASCII key", Caller.Forged, [new("Authorization", "Bearer bmk_\u00e9\u00e8")], raw: true, maySucceed: endpoint.Anonymous);
        yield return Make("Authorization: Bearer with NUL", Caller.Forged, [new("Authorization", "Bearer bmk_\u0000x")], raw: true, maySucceed: endpoint.Anonymous);

        // With a valid key: the request reaches the endpoint, which must not trip over the headers.
        var caller = endpoint.ValidCaller;
        yield return Make("header of 16 KB", caller, [new("X-Padding", new string('p', 16 * 1024))]);
        yield return Make("header of 40 KB (over the limit)", caller, [new("X-Padding", new string('p', 40 * 1024))]);
        yield return Make("invalid UTF-8 in a header", caller, [new("X-Note", "\u00FF\u00FE\u00C3\u0028")], raw: true);
        foreach (var accept in new[] { "application/xml", "garbage", "*/*;q=abc", "text/html;level=99999999999999999999", string.Join(", ", Enumerable.Range(0, 500).Select(i => $"type{i}/sub{i}")) })
        {
            yield return Make("Accept: " + accept[..Math.Min(accept.Length, 40)], caller, [new("Accept", accept)]);
        }

        foreach (var tag in new[] { "v1", "\"v1", "W/\"v1\"", "\"v-1\"", "\"v99999999999999999999\"", "*, \"v1\"", "\"v1\", \"v2\"", "\"' or '1' eq '1\"", "\"\"" })
        {
            yield return Make("If-Match: " + tag, caller, [new("If-Match", tag)]);
            yield return Make("If-None-Match: " + tag, caller, [new("If-None-Match", tag)]);
        }

        yield return Make("If-Modified-Since garbage", caller, [new("If-Modified-Since", "yesterday at noon")]);
        yield return Make("Range garbage", caller, [new("Range", "bytes=99999999999999999999-")]);
        yield return Make("X-HTTP-Method-Override: DELETE", caller, [new("X-HTTP-Method-Override", "DELETE")]);
        yield return Make("X-Forwarded-For spoofed", caller, [new("X-Forwarded-For", "10.0.0.1, ' or '1' eq '1")]);

        // The app reads the visitor's address from the last X-Forwarded-For entry (the test server runs as under the host).
        yield return Make("X-Forwarded-For: not an address", caller, [new("X-Forwarded-For", "not-an-address")]);
        yield return Make("X-Forwarded-For: address and port", caller, [new("X-Forwarded-For", "203.0.113.9:65536")]);
        yield return Make("X-Forwarded-For: IPv6 with zone", caller, [new("X-Forwarded-For", "[fe80::1%eth0]:80")]);
        yield return Make("X-Forwarded-For: a thousand hops", caller, [new("X-Forwarded-For", string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"198.51.100.{i % 256}")))]);
        yield return Make("X-Forwarded-For: empty entries", caller, [new("X-Forwarded-For", ", , ,")]);
        yield return Make("X-Forwarded-For: twice", caller, [new("X-Forwarded-For", "203.0.113.1"), new("X-Forwarded-For", "203.0.113.2")]);
        yield return Make("X-Forwarded-Proto: javascript", caller, [new("X-Forwarded-Proto", "javascript")]);
        yield return Make("X-Forwarded-Host: another site", caller, [new("X-Forwarded-Host", "evil.example")]);
        yield return Make("Cookie: a forged session", caller, [new("Cookie", "bm-sessie=CfDJ8forged" + new string('A', 200))]);
        if (!endpoint.ReadsNoBody)
        {
            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/jsonx", "application/json;;;", "garbage" })
            {
                yield return Make("Content-Type: " + type, caller, [], type: type);
            }
        }
    }

    private IEnumerable<HostileRequest> BodyRequests(ApiEndpoint endpoint, Random random)
    {
        var template = _bodies.TryGetValue(endpoint.Name, out var known) ? known : """{"comment":"x","value":1}""";
        var path = known is null ? NextCycle(endpoint) : Fill(endpoint);
        var caller = endpoint.ValidCaller;
        HostileRequest Make(string category, string variant, byte[] body, string contentType = "application/json", bool chunked = false) =>
            new(category, endpoint.Name, variant, endpoint.Method, path, caller, [new("If-Match", StaleIfMatch)], body, contentType, Chunked: chunked);
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        yield return Make(Categories.BrokenJson, "truncated", Utf8(template[..(template.Length / 2)]));
        yield return Make(Categories.BrokenJson, "trailing garbage", Utf8(template + "}garbage"));
        yield return Make(Categories.BrokenJson, "two documents", Utf8(template + template));
        yield return Make(Categories.BrokenJson, "comment", Utf8("/* comment */" + template));
        yield return Make(Categories.BrokenJson, "line comment", Utf8("// comment\n" + template));
        yield return Make(Categories.BrokenJson, "single quotes", Utf8(template.Replace('"', '\'')));
        yield return Make(Categories.BrokenJson, "BOM only", [0xEF, 0xBB, 0xBF]);
        yield return Make(Categories.BrokenJson, "BOM and garbage", [0xEF, 0xBB, 0xBF, (byte)'x']);
        yield return Make(Categories.BrokenJson, "empty with JSON content type", []);
        yield return Make(Categories.BrokenJson, "empty, chunked", [], chunked: true);
        yield return Make(Categories.BrokenJson, "whitespace only", Utf8("   \n\t  "));
        yield return Make(Categories.BrokenJson, "trailing comma", Utf8(template.TrimEnd().TrimEnd('}') + ",}"));
        yield return Make(Categories.BrokenJson, "unquoted names", Utf8(Regex.Replace(template, "\"([A-Za-z]+)\":", "$1:", RegexOptions.None, TimeSpan.FromSeconds(5))));
        yield return Make(Categories.BrokenJson, "NaN literal", Utf8("{\"value\":NaN}"));
        yield return Make(Categories.BrokenJson, "lone surrogate escape", Utf8(template.Replace("\":\"", "\":\"\\uD800", StringComparison.Ordinal)));
        yield return Make(Categories.BrokenJson, "control character in a string", Utf8(template.Replace("\":\"", "\":\"\u0001", StringComparison.Ordinal)));
        yield return Make(Categories.BrokenJson, "NUL byte", [.. Utf8(template[..1]), 0, .. Utf8(template[1..])]);
        yield return Make(Categories.BrokenJson, "truncated, chunked", Utf8(template[..(template.Length / 3)]), chunked: true);
        yield return Make(Categories.BrokenJson, "duplicate property", Utf8(template.TrimEnd().TrimEnd('}') + "," + template.Trim().TrimStart('{')));

        foreach (var whole in new[] { "[]", "\"text\"", "42", "null", "true", "[" + template + "]" })
        {
            yield return Make(Categories.WrongTypes, "body is " + whole[..Math.Min(whole.Length, 12)], Utf8(whole));
        }

        yield return Make(Categories.WrongTypes, "null everywhere", Utf8(MapLeaves(template, _ => JsonValue.Create((string?)null))));
        yield return Make(Categories.WrongTypes, "strings for everything", Utf8(MapLeaves(template, leaf => JsonValue.Create(leaf?.ToJsonString() ?? "null"))));
        yield return Make(Categories.WrongTypes, "objects for arrays", Utf8(Regex.Replace(template, @"\[([^\[\]]*)\]", "{\"0\":[$1]}", RegexOptions.None, TimeSpan.FromSeconds(5))));

        var leaves = Leaves(JsonNode.Parse(template)!).ToList();
        var strings = leaves.Where(l => l.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();

        // A large body (a submission) has hundreds of fields: a seeded sample of them, the same each run.
        IEnumerable<(string Path, JsonNode? Node)> Sample(List<(string Path, JsonNode? Node)> from, int count) =>
            from.Count <= count ? from : from.OrderBy(_ => random.Next()).Take(count).OrderBy(l => l.Path, StringComparer.Ordinal).ToList();

        foreach (var (leaf, _) in Sample(leaves, 6))
        {
            foreach (var (variant, replacement) in new[] { ("number", "12345"), ("object", "{\"a\":1}"), ("array", "[1,2]"), ("boolean", "false"), ("array of nulls", "[null,null]") })
            {
                yield return Make(Categories.WrongTypes, $"{variant} at {leaf}", Splice(template, leaf, Utf8(replacement)));
            }
        }

        foreach (var (leaf, _) in Sample(leaves, 6))
        {
            foreach (var number in new[] { "1e400", "-1e400", "18446744073709551616", "-0", "1e-400", HundredDigits, "-9223372036854775809", "0.0000000000000000000000000000000000000001", "1E+2147483648" })
            {
                yield return Make(Categories.HugeNumbers, $"{number[..Math.Min(number.Length, 20)]} at {leaf}", Splice(template, leaf, Utf8(number)));
            }
        }

        foreach (var depth in new[] { 65, 1000, 10_000 })
        {
            yield return Make(Categories.DeepNesting, $"{depth} nested arrays", Utf8(new string('[', depth) + new string(']', depth)));
            yield return Make(Categories.DeepNesting, $"{depth} nested objects in a field", Splice(template, leaves[0].Path, Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));
        }

        yield return Make(Categories.DeepNesting, "10000 nested arrays, unclosed", Utf8(new string('[', 10_000)));

        var huge = new string('x', 100 * 1024);
        foreach (var (leaf, _) in Sample(strings, 8))
        {
            yield return Make(Categories.LongStrings, $"100 KB at {leaf}", Splice(template, leaf, Utf8("\"" + huge + "\"")));
        }

        yield return Make(Categories.LongStrings, "100 KB in every string field", Utf8(MapLeaves(template, leaf => leaf is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? JsonValue.Create(huge) : leaf?.DeepClone())));
        var over = Utf8("{\"padding\":\"" + new string('x', _maxBodyBytes) + "\"}");
        yield return Make(Categories.LongStrings, "body over the limit", over);
        yield return Make(Categories.LongStrings, "body over the limit, chunked", over, chunked: true);
        yield return Make(Categories.LongStrings, "body just at the limit", Utf8("{\"padding\":\"" + new string('x', _maxBodyBytes - 15) + "\"}"));
        yield return Make(Categories.LongStrings, "a million-element array", Utf8("[" + string.Join(",", Enumerable.Repeat("0", 300_000)) + "]"));

        foreach (var (leaf, _) in Sample(strings, 4))
        {
            foreach (var (variant, bytes) in new (string, byte[])[] { ("FF FE", [0xFF, 0xFE]), ("C3 28", [0xC3, 0x28]), ("overlong slash C0 AF", [0xC0, 0xAF]), ("surrogate ED A0 80", [0xED, 0xA0, 0x80]), ("truncated E2 82", [0xE2, 0x82]) })
            {
                yield return Make(Categories.InvalidUtf8, $"{variant} at {leaf}", Splice(template, leaf, [(byte)'"', .. bytes, (byte)'"']));
            }
        }

        yield return Make(Categories.InvalidUtf8, "invalid bytes in a property name", [(byte)'{', (byte)'"', 0xFF, 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        yield return Make(Categories.InvalidUtf8, "UTF-16 body", Encoding.Unicode.GetBytes(template), "application/json; charset=utf-16");
        yield return Make(Categories.InvalidUtf8, "Latin-1 body", Encoding.Latin1.GetBytes(template.Replace("\":\"", "\":\"\u00e9\u00ff", StringComparison.Ordinal)));

        foreach (var (leaf, _) in Sample(strings, 8))
        {
            foreach (var injection in new[] { "' or PartitionKey ne '", "GM0363' or '1' eq '1", "x' eq 'x", "$filter=RowKey ge ''", "eq", "') or (true", "../../etc/passwd", "..\\..\\", "\u0000" })
            {
                yield return Make(Categories.ODataInjection, $"{injection.Replace("\u0000", "NUL", StringComparison.Ordinal)} at {leaf}", Splice(template, leaf, Utf8(JsonValue.Create(injection)!.ToJsonString())));
            }
        }

        foreach (var field in FreeTexts(template))
        {
            foreach (var (variant, text, raw) in UnsafeTexts)
            {
                yield return Make(Categories.ControlCharacters, $"{variant} at {field}", Splice(template, field, Literal("Tekst " + text, raw)));
            }
        }
    }

    /// <summary>Texts that break an HTML page, drive a terminal or turn text around; the raw ones go into the JSON unescaped.</summary>
    private static readonly (string Variant, string Text, bool Raw)[] UnsafeTexts =
    [
        ("NUL", "nul\u0000", false),
        ("ESC colour sequence", "\u001B[31mrood\u001B[0m", false),
        ("ESC clear screen and title", "\u001B[2J\u001B]0;weg\u0007", false),
        ("vertical tab and form feed", "regel\u000B\u000C", false),
        ("DEL, raw", "weg\u007F", true),
        ("C1 CSI, raw", "\u009B31m", true),
        ("right-to-left override, raw", "\u202Eesrever\u202C", true),
        ("isolate, raw", "\u2066x\u2069", true),
        ("noncharacter U+FFFF", "\uFFFF", false),
        ("lone surrogate", "\uDBFF", false),
    ];

    /// <summary>
    /// Where a body holds free text: the first string of each kind (an explanation, a reason, a note, a contact, a comment,
    /// a label, a text answer). A body without free text gets the characters in its first string, which is no text either.
    /// </summary>
    private static IEnumerable<string> FreeTexts(string template)
    {
        var strings = Leaves(JsonNode.Parse(template)!)
            .Where(l => l.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(l => (l.Path, Kind: l.Path[(l.Path.LastIndexOf('/') + 1)..], Value: l.Node!.GetValue<string>()))
            .ToList();
        var texts = strings
            .Where(l => l.Kind is "explanation" or "reason" or "text" or "contactRole" or "comment" or "label" || (l.Kind == "value" && l.Value.Contains(' ', StringComparison.Ordinal)))
            .DistinctBy(l => l.Kind)
            .Select(l => l.Path)
            .ToList();
        return texts.Count > 0 ? texts : strings.Take(1).Select(l => l.Path);
    }

    /// <summary>A JSON string literal of <paramref name="text"/>: escaped as a JSON writer does, or with its characters as they are (legal in JSON from U+007F up).</summary>
    private static byte[] Literal(string text, bool raw)
    {
        var content = raw ? text : string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
        return Encoding.UTF8.GetBytes("\"" + content + "\"");
    }

    /// <summary>Every scalar in a JSON document, with its path (e.g. /answers/3/level).</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode? node, string path = "") => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value, path + "/" + p.Key)),
        JsonArray array => array.SelectMany((item, i) => Leaves(item, path + "/" + i.ToString(CultureInfo.InvariantCulture))),
        _ => new[] { (path, node) },
    };

    /// <summary>The template with the scalar at <paramref name="pointer"/> replaced by raw bytes, which need not be valid JSON or UTF-8.</summary>
    private static byte[] Splice(string template, string pointer, byte[] replacement)
    {
        var root = JsonNode.Parse(template)!;
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = parts[..^1].Aggregate(root, (node, part) => node is JsonArray array ? array[int.Parse(part, CultureInfo.InvariantCulture)]! : node[part]!);
        if (parent is JsonArray list)
        {
            list[int.Parse(parts[^1], CultureInfo.InvariantCulture)] = Marker;
        }
        else
        {
            parent[parts[^1]] = Marker;
        }

        var text = Encoding.UTF8.GetBytes(root.ToJsonString());
        var marker = Encoding.UTF8.GetBytes("\"" + Marker + "\"");
        var at = text.AsSpan().IndexOf(marker);
        return [.. text.AsSpan(0, at), .. replacement, .. text.AsSpan(at + marker.Length)];
    }

    private static string MapLeaves(string template, Func<JsonNode?, JsonNode?> map)
    {
        JsonNode? Map(JsonNode? node) => node switch
        {
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Map(p.Value)))),
            JsonArray array => new JsonArray(array.Select(Map).ToArray()),
            _ => map(node),
        };

        return Map(JsonNode.Parse(template))?.ToJsonString() ?? "null";
    }
}
