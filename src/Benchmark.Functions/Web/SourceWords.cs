using Benchmark.Core.Model;

namespace Benchmark.Functions.Web;

/// <summary>What kind of source a block rests on, in the reader's language.</summary>
public static class SourceWords
{
    public static string Kind(string kind, WebText text) => kind switch
    {
        SourceKinds.Law => text.Say("wet of regeling", "law or regulation"),
        SourceKinds.Standard => text.Say("standaard", "standard"),
        SourceKinds.Facility => text.Say("landelijke voorziening", "national facility"),
        SourceKinds.Policy => text.Say("beleid of afspraak", "policy or agreement"),
        _ => kind,
    };
}
