using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Performance;

/// <summary>
/// Saving a complete questionnaire draft through HTTP, against the same payload written straight to Azurite with the
/// storage SDK, side by side in one run, at 1, 16 and 64 concurrent clients.
/// </summary>
public sealed class SubmissionMeasurement : IMeasurement
{
    private const int Cycle = 2026;

    /// <summary>Numbers every write of the run, so each version row is new and each body differs from the last.</summary>
    private static long _iteration;

    public string Name => "submission";

    public string Description => "draft saves through HTTP vs. the same payload straight to Azurite, at 1/16/64 clients";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var levels = (OptionText(args, "--clients") ?? "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();

        await using var azurite = await Azurite.StartAsync();
        await using var app = await AppProcess.StartAsync(azurite);
        var payloads = await PrepareAsync(app, azurite, levels.Max());
        var tables = new TableServiceClient(azurite.ConnectionString);
        var rows = new List<Row>();
        foreach (var clients in levels)
        {
            // The same work in the same run: storage alone first, then the app.
            var rawWrite = await RunLoadAsync(clients, seconds, payloads, RawWriteAsync(tables, "rawwrite"));
            var rawSame = await RunLoadAsync(clients, seconds, payloads, RawSameWorkAsync(tables, "rawsame"));
            var cpuBefore = app.CpuTime;
            var saved = await RunLoadAsync(clients, seconds, payloads, HttpSaveAsync(app.Address, payloads));
            var cpuPerSave = (app.CpuTime - cpuBefore).TotalMilliseconds / saved.Requests;
            rows.Add(new Row(clients, rawWrite, rawSame, saved, cpuPerSave));
        }

        return Report(rows, seconds);
    }

    /// <param name="AppCpuMsPerSave">The app process's CPU time per measured save (its warm-up's CPU is counted too, so this errs high).</param>
    private sealed record Row(int Clients, LoadResult RawWrite, LoadResult RawSameWork, LoadResult App, double AppCpuMsPerSave);

    /// <summary>One municipality per client, with its key and a complete draft (from the demo generator) to save again and again.</summary>
    private sealed record ClientPayload(string Municipality, string Key, JsonObject Draft)
    {
        public string? ETag { get; set; }
    }

