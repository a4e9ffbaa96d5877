using System.CommandLine;
using Benchmark.Cli;

return await BenchmarkCommand.RunAsync(args, new CliContext(Console.Out, Console.Error));
