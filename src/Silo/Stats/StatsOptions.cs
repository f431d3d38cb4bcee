using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Silo.Stats;

/// <summary>
/// Bound from configuration section <c>Stats</c>. Off unless <see cref="Path"/> is set: the
/// benchmark turns it on to read the silo's own figures (ingest counts, publish → grain latency,
/// memory) without a metrics stack.
/// </summary>
public sealed class StatsOptions
{
    public const string Section = "Stats";

    /// <summary>JSON file rewritten every <see cref="Interval"/>; unset turns the writer off.</summary>
    public string? Path { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Stats:Interval must be between {1} and {2}.")]

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The file a reader creates to ask for a full, compacting collection before the next
    /// snapshot, so memory is measured without garbage; "{Path}.gc" when unset.
    /// </summary>
    public string? GcRequestPath { get; set; }
}
