using Benchmark.Performance;

// Each measurement is a subcommand (a class implementing IMeasurement); scripts/measure.sh runs them all
// and docs/PERFORMANCE.md holds their results with the commands that reproduce them.
var measurements = typeof(IMeasurement).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IMeasurement)))
    .Select(t => (IMeasurement)Activator.CreateInstance(t)!)
    .OrderBy(m => m.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? measurements.FirstOrDefault(m => m.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: Benchmark.Performance <measurement> [options]");
    foreach (var measurement in measurements)
    {
        Console.Error.WriteLine($"  {measurement.Name,-12} {measurement.Description}");
    }

    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
}

return await chosen.RunAsync(args[1..]);
