namespace Benchmark.Storage;

/// <summary>Where the data lives. Locally and in tests: Azurite through a connection string.</summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>A storage connection string; the default is Azurite on its usual ports.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Put before every table name, so several environments (or test runs) can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>How long a storage call may take before it counts as failed.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
