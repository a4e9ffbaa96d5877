using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Azure.Storage.Queues;
using Benchmark.WorkerHost.Tests.Rpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Benchmark.WorkerHost.Tests;

/// <summary>Every time-out of these tests, generous so that a loaded machine passes; in one place.</summary>
public static class Timeouts
{
    /// <summary>From starting the worker process to its functions loaded.</summary>
    public static readonly TimeSpan Start = TimeSpan.FromMinutes(2);

    /// <summary>One invocation (an HTTP request, a report rendered from a queue message).</summary>
    public static readonly TimeSpan Invocation = TimeSpan.FromMinutes(2);

    /// <summary>From WorkerTerminate to the process gone.</summary>
    public static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(60);

    /// <summary>scripts/package.sh.</summary>
    public static readonly TimeSpan Package = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The Azure Functions host's side of the language worker protocol (FunctionRpc.proto), enough to run an isolated
/// worker as the host does: it starts the worker named in the package's worker.config.json with the host's command line,
/// waits for StartStream, sends WorkerInitRequest, FunctionsMetadataRequest and one FunctionLoadRequest per function,
/// then invokes functions: HTTP in proxying mode (the request forwarded to the worker's HttpUri with
/// x-ms-invocation-id, plus an InvocationRequest), queue messages with their trigger metadata; WorkerTerminate at the end.
/// </summary>
/// <remarks>
/// Not emulated (the real host does these): function keys, host.json's HTTP settings and concurrency, queue polling
/// (<see cref="DeliverOnceAsync"/> takes one message when asked), timers, scaling. The queue's retry and poison
/// behaviour is emulated with host.json's maxDequeueCount, with no visibility delay between attempts.
/// </remarks>
public sealed class FunctionsHost : IAsyncDisposable
{
    private const string InvocationHeader = "x-ms-invocation-id";

    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly Channel<StreamingMessage> _fromWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly TaskCompletionSource<IServerStreamWriter<StreamingMessage>> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Dictionary<string, string> _functionIds = new(StringComparer.Ordinal);
    private WebApplication? _grpc;
    private Process? _worker;
    private HttpMessageInvoker? _forwarder;

    private FunctionsHost(string appDirectory) => AppDirectory = appDirectory;

    /// <summary>The unpacked package: the function app directory and the worker's working directory.</summary>
    public string AppDirectory { get; }

