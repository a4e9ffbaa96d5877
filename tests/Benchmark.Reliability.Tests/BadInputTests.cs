using Benchmark.Core.Application;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;
using Benchmark.Functions;
using Benchmark.Functions.Http;
using Benchmark.Storage;
using Benchmark.Testing;
using Microsoft.AspNetCore.Routing;
using Xunit.Abstractions;

namespace Benchmark.Reliability.Tests;

/// <summary>
/// Issue 8: over a thousand malformed or hostile requests across every endpoint. None may get a server error, every
/// refusal is a problem document, and nothing is stored. One Azurite for the class; each test runs its own server with
/// its own tables.
/// </summary>
public sealed class BadInputTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Cycle = 2026;
    private const string Municipality = "GM0363";
    private const int Seed = 8_2026;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task EveryHostileRequestIsRefusedWithAProblemDocumentAndNothingIsStored()
    {
        await using var server = await ApiServer.StartAsync(azurite, new Dictionary<string, string?>
        {
            // The limiter would answer 429 long before the corpus is through and hide what the endpoints do.
            ["RateLimit:PermitsPerMinute"] = "10000000",

            // Messages stay in the queue, so a batch a hostile request started would show in its count.
            ["Reports:Worker"] = "false",

            // As under the Functions host: forwarded headers are read, so their abuse is tried for real.
            ["Web:LocalDevelopment"] = "false",
        });
        var keys = new Dictionary<Caller, string>
        {
            [Caller.Analyst] = await server.CreateKeyAsync(Role.Analyst),
            [Caller.Municipality] = await server.CreateKeyAsync(Role.Municipality, Municipality),
        };
        var bodies = BadInputCorpus.ValidBodies(server.Service<QuestionnaireCatalog>(), Cycle, Municipality);
        using (var analyst = server.Client(keys[Caller.Analyst]))
        using (var municipality = server.Client(keys[Caller.Municipality]))
        {
            var opened = await analyst.PutAsync($"/api/v1/cycles/{Cycle}", new StringContent(bodies["OpenCycle"], Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var saved = await municipality.PutAsync($"/api/v1/cycles/{Cycle}/submissions/{Municipality}/draft", new StringContent(bodies["SaveDraft"], Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var corpus = new BadInputCorpus(BadInputCorpus.Endpoints(server.App), bodies, Cycle, Municipality, Seed, RequestBody.MaxBytes).Generate();
        Assert.True(corpus.Count >= 1000, $"only {corpus.Count} requests");
        var before = await SnapshotAsync(server);

        var answers = new ConcurrentBag<(HostileRequest Request, Answer Answer)>();
        var clock = Stopwatch.StartNew();
        using (var budget = new CancellationTokenSource(TimeBudget))
        using (var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) })
        {
            await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = budget.Token }, async (request, cancellationToken) =>
                answers.Add((request, await SendAsync(client, server.Address, request, keys, cancellationToken))));
        }

        clock.Stop();
        var after = await SnapshotAsync(server);

        var failures = answers.OrderBy(a => a.Request.Name, StringComparer.Ordinal).SelectMany(a => Check(a.Request, a.Answer).Select(problem => $"{a.Request.Name}: {problem}")).ToList();
        failures.AddRange(server.Logs.Lines
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal))
            .Select(line => "server log: " + string.Join(" | ", line.Split('\n').Take(3)))
            .Distinct(StringComparer.Ordinal)
            .Take(10));

        // Refusals are recorded by design (issue 20): a municipality's key naming another municipality in that submission's
        // audit trail (SubmissionService.RecordDeniedAsync), a call a role policy refuses in the `refusals` area and, when
        // its route names a submission, in that submission's trail too (RefusalAudit). Those writes are allowed; only
        // in the trails the corpus aimed at, or in the corpus municipality's own, and nowhere else.
        var aimedAt = corpus.Select(r => r.OtherMunicipalityArea).OfType<string>()
            .Append(AuditAreas.Refusals)
            .Append(AuditAreas.Access(Cycle, Municipality))
            .ToHashSet(StringComparer.Ordinal);
        var added = after.Rows.Except(before.Rows, StringComparer.Ordinal).ToList();
        var accessDenials = added.Where(row => row.Split('/') is [var table, var partition, ..] && table.EndsWith("Audit", StringComparison.Ordinal) && aimedAt.Contains(partition)).ToList();
        var changed = added.Except(accessDenials, StringComparer.Ordinal).Concat(before.Rows.Except(after.Rows, StringComparer.Ordinal).Select(row => "gone or changed: " + row)).ToList();
        failures.AddRange(changed.Select(row => "storage: " + row));
        failures.AddRange(after.Blobs.Except(before.Blobs, StringComparer.Ordinal).Concat(before.Blobs.Except(after.Blobs, StringComparer.Ordinal)).Select(blob => "blob changed: " + blob));
        if (after.Queues != before.Queues)
        {
            failures.Add($"queues changed: {before.Queues} -> {after.Queues}");
        }

        Summarize(corpus, answers, clock.Elapsed, accessDenials.Count);
        Assert.True(answers.Count == corpus.Count, $"only {answers.Count} of {corpus.Count} requests were answered within {TimeBudget.TotalSeconds} s");
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s) with {corpus.Count} hostile requests:\n" + string.Join("\n", failures.Take(200)));
    }

    [Fact]
    public async Task TheRateLimitersRefusalIsAProblemDocumentToo()
    {
        await using var server = await ApiServer.StartAsync(azurite, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "3", ["Reports:Worker"] = "false" });
        using var client = server.Client(await server.CreateKeyAsync(Role.Analyst));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 10 && refused is null; attempt++)
        {
            var response = await client.GetAsync("/api/v1/cycles");
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var answer = new Answer(429, refused!.Content.Headers.ContentType?.MediaType, await refused.Content.ReadAsByteArrayAsync(), null);
        Assert.Empty(ProblemDocumentErrors(answer));
        Assert.True(refused.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
    }

    [Fact]
    public async Task TheGeneratorYieldsOverAThousandDistinctRequestsCoveringEveryEndpointAndCategory()
    {
        await using var app = BenchmarkApp.Build([]);
        var endpoints = BadInputCorpus.Endpoints(app);
        var catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "questionnaires"));
        var bodies = BadInputCorpus.ValidBodies(catalog, Cycle, Municipality);

        var corpus = new BadInputCorpus(endpoints, bodies, Cycle, Municipality, Seed, RequestBody.MaxBytes).Generate();
        var again = new BadInputCorpus(endpoints, bodies, Cycle, Municipality, Seed, RequestBody.MaxBytes).Generate();

        Assert.True(corpus.Count >= 1000, $"only {corpus.Count} requests");
        Assert.Equal(corpus.Count, corpus.Select(r => r.Fingerprint).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(corpus.Select(r => r.Fingerprint), again.Select(r => r.Fingerprint));

        // The endpoints come from the app: the API's routes are all there, and each gets requests of every kind that applies to it.
        Assert.Contains(endpoints, e => e.Name == "SaveDraft" && e.Method == "PUT" && e.MunicipalityMay && !e.AnalystMay);
        Assert.Contains(endpoints, e => e.Name == "ListSubmissions" && e.Query.Contains("province") && e.AnalystMay && !e.MunicipalityMay);
        Assert.Contains(endpoints, e => e.Name == "GetHealth" && e.Anonymous);
        Assert.DoesNotContain(endpoints, e => e.Name == ReportEndpointsTrigger);
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} endpoints");
        foreach (var endpoint in endpoints)
        {
            var categories = corpus.Where(r => r.Endpoint == endpoint.Name && r.Method == endpoint.Method).Select(r => r.Category).ToHashSet(StringComparer.Ordinal);
            var expected = endpoint.ReadsNoBody && endpoint.Parameters.Count == 0
                ? [BadInputCorpus.Categories.HeaderAbuse, BadInputCorpus.Categories.ODataInjection, BadInputCorpus.Categories.InvalidUtf8, BadInputCorpus.Categories.LongStrings, BadInputCorpus.Categories.PathTraversal]
                : BadInputCorpus.Categories.All.Where(c => !endpoint.ReadsNoBody || c is not (BadInputCorpus.Categories.BrokenJson or BadInputCorpus.Categories.DeepNesting or BadInputCorpus.Categories.ControlCharacters));
            Assert.True(!expected.Except(categories).Any(), $"{endpoint.Method} {endpoint.Name} lacks {string.Join(", ", expected.Except(categories))}");
        }

        Assert.Empty(BadInputCorpus.Categories.All.Except(corpus.Select(r => r.Category)));
        Assert.Contains(corpus, r => r.Caller == Caller.Municipality);
        Assert.Contains(corpus, r => r.Caller == Caller.Anonymous);
        Assert.True(corpus.Count(r => r.Caller == Caller.Analyst) > corpus.Count / 2, "most requests should pass authentication as an analyst");
        Assert.Contains(corpus, r => r.Body is { Length: > RequestBody.MaxBytes });
        Assert.Contains(corpus, r => r.Body is { } body && body.AsSpan().IndexOf(new string('[', 10_000).Select(c => (byte)c).ToArray()) >= 0);
    }

    private const string ReportEndpointsTrigger = Functions.Endpoints.ReportEndpoints.GenerateReportFunction;

    /// <summary>What came back: the status, the media type and the body; or why nothing did.</summary>
    private sealed record Answer(int Status, string? MediaType, byte[] Body, string? Error);

    private static List<string> Check(HostileRequest request, Answer answer)
    {
        if (answer.Error is not null)
        {
            return [$"no answer ({answer.Error})"];
        }

        if (answer.Status >= 500)
        {
            return [$"server error {answer.Status}: {Shorten(answer.Body)}"];
        }

        if (answer.Status < 400)
        {
            return request.MaySucceed ? [] : [$"accepted ({answer.Status}): {Shorten(answer.Body)}"];
        }

        // A refusal without a body comes from Kestrel itself, for a request it cannot parse as HTTP; the app never sees it.
        return answer.Body.Length == 0 && IsKestrelRefusal(request, answer) ? [] : ProblemDocumentErrors(answer);
    }

    /// <summary>Kestrel answers 400 (malformed request line or header) and 431 (headers too large) itself, without a body.</summary>
    /// <remarks>Kestrel also refuses an encoded NUL (%00) in the path while decoding it, before any middleware runs.</remarks>
    private static bool IsKestrelRefusal(HostileRequest request, Answer answer) =>
        (answer.Status == 400 && (request.Raw || request.Target.Split('?')[0].Contains("%00", StringComparison.Ordinal)))
        || (answer.Status == 431 && request.Headers.Sum(h => h.Value.Length) > 32 * 1024);

    private static List<string> ProblemDocumentErrors(Answer answer)
    {
        if (answer.MediaType != "application/problem+json")
        {
            return [$"{answer.Status} as '{answer.MediaType}', not a problem document: {Shorten(answer.Body)}"];
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            var errors = new List<string>();
            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != answer.Status)
            {
                errors.Add($"{answer.Status} with a problem whose status is not {answer.Status}: {Shorten(answer.Body)}");
            }

            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(title.GetString()))
            {
                errors.Add($"{answer.Status} with a problem without a title: {Shorten(answer.Body)}");
            }

            return errors;
        }
        catch (JsonException e)
        {
            return [$"{answer.Status} with a problem document that is not JSON ({e.Message}): {Shorten(answer.Body)}"];
        }
    }

    private static string Shorten(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return body.Length > 300 ? text + "…" : text;
    }

    private static async Task<Answer> SendAsync(HttpClient client, Uri address, HostileRequest request, Dictionary<Caller, string> keys, CancellationToken cancellationToken)
    {
        var authorization = keys.TryGetValue(request.Caller, out var key) ? "Bearer " + key : null;
        if (request.Raw)
        {
            return await SendRawAsync(address, request, authorization, cancellationToken);
        }

        // A server may answer an oversized upload and close the connection before the client has sent it all, which
        // the client sees as a failed send: only then is the request sent again, on a new connection.
        string? error = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(address.GetLeftPart(UriPartial.Authority) + request.Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
            if (authorization is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.Body is not null)
            {
                message.Content = request.Chunked ? new StreamContent(new UnseekableStream(request.Body)) : new ByteArrayContent(request.Body);
                message.Headers.TransferEncodingChunked = request.Chunked ? true : null;
                if (request.ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
                }
            }

            try
            {
                using var response = await client.SendAsync(message, cancellationToken);
                return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync(cancellationToken), null);
            }
            catch (HttpRequestException e)
            {
                error = $"{e.Message} {e.InnerException?.Message}";
            }
        }

        // An upload far over the limit may be cut off on every try: then write what the socket takes and read the answer.
        return request.Body is { Length: > RequestBody.MaxBytes } && !request.Chunked
            ? await SendRawAsync(address, request, authorization, cancellationToken)
            : new Answer(0, null, [], error);
    }

    /// <summary>Sends the request byte for byte over a socket to the loopback address, and reads the answer until the server closes.</summary>
    private static async Task<Answer> SendRawAsync(Uri address, HostileRequest request, string? authorization, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{request.Method} {request.Target} HTTP/1.1\r\nHost: 127.0.0.1:{address.Port}\r\nConnection: close\r\n");
        if (authorization is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n");
        }

        foreach (var (name, value) in request.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (request.ContentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {request.ContentType}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {request.Body?.Length ?? 0}\r\n\r\n");
        byte[] bytes = [.. Encoding.Latin1.GetBytes(head.ToString()), .. request.Body ?? []];

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, address.Port, timeout.Token);
            var stream = socket.GetStream();
            try
            {
                await stream.WriteAsync(bytes, timeout.Token);
            }
            catch (IOException)
            {
                // The server answered and closed before taking the whole body; its answer is still there to read.
            }

            using var received = new MemoryStream();
            await stream.CopyToAsync(received, timeout.Token);
            return ParseResponse(received.ToArray());
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return new Answer(0, null, [], $"raw: {e.GetType().Name} {e.Message}");
        }
    }

    private static Answer ParseResponse(byte[] response)
    {
        var end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return new Answer(0, null, [], $"raw: no complete response ({response.Length} bytes)");
        }

        var lines = Encoding.Latin1.GetString(response, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = response.AsSpan(end + 4).ToArray();
        if (headers["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        var mediaType = headers["Content-Type"].FirstOrDefault()?.Split(';')[0].Trim();
        return new Answer(status, mediaType, body, null);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        for (var chunk = 0; chunk < 100_000 && at < chunked.Length; chunk++)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }

        return body.ToArray();
    }

    /// <summary>Every entity of every table (keys and ETag), the report blobs and the queues' message counts.</summary>
    private sealed record Snapshot(IReadOnlyList<string> Rows, IReadOnlyList<string> Blobs, string Queues);

    private static async Task<Snapshot> SnapshotAsync(ApiServer server)
    {
        var rows = new List<string>();
        foreach (var table in server.Service<BenchmarkTables>().All)
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
            }
        }

        var reports = server.Service<ReportStorage>();
        var blobs = new List<string>();
        await foreach (var blob in reports.Files.GetBlobsAsync())
        {
            blobs.Add($"{blob.Name}/{blob.Properties.ETag}");
        }

        var queued = (await reports.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var poisoned = (await reports.Poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        return new Snapshot(rows.Order(StringComparer.Ordinal).ToList(), blobs.Order(StringComparer.Ordinal).ToList(), $"reports {queued}, poison {poisoned}");
    }

    private void Summarize(IReadOnlyList<HostileRequest> corpus, IReadOnlyCollection<(HostileRequest Request, Answer Answer)> answers, TimeSpan elapsed, int accessDenials)
    {
        output.WriteLine($"Bad input corpus (seed {Seed}): {corpus.Count} requests to {corpus.Select(r => r.Endpoint + " " + r.Method).Distinct(StringComparer.Ordinal).Count()} endpoints, answered {answers.Count} in {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        output.WriteLine("");
        output.WriteLine("| category | requests | statuses |");
        output.WriteLine("|---|---:|---|");
        foreach (var category in BadInputCorpus.Categories.All)
        {
            var ofCategory = answers.Where(a => a.Request.Category == category).ToList();
            output.WriteLine($"| {category} | {ofCategory.Count} | {Statuses(ofCategory)} |");
        }

        output.WriteLine($"| **total** | {answers.Count} | {Statuses(answers)} |");
        output.WriteLine("");
        output.WriteLine($"callers: {string.Join(", ", corpus.GroupBy(r => r.Caller).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; sent raw over a socket: {corpus.Count(r => r.Raw)}");
        output.WriteLine($"5xx: {answers.Count(a => a.Answer.Status >= 500)}; no answer: {answers.Count(a => a.Answer.Error is not null)}; refusals as problem documents: {answers.Count(a => a.Answer.Status >= 400 && a.Answer.MediaType == "application/problem+json")}");
        output.WriteLine($"refusals without a body (Kestrel, before the app): {answers.Count(a => a.Answer.Status >= 400 && a.Answer.Body.Length == 0)} ({string.Join(", ", answers.Where(a => a.Answer.Status >= 400 && a.Answer.Body.Length == 0).GroupBy(a => a.Request.Variant.Split(':')[^1].Trim()).Select(g => $"{g.Key} ×{g.Count()}").Take(12))})");
        output.WriteLine($"answered 2xx/3xx (GETs whose hostile part the endpoint may ignore, and anonymous endpoints): {answers.Count(a => a.Answer.Status is > 0 and < 400)}");
        output.WriteLine($"access-denied audit entries written for another municipality's code: {accessDenials}");
    }

    private static string Statuses(IEnumerable<(HostileRequest Request, Answer Answer)> answers) =>
        string.Join(", ", answers.GroupBy(a => a.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));

    /// <summary>A stream of unknown length, so the client sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
