using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Benchmark.Core.Application;
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

    public string Description => "draft saves through HTTP vs. the same payload straight to Azurite, at 1/16/64 clients (--clients 16, --seconds 10, --azurite memory|disk; --trace adds the app's GC, thread-pool, lock and storage-retry events)";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var levels = (OptionText(args, "--clients") ?? "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var trace = args.Contains("--trace");

        // In memory unless asked: on disk, Azurite's table database is written out every 5 s on its one thread, and
        // with a few thousand saved drafts in it that stalls every request for seconds (--trace shows it).
        var onDisk = OptionText(args, "--azurite") switch
        {
            null or "memory" => false,
            "disk" => true,
            var other => throw new ArgumentException($"--azurite is 'memory' or 'disk', not '{other}'."),
        };
        Console.WriteLine($"Azurite keeps its data {(onDisk ? "on disk" : "in memory")}.");
        await using var azurite = await AzuriteFixture.StartOwnAsync(inMemory: !onDisk);
        await using var app = await AppProcess.StartAsync(azurite);
        var payloads = await PrepareAsync(app, azurite, levels.Max());
        var tables = new TableServiceClient(azurite.ConnectionString);

        // A fresh instance's first seconds: on two cores the runtime is still compiling the save path (tiered
        // compilation with its profiling stage takes longer than the 3 s warm-up of a level). Reported as such, not
        // judged: that is start-up, which the cold-start measurement covers; the levels below are an instance at work.
        var fresh = await RunLoadAsync(1, seconds, payloads, HttpSaveAsync(app.Address, payloads));
        var rows = new List<Row>();
        foreach (var clients in levels)
        {
            // The same work in the same run: storage alone first, then the app.
            var rawWrite = await RunLoadAsync(clients, seconds, payloads, RawWriteAsync(tables, "rawwrite"));
            var rawSame = await RunLoadAsync(clients, seconds, payloads, RawSameWorkAsync(tables, "rawsame"));
            var cpuBefore = app.CpuTime;
            var runtime = trace ? RuntimeTrace.Attach(app.ProcessId) : null;
            var saved = await RunLoadAsync(clients, seconds, payloads, HttpSaveAsync(app.Address, payloads));
            var cpuPerSave = (app.CpuTime - cpuBefore).TotalMilliseconds / saved.Requests;
            if (runtime is not null)
            {
                await runtime.DisposeAsync();
                _traced.Add((clients, saved, runtime));
            }

            rows.Add(new Row(clients, rawWrite, rawSame, saved, cpuPerSave));
        }

        var status = Report(rows, seconds);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A fresh instance, 1 client, its first {seconds} s after a 3 s warm-up (run before the levels; not judged): app p50 / p99 {fresh.MedianMs:0.0} / {fresh.P99Ms:0.0} ms, {fresh.PerSecond:0} saves a second."));
        if (trace)
        {
            ReportTrace(_traced);
        }

        return status;
    }

    private readonly List<(int Clients, LoadResult Load, RuntimeTrace Trace)> _traced = [];

    /// <summary>Slow saves that began within a second of each other, as "from–to: count": one wave across all clients points outside the request.</summary>
    private static string Clusters(IReadOnlyList<SlowRequest> slow, DateTime windowStart)
    {
        var clusters = new List<(double From, double To, int Count)>();
        foreach (var at in slow.Select(r => (r.Start - windowStart).TotalSeconds).Order())
        {
            if (clusters.Count > 0 && at - clusters[^1].To < 1)
            {
                clusters[^1] = (clusters[^1].From, at, clusters[^1].Count + 1);
            }
            else
            {
                clusters.Add((at, at, 1));
            }
        }

        return clusters.Count == 0 ? "–" : string.Join("; ", clusters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.From:0.0}–{c.To:0.0}: {c.Count}")));
    }

    /// <summary>What the app's runtime did during each measured level, and what the slow saves (over 500 ms) overlapped.</summary>
    private static void ReportTrace(List<(int Clients, LoadResult Load, RuntimeTrace Trace)> levels)
    {
        Console.WriteLine();
        Console.WriteLine("The app's runtime during each measured level (--trace: EventPipe, GC, thread pool, contention and Azure SDK events), and what the saves that took over 500 ms overlapped.");
        Console.WriteLine();
        Console.WriteLine("| clients | GCs gen0 / 1 / 2 | GC pause total / max (ms) | worker threads start → end | thread injections for starvation | lock waits (count / total ms) | storage SDK retries | SDK error answers | saves > 500 ms | … during a GC pause ≥ 50 ms | … during a starvation injection | … during an SDK retry | when the slow saves began (s into the level: count) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (clients, load, trace) in levels)
        {
            bool InWindow(DateTime at) => at >= load.Start && at <= load.End;
            var pauses = trace.Pauses.Where(p => InWindow(p.Start)).ToList();
            var adjustments = trace.Adjustments;
            var threadsAtStart = adjustments.LastOrDefault(a => a.At < load.Start)?.Threads;
            var threadsAtEnd = adjustments.LastOrDefault(a => a.At <= load.End)?.Threads;
            var starvation = adjustments.Where(a => InWindow(a.At) && a.Reason == "Starvation").ToList();
            var contentions = trace.Contentions.Where(c => InWindow(c.Start)).ToList();
            var sdk = trace.SdkEvents.Where(e => InWindow(e.At)).ToList();
            var retries = sdk.Where(e => e.Name.Contains("Retry", StringComparison.Ordinal)).ToList();
            var errors = sdk.Where(e => e.Name.Contains("Error", StringComparison.Ordinal)).GroupBy(e => e.Status ?? "?").Select(g => $"{g.Key}: {g.Count()}").ToList();
            var slow = load.Slow;
            static bool During(SlowRequest request, DateTime at) => at >= request.Start && at <= request.Start.AddMilliseconds(request.Milliseconds);
            var longPauses = pauses.Where(p => p.Milliseconds >= 50).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clients} | {pauses.Count(p => p.Generation == 0)} / {pauses.Count(p => p.Generation == 1)} / {pauses.Count(p => p.Generation == 2)} | {pauses.Sum(p => p.Milliseconds):0} / {(pauses.Count == 0 ? 0 : pauses.Max(p => p.Milliseconds)):0} | {threadsAtStart?.ToString(CultureInfo.InvariantCulture) ?? "?"} → {threadsAtEnd?.ToString(CultureInfo.InvariantCulture) ?? "?"} | {starvation.Count} | {contentions.Count} / {contentions.Sum(c => c.Milliseconds):0} | {retries.Count} | {(errors.Count == 0 ? "0" : string.Join(", ", errors))} | {slow.Count} | {slow.Count(r => longPauses.Any(p => During(r, p.Start) || During(r, p.Start.AddMilliseconds(p.Milliseconds))))} | {slow.Count(r => starvation.Any(a => During(r, a.At)))} | {slow.Count(r => retries.Any(e => During(r, e.At)))} | {Clusters(slow, load.Start)} |"));
        }
    }

    /// <param name="AppCpuMsPerSave">The app process's CPU time per measured save (its warm-up's CPU is counted too, so this errs high).</param>
    private sealed record Row(int Clients, LoadResult RawWrite, LoadResult RawSameWork, LoadResult App, double AppCpuMsPerSave);

    /// <summary>One municipality per client, with its key and a complete draft (from the demo generator) to save again and again.</summary>
    private sealed record ClientPayload(string Municipality, string Key, JsonObject Draft)
    {
        public string? ETag { get; set; }
    }

    private static async Task<List<ClientPayload>> PrepareAsync(AppProcess app, AzuriteFixture azurite, int count)
    {
        var tables = new BenchmarkTables(new StorageSettings { ConnectionString = azurite.ConnectionString });
        await tables.CreateIfNotExistsAsync();
        var keys = new KeyService(new KeyStore(tables), new AuditStore(tables, TimeProvider.System), TimeProvider.System);
        async Task<string> KeyAsync(Role role, string? municipality, string label)
        {
            var created = await keys.CreateAsync("perf", new CreateKey(role, municipality, label));
            return created.Succeeded ? created.Value.Secret : throw new InvalidOperationException(created.Refusal.Detail);
        }

        using (var analyst = new HttpClient { BaseAddress = app.Address })
        {
            analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await KeyAsync(Role.Analyst, null, "perf analyst"));
            using var open = await analyst.PutAsJsonAsync($"/api/v1/cycles/{Cycle}", new { deadline = DateTimeOffset.UtcNow.AddDays(30) });
            open.EnsureSuccessStatusCode();
        }

        var catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "questionnaires"));
        var questionnaire = catalog.ForCycle(Cycle)!;
        var complete = DemoGenerator.Generate(catalog, 5, [Cycle]).Submissions
            .Where(s => ScoringEngine.Score(catalog.ModelForCycle(2026), questionnaire, s).IsComplete)
            .ToList();
        var payloads = new List<ClientPayload>();
        for (var i = 0; i < count; i++)
        {
            var municipality = "GM" + (9001 + i).ToString(CultureInfo.InvariantCulture);
            var draft = JsonNode.Parse(SubmissionJson.Write(complete[i % complete.Count] with { Municipality = municipality }, questionnaire))!.AsObject();
            payloads.Add(new ClientPayload(municipality, await KeyAsync(Role.Municipality, municipality, "perf " + municipality), draft));
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

    /// <summary>Latencies and throughput of one load level; when the measured window ran, and the requests that took over 500 ms.</summary>
    public sealed record LoadResult(int Requests, double MedianMs, double P99Ms, double PerSecond, DateTime Start, DateTime End, IReadOnlyList<SlowRequest> Slow);

    public sealed record SlowRequest(DateTime Start, double Milliseconds);

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
        var slow = new List<SlowRequest>[clients];
        var windowStart = DateTime.UtcNow;
        var stop = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            slow[c] = [];
            while (stop.Elapsed < duration)
            {
                var startedAt = DateTime.UtcNow;
                var started = Stopwatch.GetTimestamp();
                await operation(payloads[c], Interlocked.Increment(ref _iteration));
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                latencies[c].Add(milliseconds);
                if (milliseconds > 500)
                {
                    slow[c].Add(new SlowRequest(startedAt, milliseconds));
                }
            }
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, Percentile(all, 0.50), Percentile(all, 0.99), all.Length / elapsed, windowStart, DateTime.UtcNow, [.. slow.SelectMany(s => s)]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The target: a save through HTTP at most this many times the same storage work, at the median.</summary>
    private const double MaxRatio = 1.5;

    private static readonly int[] TargetLevels = [1, 16, 64];

    private static int Report(IReadOnlyList<Row> rows, int seconds)
    {
        static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        // Rounded first: a small negative difference would otherwise print as "-+0%".
        static string Pct(double app, double raw) => Math.Round(((app / raw) - 1) * 100) is var percent && percent < 0
            ? percent.ToString("0", CultureInfo.InvariantCulture) + "%"
            : "+" + Math.Abs(percent).ToString("0", CultureInfo.InvariantCulture) + "%";

        Console.WriteLine($"Draft saves, {seconds} s per level, complete 2026 questionnaire ({Environment.ProcessorCount} cores).");
        Console.WriteLine();
        Console.WriteLine("| clients | raw write p50 / p99 (ms) | raw same work p50 / p99 (ms) | app p50 / p99 (ms) | app vs raw same work p50 / p99 | app vs raw write p50 / p99 | app / raw same work / raw write (req/s) | app CPU per save (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var met = true;
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Clients} | {Ms(row.RawWrite.MedianMs)} / {Ms(row.RawWrite.P99Ms)} | {Ms(row.RawSameWork.MedianMs)} / {Ms(row.RawSameWork.P99Ms)} | {Ms(row.App.MedianMs)} / {Ms(row.App.P99Ms)} | {Pct(row.App.MedianMs, row.RawSameWork.MedianMs)} / {Pct(row.App.P99Ms, row.RawSameWork.P99Ms)} | {Pct(row.App.MedianMs, row.RawWrite.MedianMs)} / {Pct(row.App.P99Ms, row.RawWrite.P99Ms)} | {row.App.PerSecond:0} / {row.RawSameWork.PerSecond:0} / {row.RawWrite.PerSecond:0} | {Ms(row.AppCpuMsPerSave)} |");
            // The target is the median's (issue 19): p99 on a loopback of a fraction of a millisecond is mostly the
            // machine's scheduling, and is reported beside it, not judged.
            met &= row.App.MedianMs <= MaxRatio * row.RawSameWork.MedianMs;
        }

        // Judged at 1, 16 and 64 clients: a run of other levels only reports.
        var judged = TargetLevels.All(level => rows.Any(r => r.Clients == level));
        Console.WriteLine();
        Console.WriteLine(judged
            ? string.Create(CultureInfo.InvariantCulture, $"Target (a save through the app takes at most {MaxRatio} × the storage work it needs, at the median, at 1, 16 and 64 clients): {(met ? "met" : "missed")}.")
            : string.Create(CultureInfo.InvariantCulture, $"Target not judged: it is set at 1, 16 and 64 clients. At the levels run, the median through the app {(met ? "stayed within" : "went over")} {MaxRatio} × the same storage work."));
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
