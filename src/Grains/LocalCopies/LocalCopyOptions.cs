using System.ComponentModel.DataAnnotations;

namespace PrintFarm.LocalCopies;

/// <summary>Bound from configuration section <c>LocalCopies</c>: how each silo keeps its copies of farm-wide values.</summary>
public sealed class LocalCopyOptions
{
    public const string Section = "LocalCopies";

    /// <summary>
    /// How often each silo fetches its copies again. A learned print time or a maintenance window
    /// changed elsewhere reaches this silo's estimates and dispatchers within this time (a
    /// dispatcher asked to reload its windows fetches at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "LocalCopies:RefreshEvery must be between {1} and {2}.")]
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a failed fetch the next try comes sooner, from this delay doubling up to <see cref="RefreshEvery"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "LocalCopies:RetryAfter must be between {1} and {2}.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A copy older than this is said to be old where it is used (an estimate's reason says so).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "LocalCopies:StaleAfter must be between {1} and {2}.")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);
}
