using Microsoft.AspNetCore.Http.HttpResults;

namespace Benchmark.Functions.Http;

/// <summary>Reads a JSON request body within the size limit, refusing other content types.</summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <returns>The bytes (empty when optional and absent), or the problem to answer with.</returns>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, bool optional)
    {
        var empty = request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null && request.Headers.TransferEncoding.Count == 0);
        if (empty)
        {
            return optional ? ([], null) : (null, Problems.Result(StatusCodes.Status400BadRequest, "Body required", "Send the answers as JSON."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send JSON with 'Content-Type: application/json'{(request.ContentType is null ? "" : $", not '{Sanitize(request.ContentType)}'")}."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (request.ContentLength is { } length)
        {
            return await ReadExactlyAsync(request, (int)length).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, TooLarge());
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// A body whose length was announced (and checked against the limit) goes straight into one array of that length,
    /// without growing a buffer and copying it out. The server ends the body at the announced length.
    /// </summary>
    private static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadExactlyAsync(HttpRequest request, int length)
    {
        var body = new byte[length];
        var filled = 0;
        try
        {
            int read;
            while (filled < length && (read = await request.Body.ReadAsync(body.AsMemory(filled), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }

        return (filled == length ? body : body[..filled], null);
    }

    /// <summary>Reads and deserializes a small JSON request object; malformed JSON is a 400 that says so.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, bool optional)
        where T : class
    {
        var (body, problem) = await ReadJsonAsync(request, optional).ConfigureAwait(false);
        if (problem is not null || body!.Length == 0)
        {
            return (null, problem);
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return (System.Text.Json.JsonSerializer.Deserialize<T>(body, options), null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, Problems.Result(StatusCodes.Status400BadRequest, "Malformed JSON", "The request body is not valid JSON for this request.", [new(e.Path is null ? "" : "/" + e.Path.TrimStart('$', '.').Replace('.', '/'), e.Message)]));
        }
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "Too large", $"A request body may be at most {MaxBytes / 1024} KiB.");

    private static string Sanitize(string value) => new(value.Take(100).Where(c => !char.IsControl(c)).ToArray());
}
