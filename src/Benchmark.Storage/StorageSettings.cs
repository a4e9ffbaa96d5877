using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Benchmark.Storage;

/// <summary>
/// Where the data lives. Locally and in tests: Azurite through a connection string. In Azure: the account's name, and the
/// app's managed identity through <see cref="DefaultAzureCredential"/>, so no key is ever configured (the account refuses keys).
/// Setting <see cref="AccountName"/> is the one switch between the two.
/// </summary>
public sealed partial class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>A storage connection string; the default is Azurite on its usual ports. Ignored when <see cref="AccountName"/> is set.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The storage account to reach with the app's identity (Entra ID), as in Azure; empty to use <see cref="ConnectionString"/>.</summary>
    public string? AccountName { get; set; }

    /// <summary>The DNS suffix of the account's endpoints; another cloud (e.g. core.usgovcloudapi.net) has another.</summary>
    public string EndpointSuffix { get; set; } = "core.windows.net";

    /// <summary>Put before every table name, so several environments (or test runs) can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>How long a storage call may take before it counts as failed.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether storage is reached with an Entra ID identity rather than a connection string.</summary>
    public bool UsesIdentity => !string.IsNullOrWhiteSpace(AccountName);

    private TokenCredential? credential;

    /// <summary>
    /// The identity used for the account: the managed identity in Azure (a user-assigned one is picked through the
    /// AZURE_CLIENT_ID setting), a developer's Azure CLI sign-in on a workstation. One per settings object, so its tokens are cached.
    /// </summary>
    public TokenCredential Credential
    {
        get => credential ??= new DefaultAzureCredential();
        set => credential = value;
    }

    /// <summary>The endpoint of one of the account's services ("table", "queue", "blob").</summary>
    public Uri ServiceUri(string service)
    {
        Validate();
        return new Uri($"https://{AccountName}.{service}.{EndpointSuffix}");
    }

    /// <summary>Refuses settings that cannot work, naming the setting, before any client is made.</summary>
    public void Validate()
    {
        if (UsesIdentity)
        {
            if (!AccountNamePattern().IsMatch(AccountName!))
            {
                throw new InvalidOperationException($"Storage:AccountName '{AccountName}' is not a storage account name (3 to 24 lower-case letters and digits).");
            }

            if (!EndpointSuffixPattern().IsMatch(EndpointSuffix))
            {
                throw new InvalidOperationException($"Storage:EndpointSuffix '{EndpointSuffix}' is not a DNS suffix such as core.windows.net.");
            }
        }
        else if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("Storage:ConnectionString is empty; give a connection string (Azurite: UseDevelopmentStorage=true) or Storage:AccountName.");
        }
    }

    public TableServiceClient CreateTableService(TableClientOptions options) =>
        UsesIdentity ? new TableServiceClient(ServiceUri("table"), Credential, options) : new TableServiceClient(ConnectionString, options);

    public BlobServiceClient CreateBlobService(BlobClientOptions options) =>
        UsesIdentity ? new BlobServiceClient(ServiceUri("blob"), Credential, options) : new BlobServiceClient(ConnectionString, options);

    public QueueServiceClient CreateQueueService(QueueClientOptions options) =>
        UsesIdentity ? new QueueServiceClient(ServiceUri("queue"), Credential, options) : new QueueServiceClient(ConnectionString, options);

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountNamePattern();

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex EndpointSuffixPattern();
}
