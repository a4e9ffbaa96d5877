using System.Globalization;
using Azure.Data.Tables;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Cli.Tests;

/// <summary>Backups and restores against the collection's Azurite; each test has its own table prefixes.</summary>
[Collection(AzuriteTests.Name)]
public sealed class BackupTests(AzuriteFixture storage)
{
    private string ConnectionString => storage.ConnectionString;

    [Fact]
    public async Task ARestoredBackupHoldsEveryRowWithItsTypes()
    {
        var source = NewPrefix();
        var target = NewPrefix();
        var written = await WriteFixtureAsync(source);
        var folder = Path.Combine(CliRunner.TempFolder(), "backup");

        var backup = await Backup(folder, source);
        var restore = await Restore(folder, target);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(restore.ExitCode == 0, restore.Error);
        foreach (var output in new[] { backup.Output, restore.Output })
        {
            Assert.Contains($"  Submissions: {written["Submissions"].Count} rows", output, StringComparison.Ordinal);
            Assert.Contains($"  Cycles: {written["Cycles"].Count} rows", output, StringComparison.Ordinal);
            Assert.Contains("  ApiKeys: 0 rows", output, StringComparison.Ordinal);
        }

        foreach (var (table, rows) in written)
        {
            Assert.Equal(rows.OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal).Select(Describe), (await ReadAsync(target + table)).Select(Describe));
        }

