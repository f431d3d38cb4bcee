namespace PrintFarm.Bench.Cluster;

/// <summary>
/// A flood of QoS 0 telemetry over <see cref="Topics"/> printer topics, as fast as the bench can
/// publish: received by a subscriber that only counts (before the farm starts), then ingested
/// by the farm (the silos' counters over the flood).
/// </summary>
/// <param name="WithPrintersRunning">The farm's flood ran while the simulated printers ran too (their 1 Hz telemetry counts in the farm's figure).</param>
public sealed record FloodFigures(int Topics, double IdleSubscriberPerSecond, double PublishedPerSecond, double FarmPerSecond, bool WithPrintersRunning)
{
    public const double TargetRatio = 0.7;

    public double Ratio => IdleSubscriberPerSecond > 0 ? FarmPerSecond / IdleSubscriberPerSecond : 0;
}
