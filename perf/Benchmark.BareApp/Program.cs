// Nothing but what every ASP.NET Core app pays for: the slim builder, Kestrel on the Functions host's port, one endpoint.
var builder = WebApplication.CreateSlimBuilder(args);
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}

var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync();
