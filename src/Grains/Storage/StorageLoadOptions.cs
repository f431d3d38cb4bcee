using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Storage;

/// <summary>Bound from configuration section <c>Storage</c>, beside the provider's own settings.</summary>
public sealed class StorageLoadOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// Grain storage operations in flight on one silo at which new orders are turned away with
    /// 503 and Retry-After until the database catches up; 0 never turns them away. The default is
    /// twice Npgsql's pool (100 connections): past it, a write waits for a connection, and at some
    /// thousands a grain call waiting on its write passes Orleans' 30 s timeout.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Storage:MostOperationsInFlight must be between {1} and {2} (0 turns the limit off).")]
    public int MostOperationsInFlight { get; set; } = 200;
}
