using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Benchmark.Storage;

/// <summary>How many rows one table held in a backup or received in a restore; <paramref name="Existed"/> is false for a table storage did not have.</summary>
public sealed record TableRowCount(string Table, long Rows, bool Existed = true);

/// <summary>The manifest.json of a backup folder: what it holds, so a restore can prove the folder is whole before it writes.</summary>
public sealed record BackupManifest(int FormatVersion, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Tool, string SourceTablePrefix, IReadOnlyList<BackupManifestTable> Tables);

/// <summary>One table in a backup: its name without any prefix, its file, its row count and the SHA-256 (hex, lower case) of the file.</summary>
public sealed record BackupManifestTable(string Name, string File, long Rows, string Sha256);

/// <summary>A backup or restore that was refused before it wrote anything; the message says why, for a person.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>
/// Backup and restore of every table of the service, as files the product reads itself: an account with shared keys disabled
/// cannot be copied with AzCopy (which no longer copies tables), so operators need this to move or recover data.
/// One JSON Lines file per table (each property with its EDM type, so a restore writes exactly the types it read) and a
/// manifest with row counts and hashes. See docs/storage.md.
/// </summary>
public sealed class TableBackup
{
    public const int FormatVersion = 1;
    public const string ManifestFileName = "manifest.json";
    public const string FileExtension = ".jsonl";

    // A table transaction holds at most 100 entities of one partition and 4 MiB of request; a line is about as long as
    // the entity is on the wire (both are JSON with base64 binary), so this leaves room for the multipart envelope.
    private const int MaxRowsPerTransaction = 100;
    private const long MaxBytesPerTransaction = 3_000_000;

