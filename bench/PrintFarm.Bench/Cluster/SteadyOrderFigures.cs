namespace PrintFarm.Bench.Cluster;

/// <summary>The short orders placed during the steady window (8 at once), while the printers' telemetry flows.</summary>
/// <param name="AskedToWait">503s with Retry-After (the farm's database behind), each waited out and sent again.</param>
public sealed record SteadyOrderFigures(long Placed, long Refused, double Seconds, long AskedToWait = 0)
{
    public double? PerSecond => Seconds > 0 ? Placed / Seconds : null;
}
