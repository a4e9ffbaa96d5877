namespace Benchmark.Core.Demo;

/// <summary>
/// A small seeded generator (SplitMix64) of our own, so that the same seed gives the same demo data
/// on every machine and .NET version.
/// </summary>
internal sealed class DemoRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double probability) => NextDouble() < probability;

    public double Uniform(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>Normally distributed (Box–Muller).</summary>
    public double Normal(double mean, double deviation)
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>An independent generator for a named purpose, so adding draws in one place does not shift another.</summary>
    public DemoRandom Fork(string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new DemoRandom(_state ^ hash);
    }
}
