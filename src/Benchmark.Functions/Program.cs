using Benchmark.Functions;

await BenchmarkApp.Build(args).RunAsync();
