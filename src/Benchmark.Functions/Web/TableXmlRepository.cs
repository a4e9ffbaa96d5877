using System.Xml.Linq;
using Azure.Data.Tables;
using Benchmark.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Benchmark.Functions.Web;

/// <summary>
/// Keeps ASP.NET Core's data protection keys in table storage. Without it each instance (and each restart)
/// would make its own keys, and a session cookie or form token from one would be refused by the next.
/// </summary>
internal sealed partial class TableXmlRepository(BenchmarkTables tables, ILogger<TableXmlRepository> logger) : IXmlRepository
{
    private const string Partition = "key";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            var elements = tables.DataProtectionKeys.Query<TableEntity>(e => e.PartitionKey == Partition)
                .Select(e => XElement.Parse(e.GetString("Xml")))
                .ToList();

            // A key stored before keys were encrypted is in every old backup: it must protect nothing any more. Without
            // it data protection makes a new (encrypted) key, and everyone signs in again once.
            var unencrypted = elements.Where(e => e.Name == "key" && !e.Descendants().Any(d => d.Name.LocalName == "encryptedSecret")).ToList();
            foreach (var key in unencrypted)
            {
                LogUnencryptedKeyIgnored(logger, (string?)key.Attribute("id"));
            }

            return elements.Except(unencrypted).ToList();
        }
        catch (Exception e) when (BenchmarkTables.IsUnavailable(e))
        {
            throw new StorageUnavailableException("The data protection keys cannot be read.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data protection key {KeyId} is stored unencrypted (from before keys were encrypted); it is not used.")]
    private static partial void LogUnencryptedKeyIgnored(ILogger logger, string? keyId);

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
