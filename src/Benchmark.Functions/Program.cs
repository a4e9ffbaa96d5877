using Benchmark.Functions;

StartupTimeline.Mark("Main entered (runtime started)");
var app = BenchmarkApp.Build(args);
app.Lifetime.ApplicationStarted.Register(() => StartupTimeline.Mark("listening (web server started)"));
await app.RunAsync();
