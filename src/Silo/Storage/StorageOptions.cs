namespace PrintFarm.Silo.Storage;

public enum StorageProvider
{
    /// <summary>One SQLite file: the single-machine default.</summary>
    Sqlite,
    /// <summary>Nothing survives a restart; for tests and throwaway demos.</summary>
    Memory,
}

/// <summary>Bound from configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite database file; relative paths are from the working directory.</summary>
    public string SqlitePath { get; set; } = ".farm/data/farm.db";

    /// <summary>How long a connection waits on a locked database before giving up.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