        var manifest = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        Assert.Contains("\"formatVersion\": 1", manifest, StringComparison.Ordinal);
        Assert.Contains("\"sourceTablePrefix\": \"" + source + "\"", manifest, StringComparison.Ordinal);
        Assert.Equal(
            TableNames(source).Select(n => n + ".jsonl").Append("manifest.json").Order(StringComparer.Ordinal),
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheDemoDataIsEqualRowForRowAfterARestoreUnderAnotherTablePrefix()
    {
        var source = NewPrefix();
        var target = NewPrefix();
        var demo = CliRunner.TempFolder();
        var generate = await CliRunner.Run("demo", "generate", "--seed", "3", "--cycles", "2026", "--out", demo);
        Assert.True(generate.ExitCode == 0, generate.Error);
        var load = await CliRunner.Run("demo", "load", "--from", demo, "--keys-out", Path.Combine(demo, "keys.txt"), "--storage", ConnectionString, "--table-prefix", source);
        Assert.True(load.ExitCode == 0, load.Error);
        var folder = Path.Combine(CliRunner.TempFolder(), "backup");

        var backup = await Backup(folder, source);
        var restore = await Restore(folder, target);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(restore.ExitCode == 0, restore.Error);
        var total = 0;
        foreach (var table in TableNames(source))
        {
            var expected = (await ReadAsync(source + table)).Select(Describe).ToList();
            Assert.Equal(expected, (await ReadAsync(target + table)).Select(Describe));
            Assert.Contains($"  {table}: {expected.Count} rows", restore.Output, StringComparison.Ordinal);
            total += expected.Count;
        }

        Assert.True(total > 1000, $"The demo data should fill the tables; only {total} rows.");
    }

    [Fact]
    public async Task ATamperedFileIsRefusedAndNothingIsWritten()
    {
        var source = NewPrefix();
        var target = NewPrefix();
        await WriteFixtureAsync(source, withLargeRows: false);
        var folder = Path.Combine(CliRunner.TempFolder(), "backup");
        Assert.Equal(0, (await Backup(folder, source)).ExitCode);
        var file = Path.Combine(folder, "Submissions.jsonl");
        File.WriteAllText(file, File.ReadAllText(file).Replace("IJsselstein", "Utrecht", StringComparison.Ordinal));

        var restore = await Restore(folder, target);

        Assert.Equal(2, restore.ExitCode);
        Assert.Contains("Submissions.jsonl has SHA-256", restore.Error, StringComparison.Ordinal);
        Assert.Contains("changed after the backup", restore.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored", restore.Error, StringComparison.Ordinal);
        Assert.Empty(await TablesWithPrefixAsync(target));
    }

    [Fact]
    public async Task AMissingFileIsRefusedAndNothingIsWritten()
    {
        var source = NewPrefix();
        var target = NewPrefix();
        await WriteFixtureAsync(source, withLargeRows: false);
        var folder = Path.Combine(CliRunner.TempFolder(), "backup");
        Assert.Equal(0, (await Backup(folder, source)).ExitCode);
        File.Delete(Path.Combine(folder, "Cycles.jsonl"));

        var restore = await Restore(folder, target);

        Assert.Equal(2, restore.ExitCode);
        Assert.Contains("Cycles.jsonl is missing", restore.Error, StringComparison.Ordinal);
        Assert.Empty(await TablesWithPrefixAsync(target));
    }

    [Fact]
    public async Task ARestoreIntoTablesThatHoldRowsIsRefusedUnlessOverwriteIsGiven()
    {
        var prefix = NewPrefix();
        await WriteFixtureAsync(prefix, withLargeRows: false);
        var folder = Path.Combine(CliRunner.TempFolder(), "backup");
        Assert.Equal(0, (await Backup(folder, prefix)).ExitCode);
        var submissions = new TableServiceClient(ConnectionString).GetTableClient(prefix + "Submissions");
        await submissions.UpsertEntityAsync(new TableEntity("2026", "c_GM0000") { ["Text"] = "changed after the backup" }, TableUpdateMode.Replace);
        await submissions.UpsertEntityAsync(new TableEntity("2027", "added after the backup") { ["Text"] = "kept" });

        var refused = await Restore(folder, prefix);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already hold rows", refused.Error, StringComparison.Ordinal);
        Assert.Contains(prefix + "Submissions", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Equal("changed after the backup", (await submissions.GetEntityAsync<TableEntity>("2026", "c_GM0000")).Value.GetString("Text"));

        var overwritten = await Restore(folder, prefix, "--overwrite");

        Assert.True(overwritten.ExitCode == 0, overwritten.Error);
        Assert.Contains("IJsselstein", (await submissions.GetEntityAsync<TableEntity>("2026", "c_GM0000")).Value.GetString("Text"), StringComparison.Ordinal);
        Assert.Equal("kept", (await submissions.GetEntityAsync<TableEntity>("2027", "added after the backup")).Value.GetString("Text"));
    }

    [Fact]
    public async Task ABackupIntoAFolderThatIsNotEmptyIsRefused()
    {
        var prefix = NewPrefix();
        await WriteFixtureAsync(prefix, withLargeRows: false);
        var folder = CliRunner.TempFolder();
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "an operator's notes");

        var backup = await Backup(folder, prefix);

        Assert.Equal(2, backup.ExitCode);
        Assert.Contains("is not empty", backup.Error, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal([folder], Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!, Path.GetFileName(folder) + "*"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.partial-*"));
    }

    [Fact]
    public async Task ABackupThatFindsNoTablesLeavesNoFolderBehind()
    {
        var parent = CliRunner.TempFolder();
        var folder = Path.Combine(parent, "backup");

        var backup = await Backup(folder, NewPrefix());

        Assert.Equal(2, backup.ExitCode);
        Assert.Contains("No table with prefix", backup.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public async Task ARestoreFromAFolderWithoutAManifestNamesTheProblem()
    {
        var folder = CliRunner.TempFolder();
        File.WriteAllText(Path.Combine(folder, "Submissions.jsonl"), "");

        var restore = await Restore(folder, NewPrefix());

        Assert.Equal(2, restore.ExitCode);
        Assert.Contains("has no manifest.json", restore.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABackupLeavesOutTheWebSessionsAndTheKeysThatProtectThemAndARestoreOfAnOlderBackupIgnoresThem()
    {
        var source = NewPrefix();
        var service = new TableServiceClient(ConnectionString);
        foreach (var (table, row) in new[] { ("DataProtectionKeys", new TableEntity("key", "k1") { ["Xml"] = "<key id=\"k1\" />" }), ("Sessions", new TableEntity("session", "abc") { ["KeyHash"] = "h" }), ("Cycles", new TableEntity("cycle", "2026")) })
        {
            var client = service.GetTableClient(source + table);
            await client.CreateIfNotExistsAsync();
            await client.UpsertEntityAsync(row);
        }

        var folder = Path.Combine(CliRunner.TempFolder(), "backup");
        var backup = await Backup(folder, source);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("  Cycles: 1 rows", backup.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DataProtectionKeys", backup.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sessions", backup.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "DataProtectionKeys.jsonl")));
        Assert.False(File.Exists(Path.Combine(folder, "Sessions.jsonl")));

        // A backup made before this version carries the keys, unencrypted; a restore must not put them back.
        File.WriteAllText(Path.Combine(folder, "DataProtectionKeys.jsonl"), "{\"PartitionKey\":\"key\",\"RowKey\":\"old\",\"Properties\":{\"Xml\":{\"Type\":\"Edm.String\",\"Value\":\"<key />\"}}}\n");
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["tables"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["name"] = "DataProtectionKeys", ["file"] = "DataProtectionKeys.jsonl", ["rows"] = 1, ["sha256"] = "0000" });
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var target = NewPrefix();
        var restore = await Restore(folder, target);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Single(await ReadAsync(target + "Cycles"));
        Assert.Empty(await ReadAsync(target + "DataProtectionKeys"));
    }

    private Task<CliResult> Backup(string folder, string prefix) =>
        CliRunner.Run("backup", "--out", folder, "--storage", ConnectionString, "--table-prefix", prefix);

    private Task<CliResult> Restore(string folder, string prefix, params string[] more) =>
        CliRunner.Run(["restore", "--from", folder, "--storage", ConnectionString, "--table-prefix", prefix, .. more]);

    private static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    private IEnumerable<string> TableNames(string prefix) =>
        new BenchmarkTables(new StorageSettings { ConnectionString = ConnectionString, TablePrefix = prefix }).BackedUp.Select(t => t.Name[prefix.Length..]);

    private async Task<List<TableEntity>> ReadAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in new TableServiceClient(ConnectionString).GetTableClient(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<string>> TablesWithPrefixAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(ConnectionString).QueryAsync())
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        return names;
    }

    /// <summary>A row as text that shows every property's type and exact value, so two rows compare equal only when they are.</summary>
    private static string Describe(TableEntity row) =>
        $"{row.PartitionKey}/{row.RowKey}: " + string.Join("; ", row
            .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} {p.Value?.GetType().Name} " + p.Value switch
            {
                byte[] bytes => Convert.ToBase64String(bytes),
                DateTimeOffset time => time.UtcTicks.ToString(CultureInfo.InvariantCulture) + " " + time.Offset,
                double number => number.ToString("R", CultureInfo.InvariantCulture),
                _ => Convert.ToString(p.Value, CultureInfo.InvariantCulture),
            }));

    /// <summary>
    /// Rows with every EDM type and its edge values, written straight to the tables: a partition of 250 rows (more than one
    /// transaction holds) and, unless left out, 40 rows of 60 KB binary and 30,000 characters (more bytes than one transaction holds).
    /// </summary>
    private async Task<Dictionary<string, List<TableEntity>>> WriteFixtureAsync(string prefix, bool withLargeRows = true)
    {
        var service = new TableServiceClient(ConnectionString);
        var random = new Random(7);
        var submissions = Enumerable.Range(0, 250).Select(i => new TableEntity("2026", $"c_GM{i:0000}")
        {
            ["Text"] = $"Gemeente IJsselstein – €, ĳ, 😀 and \"quotes\"\n{i}",
            ["Count"] = i - 125,
            ["Big"] = long.MaxValue - i,
            ["Small"] = (long)i,
            ["Ratio"] = i / 7.0,
            ["Whole"] = 2.0,
            ["Flag"] = i % 2 == 0,
            ["At"] = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks((i * 1_234_567L) + 1),
            ["Id"] = new Guid(i, 7, 9, [1, 2, 3, 4, 5, 6, 7, (byte)i]),
            ["Data"] = Enumerable.Range(0, i % 50).Select(b => (byte)(b * i)).ToArray(),
        }).ToList();
        if (withLargeRows)
        {
            submissions.AddRange(Enumerable.Range(0, 40).Select(i =>
            {
                var blob = new byte[60_000];
                random.NextBytes(blob);
                return new TableEntity("large", $"v_{i:000}")
                {
                    ["Blob"] = blob,
                    ["Long"] = string.Concat(Enumerable.Range(0, 3_000).Select(n => (char)('a' + ((n + i) % 26)) + "ĳ€—0123")),
                };
            }));
        }

        var cycles = new List<TableEntity>
        {
            // No infinities: the storage SDK cannot write them, so no table of the service holds one.
            new("cycle", "edges")
            {
                ["NaN"] = double.NaN,
                ["Tiny"] = double.Epsilon,
                ["Huge"] = double.MaxValue,
                ["Tenth"] = 0.1,
                ["MinInt32"] = int.MinValue,
                ["MaxInt32"] = int.MaxValue,
                ["MinInt64"] = long.MinValue,
                ["Earliest"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
                ["Latest"] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
                ["Empty"] = "",
                ["False"] = false,
                ["ZeroGuid"] = Guid.Empty,
            },
            new("cycle", "2026") { ["Questionnaire"] = "2026", ["Deadline"] = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero) },
        };

        var written = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal) { ["Submissions"] = submissions, ["Cycles"] = cycles };
        foreach (var (table, rows) in written)
        {
            var client = service.GetTableClient(prefix + table);
            await client.CreateIfNotExistsAsync();
            foreach (var row in rows)
            {
                await client.UpsertEntityAsync(row, TableUpdateMode.Replace);
            }
        }

        return written;
    }
}
