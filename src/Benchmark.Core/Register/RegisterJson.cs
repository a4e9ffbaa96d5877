using System.Text.Encodings.Web;
using System.Text.Json;

namespace Benchmark.Core.Register;

public static class RegisterJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Write(MunicipalityRegister register) => JsonSerializer.Serialize(register, Options) + "\n";

    public static MunicipalityRegister Read(string json) =>
        JsonSerializer.Deserialize<MunicipalityRegister>(json, Options) ?? throw new JsonException("The register file is empty.");
}
