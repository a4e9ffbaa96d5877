using Benchmark.Functions;

StartupTimeline.Mark("Main entered (runtime started)");
if (BenchmarkApp.StartedByFunctionsHost(args))
{
    // Under the Functions host: the .NET isolated worker (gRPC to the host, HTTP proxied to the worker's Kestrel).
    using var worker = BenchmarkApp.BuildWorker(args);
    await worker.RunAsync();
}
else
{
    var app = BenchmarkApp.Build(args);
    app.Lifetime.ApplicationStarted.Register(() => StartupTimeline.Mark("listening (web server started)"));
    await app.RunAsync();
}