    // Pages of a hundred keep each response small: a row can be close to 1 MiB (submissions carry their answers).
    private const int RowsPerPage = 100;

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    // Files for people and this tool, never embedded in HTML: only what JSON itself requires is escaped, so text stays readable.
    private static readonly JsonWriterOptions LineJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] ServiceManagedProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    private readonly BenchmarkTables _tables;
    private readonly string _tablePrefix;
    private readonly TimeProvider _time;

    public TableBackup(StorageSettings settings, TimeProvider time)
    {
        _tables = new BenchmarkTables(settings);
        _tablePrefix = settings.TablePrefix;
        _time = time;
    }

    /// <summary>The tables by their name without the prefix, as they are named in a backup.</summary>
    public IReadOnlyList<(string Name, TableClient Client)> Tables => _tables.BackedUp.Select(t => (t.Name[_tablePrefix.Length..], t)).ToList();

    /// <summary>Tables that backups leave out (web sessions and the keys protecting them); an older backup that has them restores without them.</summary>
    public IReadOnlySet<string> LeftOut => _tables.NotBackedUp.Select(t => t.Name[_tablePrefix.Length..]).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Writes every table to <paramref name="folder"/>, which must not exist or be empty. Everything is written to a hidden
    /// folder beside it that is renamed only once the manifest is in it, so a backup that fails leaves no folder that looks complete.
    /// Tables are read one after another, not at one instant: stop writes first for a backup that is consistent across tables.
    /// </summary>
    public async Task<IReadOnlyList<TableRowCount>> BackupAsync(string folder, string toolVersion, CancellationToken cancellationToken = default)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        RefuseUnlessNewOrEmpty(target);
        var parent = Path.GetDirectoryName(target) ?? throw new BackupRefusedException($"{target} cannot hold a backup; give a folder below it.");
        Directory.CreateDirectory(parent);
        var partial = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(partial);
        try
        {
            var startedAt = _time.GetUtcNow();
            var counts = new List<TableRowCount>();
            var entries = new List<BackupManifestTable>();
            foreach (var (name, client) in Tables)
            {
                var file = name + FileExtension;
                var (rows, existed, sha256) = await ExportAsync(client, Path.Combine(partial, file), cancellationToken).ConfigureAwait(false);
                counts.Add(new TableRowCount(name, rows, existed));
                entries.Add(new BackupManifestTable(name, file, rows, sha256));
            }

            if (!counts.Any(c => c.Existed))
            {
                throw new BackupRefusedException($"No table with prefix '{_tablePrefix}' exists in this storage, so there is nothing to back up; check --table-prefix and the storage.");
            }

            var manifest = new BackupManifest(FormatVersion, startedAt, _time.GetUtcNow(), toolVersion, _tablePrefix, entries);
            var manifestFile = new FileStream(Path.Combine(partial, ManifestFileName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (manifestFile.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(manifestFile, manifest, ManifestJson, cancellationToken).ConfigureAwait(false);
                manifestFile.Flush(flushToDisk: true);
            }

            RefuseUnlessNewOrEmpty(target);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(partial, target);
            return counts;
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>
    /// Proves that <paramref name="folder"/> holds a whole backup this version can restore: a manifest of a known format,
    /// only tables this version knows, and every file present with the row count and hash the manifest gives. Reads every line, so a
    /// restore that starts will not meet a line it cannot read. Throws <see cref="BackupRefusedException"/> naming every problem found.
    /// </summary>
    public async Task<BackupManifest> VerifyAsync(string folder, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(folder);
        var manifestPath = Path.Combine(source, ManifestFileName);
        if (!Directory.Exists(source))
        {
            throw new BackupRefusedException($"{source} does not exist.");
        }

        if (!File.Exists(manifestPath))
        {
            throw new BackupRefusedException($"{source} has no {ManifestFileName}: it is not a backup made by 'benchmark backup', or one that did not finish.");
        }

        BackupManifest manifest;
        try
        {
            var stream = File.OpenRead(manifestPath);
            await using (stream.ConfigureAwait(false))
            {
                manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, ManifestJson, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("it is null");
            }
        }
        catch (JsonException e)
        {
            throw new BackupRefusedException($"{manifestPath} cannot be read: {e.Message}");
        }

        if (manifest.FormatVersion != FormatVersion)
        {
            throw new BackupRefusedException($"{manifestPath} has format version {manifest.FormatVersion}; this version of benchmark reads format {FormatVersion} (the backup was made by {manifest.Tool}).");
        }

        // Backups made before sessions moved out of them carry the data protection keys, unencrypted: never put those back.
        manifest = manifest with { Tables = manifest.Tables.Where(t => !LeftOut.Contains(t.Name)).ToList() };
        var known = Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var duplicate in manifest.Tables.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"the manifest lists table {duplicate.Key} {duplicate.Count()} times.");
        }

        foreach (var table in manifest.Tables)
        {
            if (!known.Contains(table.Name))
            {
                problems.Add($"table {table.Name} is not one this version of benchmark knows (the backup was made by {manifest.Tool}).");
                continue;
            }

            // The file name is never taken from the manifest as a path, so a manifest cannot point outside the folder.
            var expectedFile = table.Name + FileExtension;
            if (!string.Equals(table.File, expectedFile, StringComparison.Ordinal))
            {
                problems.Add($"the manifest names {table.File} as the file of table {table.Name}; it must be {expectedFile}.");
                continue;
            }

            var path = Path.Combine(source, expectedFile);
            if (!File.Exists(path))
            {
                problems.Add($"{expectedFile} is missing.");
                continue;
            }

            var sha256 = await HashAsync(path, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(sha256, table.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{expectedFile} has SHA-256 {sha256}, not {table.Sha256} as the manifest says: the file changed after the backup.");
                continue;
            }

            try
            {
                var rows = 0L;
                await foreach (var _ in ReadAsync(path, cancellationToken).ConfigureAwait(false))
                {
                    rows++;
                }

                if (rows != table.Rows)
                {
                    problems.Add($"{expectedFile} holds {rows} rows, not {table.Rows} as the manifest says.");
                }
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new BackupRefusedException($"The backup in {source} cannot be restored:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        return manifest;
    }

    /// <summary>
    /// Restores a backup verified by <see cref="VerifyAsync"/> into these tables (whatever their prefix). Refuses, before writing
    /// anything, when a table already holds rows, unless <paramref name="overwrite"/>: then rows with the same keys are replaced
    /// and rows the backup does not have are kept. Rows are upserted in transactions of one partition, so a transaction the
    /// storage SDK sends again, or a whole restore run again with <paramref name="overwrite"/>, succeeds.
    /// </summary>
    public async Task<IReadOnlyList<TableRowCount>> RestoreAsync(string folder, bool overwrite, CancellationToken cancellationToken = default)
    {
        var manifest = await VerifyAsync(folder, cancellationToken).ConfigureAwait(false);
        var clients = Tables.ToDictionary(t => t.Name, t => t.Client, StringComparer.Ordinal);
        if (!overwrite)
        {
            var occupied = new List<string>();
            foreach (var table in manifest.Tables)
            {
                if (await HoldsRowsAsync(clients[table.Name], cancellationToken).ConfigureAwait(false))
                {
                    occupied.Add(clients[table.Name].Name);
                }
            }

            if (occupied.Count > 0)
            {
                throw new BackupRefusedException(
                    $"These tables already hold rows: {string.Join(", ", occupied)}. Nothing was restored. Restore into empty tables (another --table-prefix), " +
                    "or give --overwrite to replace the rows that have the same keys as rows in the backup (other rows are kept).");
            }
        }

        await _tables.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<TableRowCount>();
        foreach (var table in manifest.Tables)
        {
            var rows = await ImportAsync(clients[table.Name], Path.Combine(Path.GetFullPath(folder), table.File), cancellationToken).ConfigureAwait(false);
            counts.Add(new TableRowCount(table.Name, rows));
        }

        return counts;
    }

    /// <summary>One entity as one line of JSON: its keys, and each property as its EDM type and value.</summary>
    public static void WriteEntity(Utf8JsonWriter json, TableEntity entity)
    {
        json.WriteStartObject();
        json.WriteString("PartitionKey", entity.PartitionKey);
        json.WriteString("RowKey", entity.RowKey);
        json.WriteStartObject("Properties");
        foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (ServiceManagedProperties.Contains(name, StringComparer.Ordinal) || value is null)
            {
                continue;
            }

            json.WriteStartObject(name);
            switch (value)
            {
                case string text:
                    json.WriteString("Type", "Edm.String");
                    json.WriteString("Value", text);
                    break;
                case int number:
                    json.WriteString("Type", "Edm.Int32");
                    json.WriteNumber("Value", number);
                    break;
                case long number:
                    // As text: JSON readers that hold numbers as doubles would round values above 2^53.
                    json.WriteString("Type", "Edm.Int64");
                    json.WriteString("Value", number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number when double.IsFinite(number):
                    json.WriteString("Type", "Edm.Double");
                    json.WriteNumber("Value", number);
                    break;
                case double number:
                    json.WriteString("Type", "Edm.Double");
                    json.WriteString("Value", number.ToString(CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    json.WriteString("Type", "Edm.Boolean");
                    json.WriteBoolean("Value", flag);
                    break;
                case DateTimeOffset time:
                    json.WriteString("Type", "Edm.DateTime");
                    json.WriteString("Value", time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                    break;
                case Guid id:
                    json.WriteString("Type", "Edm.Guid");
                    json.WriteString("Value", id.ToString("D"));
                    break;
                case byte[] bytes:
                    json.WriteString("Type", "Edm.Binary");
                    json.WriteBase64String("Value", bytes);
                    break;
                case BinaryData bytes:
                    json.WriteString("Type", "Edm.Binary");
                    json.WriteBase64String("Value", bytes.ToMemory().Span);
                    break;
                default:
                    throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey}: property {name} has a type ({value.GetType().Name}) a backup cannot hold.");
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The entity of one line written by <see cref="WriteEntity"/>, with every property of its own type.</summary>
    public static TableEntity ReadEntity(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var entity = new TableEntity(Text(root.GetProperty("PartitionKey")), Text(root.GetProperty("RowKey")));
        foreach (var property in root.GetProperty("Properties").EnumerateObject())
        {
            var type = Text(property.Value.GetProperty("Type"));
            var value = property.Value.GetProperty("Value");
            entity[property.Name] = type switch
            {
                "Edm.String" => Text(value),
                "Edm.Int32" => value.GetInt32(),
                "Edm.Int64" => long.Parse(Text(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                "Edm.Double" => value.ValueKind == JsonValueKind.String ? double.Parse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture) : value.GetDouble(),
                "Edm.Boolean" => value.GetBoolean(),
                "Edm.DateTime" => DateTimeOffset.ParseExact(Text(value), "O", CultureInfo.InvariantCulture, DateTimeStyles.None),
                "Edm.Guid" => Guid.ParseExact(Text(value), "D"),
                "Edm.Binary" => value.GetBytesFromBase64(),
                _ => throw new FormatException($"property {property.Name} has unknown type '{type}'"),
            };
        }

        return entity;
    }

    private static string Text(JsonElement element) => element.GetString() ?? throw new FormatException("a value is null");

    private void RefuseUnlessNewOrEmpty(string target)
    {
        if (File.Exists(target))
        {
            throw new BackupRefusedException($"{target} is a file; give a new or empty folder for the backup.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupRefusedException($"{target} is not empty; give a new or empty folder, so the backup is never mixed with other files (tables with prefix '{_tablePrefix}').");
        }
    }

    /// <summary>Streams a table to a file page by page, hashing the bytes as they are written.</summary>
    private static async Task<(long Rows, bool Existed, string Sha256)> ExportAsync(TableClient table, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>();
        var rows = 0L;
        var existed = true;
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            try
            {
                await BenchmarkTables.Guard(async () =>
                {
                    var json = new Utf8JsonWriter(buffer, LineJson);
                    await using (json.ConfigureAwait(false))
                    {
                        await foreach (var entity in table.QueryAsync<TableEntity>(maxPerPage: RowsPerPage, cancellationToken: cancellationToken).ConfigureAwait(false))
                        {
                            buffer.ResetWrittenCount();
                            json.Reset(buffer);
                            WriteEntity(json, entity);
                            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                            buffer.Write("\n"u8);
                            hash.AppendData(buffer.WrittenSpan);
                            await file.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                            rows++;
                        }
                    }
                }).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404 && rows == 0)
            {
                existed = false;
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        return (rows, existed, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Upserts a file's rows in transactions of consecutive rows of one partition (a backup is in key order, so they are full).</summary>
    private static async Task<long> ImportAsync(TableClient table, string path, CancellationToken cancellationToken)
    {
        var rows = 0L;
        var batch = new List<TableTransactionAction>(MaxRowsPerTransaction);
        var batchBytes = 0L;
        await foreach (var (entity, bytes) in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (batch.Count > 0 && (batch.Count == MaxRowsPerTransaction || batchBytes + bytes > MaxBytesPerTransaction || batch[0].Entity.PartitionKey != entity.PartitionKey))
            {
                await SubmitAsync(table, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                batchBytes = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            batchBytes += bytes;
            rows++;
        }

        if (batch.Count > 0)
        {
            await SubmitAsync(table, batch, cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken) =>
        await BenchmarkTables.Guard(() => table.SubmitTransactionAsync(batch, cancellationToken)).ConfigureAwait(false);

    /// <summary>The rows of a backup file with the length of their line in bytes; a line that cannot be read is an <see cref="InvalidDataException"/> naming file and line.</summary>
    private static async IAsyncEnumerable<(TableEntity Entity, int Bytes)> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            var number = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                TableEntity entity;
                try
                {
                    entity = ReadEntity(line);
                }
                catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or OverflowException)
                {
                    throw new InvalidDataException($"{Path.GetFileName(path)}:{number}: not a row of a backup: {e.Message}", e);
                }

                yield return (entity, Encoding.UTF8.GetByteCount(line));
            }
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<bool> HoldsRowsAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            return await BenchmarkTables.Guard(async () =>
            {
                await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                return false;
            }).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder's name says it is partial, and it has no manifest.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
