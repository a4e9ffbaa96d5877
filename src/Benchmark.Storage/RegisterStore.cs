using System.Globalization;
using Azure.Data.Tables;
using Benchmark.Core.Application;
using Benchmark.Core.Register;

namespace Benchmark.Storage;

/// <summary>
/// Yearly registers. An import writes a fresh partition and then switches the year's pointer to it,
/// so readers see the old register or the new one, never half of each.
/// </summary>
public sealed class RegisterStore(BenchmarkTables tables, TimeProvider time) : IRegisterRepository
{
    private const string PointerPartition = "current";
    private const int BatchSize = 100;

    public async Task ImportAsync(MunicipalityRegister imported, CancellationToken cancellationToken = default)
    {
        var year = imported.Year.ToString(CultureInfo.InvariantCulture);
        // Every import writes into a partition of its own, so its rows can be upserted: a batch the storage SDK sends
        // again after losing the answer to the first attempt then succeeds instead of meeting its own rows.
        var partition = $"{year}_{time.GetUtcNow().UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}{Guid.NewGuid().ToString("N")[..8]}";
        foreach (var batch in imported.Municipalities.Chunk(BatchSize))
        {
            var actions = batch.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, m))).ToList();
            await BenchmarkTables.Guard(() => tables.Registers.SubmitTransactionAsync(actions, cancellationToken)).ConfigureAwait(false);
        }

        var pointer = new TableEntity(PointerPartition, year) { ["Partition"] = partition, ["Count"] = imported.Municipalities.Count };
        await BenchmarkTables.Guard(() => tables.Registers.UpsertEntityAsync(pointer, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The register of a year: the latest imported for that year or, failing that, for the latest year before it.</summary>
    public async Task<MunicipalityRegister?> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var pointers = await BenchmarkTables.QueryAll(tables.Registers.QueryAsync<TableEntity>(e => e.PartitionKey == PointerPartition, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var pointer = pointers
            .Select(p => (Year: int.Parse(p.RowKey, CultureInfo.InvariantCulture), Partition: p.GetString("Partition")))
            .Where(p => p.Year <= year)
            .OrderByDescending(p => p.Year)
            .FirstOrDefault();
        if (pointer.Partition is null)
        {
            return null;
        }

        var rows = await BenchmarkTables.QueryAll(tables.Registers.QueryAsync<TableEntity>(e => e.PartitionKey == pointer.Partition, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new MunicipalityRegister(pointer.Year, rows.Select(ToMunicipality).ToList());
    }

    private static TableEntity ToEntity(string partition, Municipality m) => new(partition, m.Code)
    {
        ["Name"] = m.Name,
        ["ShortName"] = m.ShortName,
        ["Province"] = m.Province,
        ["Population"] = m.Population,
        ["Collaborations"] = string.Join('|', m.Collaborations),
        ["Predecessors"] = string.Join('|', m.Predecessors),
    };

    private static Municipality ToMunicipality(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name"),
        e.GetString("ShortName"),
        e.GetString("Province"),
        e.GetInt32("Population")!.Value,
        Split(e.GetString("Collaborations")),
        Split(e.GetString("Predecessors")));

    private static List<string> Split(string? value) => string.IsNullOrEmpty(value) ? [] : [.. value.Split('|')];
}