    private static async Task<List<ClientPayload>> PrepareAsync(AppProcess app, Azurite azurite, int count)
    {
        var tables = new BenchmarkTables(new StorageSettings { ConnectionString = azurite.ConnectionString });
        await tables.CreateIfNotExistsAsync();
        var keys = new KeyStore(tables, new AuditStore(tables, TimeProvider.System), TimeProvider.System);
        using (var analyst = new HttpClient { BaseAddress = app.Address })
        {
            analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await keys.CreateAsync(Role.Analyst, null, "perf analyst", "perf")).Secret);
            using var open = await analyst.PutAsJsonAsync($"/api/v1/cycles/{Cycle}", new { deadline = DateTimeOffset.UtcNow.AddDays(30) });
            open.EnsureSuccessStatusCode();
        }

        var catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires"));
        var questionnaire = catalog.ForCycle(Cycle)!;
        var complete = DemoGenerator.Generate(catalog, 5, [Cycle]).Submissions
            .Where(s => ScoringEngine.Score(catalog.Model, questionnaire, s).IsComplete)
            .ToList();
        var payloads = new List<ClientPayload>();
        for (var i = 0; i < count; i++)
        {
            var municipality = "GM" + (9001 + i).ToString(CultureInfo.InvariantCulture);
            var draft = JsonNode.Parse(SubmissionJson.Write(complete[i % complete.Count] with { Municipality = municipality }, questionnaire))!.AsObject();
            payloads.Add(new ClientPayload(municipality, (await keys.CreateAsync(Role.Municipality, municipality, "perf " + municipality, "perf")).Secret, draft));
        }

        return payloads;
    }

    /// <summary>Each save changes one explanation, so every request really writes (the app skips a save that changes nothing).</summary>
    private static string NextBody(ClientPayload payload, long iteration)
    {
        var answers = payload.Draft["answers"]!.AsObject();
        var first = answers.First(a => a.Value is JsonObject answer && answer.ContainsKey("explanation")).Value!.AsObject();
        first["explanation"] = "Toelichting, versie " + iteration.ToString(CultureInfo.InvariantCulture);
        return payload.Draft.ToJsonString();
    }

    private static Func<ClientPayload, long, Task> HttpSaveAsync(Uri address, IReadOnlyList<ClientPayload> payloads)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return async (payload, iteration) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cycles/{Cycle}/submissions/{payload.Municipality}/draft")
            {
                Content = new StringContent(NextBody(payload, iteration), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", payload.Key);
            if (payload.ETag is { } etag)
            {
                request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            }

            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Saving {payload.Municipality} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            payload.ETag = response.Headers.ETag?.ToString();
        };
    }

    /// <summary>The payload written once, as one entity (JSON in string properties of at most 32K characters): the raw storage round trip.</summary>
    private static Func<ClientPayload, long, Task> RawWriteAsync(TableServiceClient service, string table)
    {
        var client = service.GetTableClient(table);
        client.CreateIfNotExists();
        return async (payload, iteration) =>
        {
            var entity = new TableEntity("2026", payload.Municipality);
            Chunk(entity, NextBody(payload, iteration));
            await client.UpsertEntityAsync(entity, TableUpdateMode.Replace);
        };
    }

    /// <summary>
    /// The storage work a save needs, done with the SDK alone: read the current row, then one transaction that replaces
    /// it (with its ETag) and adds the new version row. This is what keeps every version and refuses a lost update.
    /// </summary>
    private static Func<ClientPayload, long, Task> RawSameWorkAsync(TableServiceClient service, string table)
    {
        var client = service.GetTableClient(table);
        client.CreateIfNotExists();
        return async (payload, iteration) =>
        {
            var current = await client.GetEntityIfExistsAsync<TableEntity>("2026", "c_" + payload.Municipality);
            var body = NextBody(payload, iteration);
            var row = new TableEntity("2026", "c_" + payload.Municipality);
            var version = new TableEntity("2026", $"v_{payload.Municipality}_{iteration:000000}");
            Chunk(row, body);
            Chunk(version, body);
            TableTransactionAction[] actions =
            [
                current.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, row),
                new TableTransactionAction(TableTransactionActionType.Add, version),
            ];
            await client.SubmitTransactionAsync(actions);
        };
    }

    private static void Chunk(TableEntity entity, string json)
    {
        const int size = 32 * 1024;
        for (var i = 0; i * size < json.Length; i++)
        {
            entity["Data" + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(i * size, Math.Min(size, json.Length - (i * size)));
        }
    }

    /// <summary>Latencies and throughput of one load level.</summary>
    public sealed record LoadResult(int Requests, double MedianMs, double P99Ms, double PerSecond);

    /// <summary>
    /// Each client repeats the operation for its own municipality for the given time (after 3 s of warm-up), one request
    /// at a time; the clients run together. Bounded in time, and each request by its own time-out.
    /// </summary>
    private static async Task<LoadResult> RunLoadAsync(int clients, int seconds, IReadOnlyList<ClientPayload> payloads, Func<ClientPayload, long, Task> operation)
    {
        // Warm-up at the same load (JIT, connection pools, caches), not counted.
        var warmUp = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
            {
                await operation(payloads[c], Interlocked.Increment(ref _iteration));
            }
        }));

        var latencies = new List<double>[clients];
        var stop = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(payloads[c], Interlocked.Increment(ref _iteration));
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, Percentile(all, 0.50), Percentile(all, 0.99), all.Length / elapsed);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Report(IReadOnlyList<Row> rows, int seconds)
    {
        static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        static string Pct(double app, double raw) => ((app / raw) - 1).ToString("+0%;-0%", CultureInfo.InvariantCulture);

        Console.WriteLine($"Draft saves, {seconds} s per level, complete 2026 questionnaire ({Environment.ProcessorCount} cores).");
        Console.WriteLine();
        Console.WriteLine("| clients | raw write p50 / p99 (ms) | raw same work p50 / p99 (ms) | app p50 / p99 (ms) | app vs raw same work p50 / p99 | app vs raw write p50 / p99 | app / raw same work / raw write (req/s) | app CPU per save (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var met = true;
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Clients} | {Ms(row.RawWrite.MedianMs)} / {Ms(row.RawWrite.P99Ms)} | {Ms(row.RawSameWork.MedianMs)} / {Ms(row.RawSameWork.P99Ms)} | {Ms(row.App.MedianMs)} / {Ms(row.App.P99Ms)} | {Pct(row.App.MedianMs, row.RawSameWork.MedianMs)} / {Pct(row.App.P99Ms, row.RawSameWork.P99Ms)} | {Pct(row.App.MedianMs, row.RawWrite.MedianMs)} / {Pct(row.App.P99Ms, row.RawWrite.P99Ms)} | {row.App.PerSecond:0} / {row.RawSameWork.PerSecond:0} / {row.RawWrite.PerSecond:0} | {Ms(row.AppCpuMsPerSave)} |");
            met &= row.App.MedianMs <= 1.5 * row.RawSameWork.MedianMs && row.App.P99Ms <= 1.5 * row.RawSameWork.P99Ms;
        }

        Console.WriteLine();
        Console.WriteLine($"Target (the app adds at most 50% to the storage round trips a save needs, p50 and p99, at every level): {(met ? "met" : "missed")}.");
        return met ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
