using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Silo.Storage;

public enum StorageProvider
{
    /// <summary>One SQLite file: the single-machine default.</summary>
    Sqlite,
    /// <summary>Nothing survives a restart; for tests and throwaway demos.</summary>
    Memory,
    /// <summary>PostgreSQL through Orleans ADO.NET (Npgsql): what a cluster of silos shares.</summary>
    PostgreSql,
}

/// <summary>Bound from configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite database file; relative paths are from the working directory.</summary>
    public string SqlitePath { get; set; } = ".farm/data/farm.db";

    /// <summary>How long a connection waits on a locked database before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Storage:BusyTimeout must be between {1} and {2}.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Npgsql connection string of the PostgreSQL database, e.g.
    /// <c>Host=db;Port=5432;Username=printfarm;Password=...;Database=printfarm</c>. Used by
    /// <see cref="StorageProvider.PostgreSql"/> and, unless <c>Cluster:ConnectionString</c> is set,
    /// by PostgreSQL membership and reminders.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply the PostgreSQL schema (as <c>db init</c> does) when the silo starts. Safe with several
    /// silos starting at once: the work is serialized by an advisory lock.
    /// </summary>
    public bool CreateSchema { get; set; }
}