    /// <summary>Where the worker's own Kestrel listens (its HttpUri capability).</summary>
    public Uri HttpUri { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The functions the worker reported, by name, with their bindings.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions { get; private set; } = new Dictionary<string, RpcFunctionMetadata>();

    /// <summary>What the worker printed and logged over the stream (RpcLog).</summary>
    public IEnumerable<string> Output => _output;

    /// <summary>Milliseconds from starting the process to the worker's StartStream, and to its functions loaded.</summary>
    public (double StreamStarted, double FunctionsLoaded) StartTimes { get; private set; }

    public Process Worker => _worker!;

    /// <summary>Runs from the moment the worker process was started.</summary>
    public Stopwatch SinceProcessStart { get; } = new();

    /// <summary>Starts the worker in <paramref name="appDirectory"/> as the host would, with these app settings as environment.</summary>
    public static async Task<FunctionsHost> StartAsync(string appDirectory, IDictionary<string, string> settings)
    {
        var host = new FunctionsHost(appDirectory);
        try
        {
            await host.StartAsync(settings);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(IDictionary<string, string> settings)
    {
        // The host's gRPC server: HTTP/2 without TLS on a free loopback port.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = int.MaxValue;
            grpc.MaxSendMessageSize = int.MaxValue;
        });
        builder.Services.AddSingleton(this);
        _grpc = builder.Build();
        _grpc.MapGrpcService<RpcService>();
        await _grpc.StartAsync();
        var grpcUri = new Uri(_grpc.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        // As the host reads worker.config.json: "dotnet" and the worker's dll, or the worker's own executable.
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppDirectory, "worker.config.json")))!["description"]!;
        var executable = config["defaultExecutablePath"]!.GetValue<string>().Replace("{WorkerRoot}", AppDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var workerPath = config["defaultWorkerPath"]?.GetValue<string>().Replace("{WorkerRoot}", AppDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var start = new ProcessStartInfo(executable == "dotnet" ? "dotnet" : Path.Combine(AppDirectory, executable))
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable == "dotnet" && workerPath is not null)
        {
            start.ArgumentList.Add(Path.Combine(AppDirectory, workerPath));
        }

        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        foreach (var argument in (string[])["--host", grpcUri.Host, "--port", grpcUri.Port.ToString(CultureInfo.InvariantCulture), "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", int.MaxValue.ToString(CultureInfo.InvariantCulture),
                     "--functions-uri", grpcUri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", requestId, "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = AppDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = AppDirectory;
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("APPLICATIONINSIGHTS_CONNECTION_STRING");
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var clock = SinceProcessStart;
        clock.Start();
        _worker = Process.Start(start)!;
        _worker.OutputDataReceived += (_, e) => Keep(e.Data);
        _worker.ErrorDataReceived += (_, e) => Keep(e.Data);
        _worker.BeginOutputReadLine();
        _worker.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(Timeouts.Start);
        var streamOrExit = await Task.WhenAny(_stream.Task, _worker.WaitForExitAsync(limit.Token)).WaitAsync(limit.Token).ConfigureAwait(false);
        if (streamOrExit != _stream.Task)
        {
            throw new InvalidOperationException("The worker stopped before it opened its stream:\n" + string.Join('\n', _output));
        }

        var streamStarted = clock.Elapsed.TotalMilliseconds;
        await SendAsync(new StreamingMessage
        {
            RequestId = requestId,
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1045.0",
                WorkerDirectory = AppDirectory,
                FunctionAppDirectory = AppDirectory,
                Capabilities = { ["HandlesWorkerTerminateMessage"] = "true", ["HandlesInvocationCancelMessage"] = "true" },
            },
        });
        var init = (await ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.WorkerInitResponse, limit.Token)).WorkerInitResponse;
        Assert.True(init.Result.Status == StatusResult.Types.Status.Success, "WorkerInitResponse: " + init.Result);
        Capabilities = new Dictionary<string, string>(init.Capabilities);
        Assert.True(init.Capabilities.TryGetValue("HttpUri", out var httpUri), "the worker announced no HttpUri (no ASP.NET Core integration?)");
        HttpUri = new Uri(httpUri);

        await SendAsync(new StreamingMessage { RequestId = requestId, FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = AppDirectory } });
        var metadata = (await ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.FunctionMetadataResponse, limit.Token)).FunctionMetadataResponse;
        Assert.True(metadata.Result.Status == StatusResult.Types.Status.Success, "FunctionMetadataResponse: " + metadata.Result);
        Functions = metadata.FunctionMetadataResults.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var function in metadata.FunctionMetadataResults)
        {
            await SendAsync(new StreamingMessage { RequestId = requestId, FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function } });
            var loaded = (await ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.FunctionLoadResponse && m.FunctionLoadResponse.FunctionId == function.FunctionId, limit.Token)).FunctionLoadResponse;
            Assert.True(loaded.Result.Status == StatusResult.Types.Status.Success, $"FunctionLoadResponse of {function.Name}: {loaded.Result}");
            _functionIds[function.Name] = function.FunctionId;
        }

        StartTimes = (streamStarted, clock.Elapsed.TotalMilliseconds);
        _forwarder = new HttpMessageInvoker(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None });
        _ = Task.Run(DispatchAsync);
    }

    /// <summary>Responses to invocations go to their waiters; the rest of what the worker sends waits in the channel.</summary>
    private readonly Channel<StreamingMessage> _other = Channel.CreateUnbounded<StreamingMessage>();

    private async Task<StreamingMessage> ReceiveAsync(Func<StreamingMessage, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await _fromWorker.Reader.ReadAsync(cancellationToken);
            if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
            {
                Keep($"[rpc {message.RpcLog.Level}] {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
            }
            else if (wanted(message))
            {
                return message;
            }
        }
    }

    private async Task DispatchAsync()
    {
        await foreach (var message in _fromWorker.Reader.ReadAllAsync())
        {
            switch (message.ContentCase)
            {
                case StreamingMessage.ContentOneofCase.RpcLog:
                    Keep($"[rpc {message.RpcLog.Level}] {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                    break;
                case StreamingMessage.ContentOneofCase.InvocationResponse when _invocations.TryRemove(message.InvocationResponse.InvocationId, out var waiter):
                    waiter.TrySetResult(message.InvocationResponse);
                    break;
                default:
                    await _other.Writer.WriteAsync(message);
                    break;
            }
        }
    }

    private async Task SendAsync(StreamingMessage message)
    {
        var stream = await _stream.Task;
        await _writing.WaitAsync();
        try
        {
            await stream.WriteAsync(message);
        }
        finally
        {
            _writing.Release();
        }
    }

    private Task<InvocationResponse> Invoke(string function, Action<InvocationRequest> fill, out string invocationId)
    {
        invocationId = Guid.NewGuid().ToString();
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = _functionIds[function], TraceContext = new RpcTraceContext() };
        fill(request);
        var waiter = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[invocationId] = waiter;
        _ = SendAsync(new StreamingMessage { InvocationRequest = request });
        return waiter.Task;
    }

    /// <summary>
    /// An HTTP request as the host handles it in proxying mode: an InvocationRequest of the HTTP function (an empty RpcHttp,
    /// route values, query and headers as trigger metadata) and the request itself forwarded to the worker's Kestrel.
    /// </summary>
    public async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> SendHttpAsync(string function, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        var query = new JsonObject();
        foreach (var pair in System.Web.HttpUtility.ParseQueryString(new Uri(HttpUri, path).Query) is { } parsed ? parsed.AllKeys.Where(k => k is not null).Select(k => (k!, parsed[k])) : [])
        {
            query[pair.Item1] = pair.Item2;
        }

        var headers = new JsonObject();
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var invocation = Invoke(function, invocationRequest =>
        {
            invocationRequest.InputData.Add(new ParameterBinding { Name = "request", Data = new TypedData { Http = new RpcHttp { Method = request.Method.Method, Url = new Uri(HttpUri, path).ToString() } } });
            invocationRequest.TriggerMetadata["path"] = new TypedData { String = Uri.UnescapeDataString(new Uri(HttpUri, path).AbsolutePath.TrimStart('/')) };
            invocationRequest.TriggerMetadata["Query"] = new TypedData { Json = query.ToJsonString() };
            invocationRequest.TriggerMetadata["Headers"] = new TypedData { Json = headers.ToJsonString() };
        }, out var invocationId);

        // The body is read once; a retried forward sends it again.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeouts.Invocation);
        HttpResponseMessage? response = null;

        // The worker may answer init and load before its Kestrel listens; the real host retries 10 times too.
        for (var attempt = 1; response is null; attempt++)
        {
            using var forwarded = new HttpRequestMessage(request.Method, new Uri(HttpUri, path));
            foreach (var header in request.Headers)
            {
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            forwarded.Headers.TryAddWithoutValidation(InvocationHeader, invocationId);
            forwarded.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
            forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.RequestUri!.IsAbsoluteUri ? request.RequestUri.Scheme : "https");
            if (body is not null)
            {
                forwarded.Content = new ByteArrayContent(body);
                foreach (var header in request.Content!.Headers)
                {
                    forwarded.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            try
            {
                response = await _forwarder!.SendAsync(forwarded, limit.Token);
                await response.Content.LoadIntoBufferAsync(limit.Token);
            }
            catch (HttpRequestException e) when (attempt < 10 && e.InnerException is SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, 50 * attempt)), limit.Token);
            }
        }

        return (response, await invocation.WaitAsync(limit.Token));
    }

    /// <summary>One queue message invoked as the host invokes a queue trigger: the message, and DequeueCount, Id and the rest as trigger metadata.</summary>
    public Task<InvocationResponse> InvokeQueueAsync(string function, string message, long dequeueCount, string? id = null)
    {
        var now = DateTimeOffset.UtcNow;
        return Invoke(function, request =>
        {
            request.InputData.Add(new ParameterBinding { Name = "message", Data = new TypedData { String = message } });
            request.TriggerMetadata["DequeueCount"] = new TypedData { Json = dequeueCount.ToString(CultureInfo.InvariantCulture) };
            request.TriggerMetadata["Id"] = new TypedData { String = id ?? Guid.NewGuid().ToString() };
            request.TriggerMetadata["InsertionTime"] = new TypedData { Json = JsonSerializer.Serialize(now) };
            request.TriggerMetadata["ExpirationTime"] = new TypedData { Json = JsonSerializer.Serialize(now.AddDays(7)) };
            request.TriggerMetadata["NextVisibleTime"] = new TypedData { Json = JsonSerializer.Serialize(now.AddMinutes(10)) };
            request.TriggerMetadata["PopReceipt"] = new TypedData { String = Guid.NewGuid().ToString("N") };
            request.TriggerMetadata["sys"] = new TypedData { Json = new JsonObject { ["MethodName"] = function, ["UtcNow"] = now.ToString("O", CultureInfo.InvariantCulture), ["RandGuid"] = Guid.NewGuid().ToString() }.ToJsonString() };
        }, out _).WaitAsync(Timeouts.Invocation);
    }

    /// <summary>
    /// What the host's queue listener does with one message of <paramref name="queue"/>: invoke the function; on success
    /// delete the message; on failure make it visible again, or, at host.json's maxDequeueCount, move it to
    /// "{queue}-poison". Returns what was delivered, or null when the queue had nothing visible.
    /// </summary>
    /// <param name="poison">The poison queue beside it, with the same message encoding as the app's clients.</param>
    public async Task<Delivery?> DeliverOnceAsync(string function, QueueClient queue, QueueClient poison)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(poison);
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value;
        if (received.Length == 0)
        {
            return null;
        }

        var message = received[0];
        var answer = await InvokeQueueAsync(function, message.MessageText, message.DequeueCount, message.MessageId);
        if (answer.Result.Status == StatusResult.Types.Status.Success)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        else if (message.DequeueCount >= MaxDequeueCount)
        {
            await poison.CreateIfNotExistsAsync();
            await poison.SendMessageAsync(message.MessageText);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        return new Delivery(message.MessageText, message.DequeueCount, answer);
    }

    /// <summary>One message delivered: its text, the attempt it was, and the worker's answer.</summary>
    public sealed record Delivery(string Text, long DequeueCount, InvocationResponse Answer)
    {
        public bool Succeeded => Answer.Result.Status == StatusResult.Types.Status.Success;
    }

    /// <summary>The package's host.json extensions.queues.maxDequeueCount (the host's default, 5, without it).</summary>
    public int MaxDequeueCount =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppDirectory, "host.json")))?["extensions"]?["queues"]?["maxDequeueCount"]?.GetValue<int>() ?? 5;

    /// <summary>WorkerTerminate, as the host sends it when it shuts a worker down; returns the worker's exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan gracePeriod)
    {
        await SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(gracePeriod) } });
        await _worker!.WaitForExitAsync().WaitAsync(Timeouts.Shutdown);
        return _worker.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 200_000)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is { HasExited: false })
        {
            _worker.Kill(entireProcessTree: true);
            await _worker.WaitForExitAsync();
        }

        _worker?.Dispose();
        _forwarder?.Dispose();
        if (_grpc is not null)
        {
            await _grpc.StopAsync();
            await _grpc.DisposeAsync();
        }

        _writing.Dispose();
    }

    /// <summary>The host's end of FunctionRpc.EventStream: one stream per worker, which the worker opens.</summary>
    private sealed class RpcService(FunctionsHost host) : FunctionRpc.FunctionRpcBase
    {
        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            try
            {
                while (await requestStream.MoveNext(context.CancellationToken))
                {
                    var message = requestStream.Current;
                    if (message.ContentCase == StreamingMessage.ContentOneofCase.StartStream)
                    {
                        host._stream.TrySetResult(responseStream);
                        continue;
                    }

                    await host._fromWorker.Writer.WriteAsync(message);
                }
            }
            catch (OperationCanceledException)
            {
                // The worker went away.
            }
            catch (IOException)
            {
                // The worker went away.
            }

            host._fromWorker.Writer.TryComplete();
        }
    }
}
