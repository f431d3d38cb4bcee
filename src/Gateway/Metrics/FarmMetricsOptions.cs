using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Gateway.Metrics;

/// <summary>Bound from configuration section <c>Metrics</c> (the gateway's part of it).</summary>
public sealed class FarmMetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// How often the farm gauges (printers, jobs, queues, late orders, links) are read from the
    /// farm's view grains. A scrape reads the last snapshot, so however often Prometheus scrapes,
    /// and however many scrapers there are, the grains are asked this often and no more.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Metrics:RefreshEvery must be between {1} and {2}.")]
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(5);
}
