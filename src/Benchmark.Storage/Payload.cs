using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;

namespace Benchmark.Storage;

/// <summary>
/// Stores a JSON document in a table entity: gzip-compressed and split over binary properties,
/// because one property holds at most 64 KiB and one entity at most 1 MiB.
/// </summary>
internal static class Payload
{
    private const int ChunkSize = 60 * 1024;
    private const int MaxChunks = 15;
    public const string ChunkCount = "DataChunks";

    /// <returns>The compressed size in bytes, as stored.</returns>
    public static int Write(TableEntity entity, string json) => Write(entity, Encoding.UTF8.GetBytes(json));

    /// <summary>Writes JSON already encoded as UTF-8, as a submission's canonical form is kept.</summary>
    /// <returns>The compressed size in bytes, as stored.</returns>
    public static int Write(TableEntity entity, ReadOnlySpan<byte> utf8)
    {
        using var buffer = new MemoryStream();
        // Fastest: a save is on the request path, and the answers shrink about as much either way (text compresses well).
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(utf8);
        }

        return Store(entity, buffer);
    }

    /// <summary>
    /// <paramref name="value"/> as JSON, serialised as UTF-8 without a text in between: the same stored bytes as writing
    /// its JSON text, without the text (twice the size) and its copy, which for a computation's thousands of results
    /// were most of its garbage. Compressed in one piece, as the text was: fed in pieces, the compressed bytes differ.
    /// </summary>
    /// <returns>The compressed size in bytes, as stored.</returns>
    public static int Write<T>(TableEntity entity, T value, System.Text.Json.JsonSerializerOptions options) =>
        Write(entity, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, options));

    private static int Store(TableEntity entity, MemoryStream buffer)
    {
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var chunks = (bytes.Length + ChunkSize - 1) / ChunkSize;
        if (chunks > MaxChunks)
        {
            throw new PayloadTooLargeException($"The answers take {bytes.Length / 1024} KiB even compressed; at most {MaxChunks * ChunkSize / 1024} KiB can be stored.");
        }

        entity[ChunkCount] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["Data" + i] = bytes.Slice(i * ChunkSize, Math.Min(ChunkSize, bytes.Length - (i * ChunkSize))).ToArray();
        }

        return bytes.Length;
    }

    public static string Read(TableEntity entity)
    {
        var chunks = entity.GetInt32(ChunkCount) ?? 0;
        using var compressed = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            compressed.Write(entity.GetBinary("Data" + i));
        }

        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class PayloadTooLargeException(string message) : Exception(message);
