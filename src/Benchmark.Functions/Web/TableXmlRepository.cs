using System.Xml.Linq;
using Azure.Data.Tables;
using Benchmark.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Benchmark.Functions.Web;

/// <summary>
/// Keeps ASP.NET Core's data protection keys in table storage. Without it each instance (and each restart)
/// would make its own keys, and a session cookie or form token from one would be refused by the next.
/// </summary>
internal sealed class TableXmlRepository(BenchmarkTables tables) : IXmlRepository
{
    private const string Partition = "key";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return tables.DataProtectionKeys.Query<TableEntity>(e => e.PartitionKey == Partition)
                .Select(e => XElement.Parse(e.GetString("Xml")))
                .ToList();
        }
        catch (Exception e) when (BenchmarkTables.IsUnavailable(e))
        {
            throw new StorageUnavailableException("The data protection keys cannot be read.", e);
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            // Each key has a new id, so an upsert adds it, and a write the SDK sends again after a lost answer succeeds.
            tables.DataProtectionKeys.UpsertEntity(new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) }, TableUpdateMode.Replace);
        }
        catch (Exception e) when (BenchmarkTables.IsUnavailable(e))
        {
            throw new StorageUnavailableException("The data protection keys cannot be written.", e);
        }
    }
}
