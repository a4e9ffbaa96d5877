namespace Benchmark.Functions.Endpoints;

public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", () => TypedResults.Ok(new HealthResponse("ok", typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "")))
            .WithName("GetHealth")
            .WithSummary("Whether the service runs; for the platform's health checks")
            .AllowAnonymous()
            .DisableRateLimiting();

    public sealed record HealthResponse(string Status, string Version);
}
