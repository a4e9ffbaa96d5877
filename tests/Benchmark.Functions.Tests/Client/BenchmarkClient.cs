using System.Text.Json;
using System.Text.Json.Serialization;

namespace Benchmark.Functions.Tests.Client;

/// <summary>
/// The one setting the generated client needs, through the hook NSwag generates for it: a member left unset is not
/// sent. A JSON Merge Patch changes only what it names and null removes, so an unset member must not travel as null.
/// Null entries of a dictionary (an answer to remove) are still sent.
/// </summary>
public partial class BenchmarkClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
