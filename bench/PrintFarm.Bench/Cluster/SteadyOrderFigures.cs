namespace PrintFarm.Bench.Cluster;

/// <summary>The short orders placed during the steady window (8 at once), while the printers' telemetry flows.</summary>
public sealed record SteadyOrderFigures(long Placed, long Refused, double Seconds)
{
    public double? PerSecond => Seconds > 0 ? Placed / Seconds : null;
}
