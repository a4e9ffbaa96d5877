namespace Benchmark.Functions.Web;

/// <summary>Where an analyst is among the pages of one cycle, for the sub-navigation.</summary>
public sealed record AnalystNavigation(int Year, string Current)
{
    public const string Submissions = "inzendingen";
    public const string Notes = "praktijkvoorbeelden";
    public const string Distributions = "verdelingen";
    public const string Reports = "rapporten";
}
