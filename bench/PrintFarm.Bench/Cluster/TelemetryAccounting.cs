namespace PrintFarm.Bench.Cluster;

/// <summary>
/// The steady window's telemetry and events, from the simulators' stats files and the silos':
/// each silo's share of the telemetry (the silos split it through the broker's shared
/// subscription), and whether what was published reached a silo. The simulators and the silos
/// write their counters at their own moments, so the two sides are compared per second over
/// their own windows, not message by message.
/// </summary>
/// <param name="PerSiloTelemetryPerSecond">Telemetry each silo handed to printer grains, per second, in silo order.</param>
/// <param name="EventsHandledPerSecond">Events handled by the silo that handled the fewest: events are not split, every silo gets each one.</param>
/// <param name="TelemetrySkipped">Telemetry the simulators did not publish (their connection was not ready) in the window.</param>
public sealed record TelemetryAccounting(List<double> PerSiloTelemetryPerSecond, double PublishedPerSecond, long TelemetrySkipped,
    double EventsSentPerSecond, double EventsHandledPerSecond, long PendingEventsAtEnd)
{
    public double IngestedPerSecond => PerSiloTelemetryPerSecond.Sum();
    public double? Share(int silo) => IngestedPerSecond > 0 ? PerSiloTelemetryPerSecond[silo] / IngestedPerSecond : null;
    public double? TelemetryReached => PublishedPerSecond > 0 ? IngestedPerSecond / PublishedPerSecond : null;
    public double? EventsReached => EventsSentPerSecond > 0 ? EventsHandledPerSecond / EventsSentPerSecond : null;
}
