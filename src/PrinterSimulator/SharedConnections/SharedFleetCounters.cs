namespace PrintFarm.PrinterSimulator.SharedConnections;

/// <summary>What a shared-connection fleet has sent, for its stats file and log lines.</summary>
public sealed class SharedFleetCounters
{
    private long _telemetry, _skipped, _events, _commands;

    public long Telemetry => Interlocked.Read(ref _telemetry);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Events => Interlocked.Read(ref _events);
    public long Commands => Interlocked.Read(ref _commands);

    internal void TelemetryPublished() => Interlocked.Increment(ref _telemetry);
    internal void TelemetrySkipped(int count) => Interlocked.Add(ref _skipped, count);
    internal void EventPublished() => Interlocked.Increment(ref _events);
    internal void Command() => Interlocked.Increment(ref _commands);
}
