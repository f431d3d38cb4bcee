namespace PrintFarm.Metrics;

/// <summary>
/// What a silo writes to its stats file (option <c>Stats:Path</c>) every interval: cumulative
/// counters and histogram buckets, so a reader subtracts two snapshots for any window.
/// </summary>
public sealed record SiloStatsSnapshot
{
    public required DateTimeOffset At { get; init; }
    public required int ProcessId { get; init; }
    /// <summary>Telemetry messages read by the ingress since the silo started.</summary>
    public long Telemetry { get; init; }
    /// <summary>Of <see cref="Telemetry"/>, those replaced by a newer report of the same printer before its grain took them.</summary>
    public long Superseded { get; init; }
    public long Events { get; init; }
    public long Statuses { get; init; }
    public long Dropped { get; init; }
    /// <summary><see cref="LatencyHistogram"/> buckets of publish → printer grain, cumulative.</summary>
    public long[] TelemetryLatencyBuckets { get; init; } = [];
    /// <summary>Managed heap in use (bytes), after a full collection when <see cref="AfterFullGc"/>.</summary>
    public long ManagedHeapBytes { get; init; }
    /// <summary>Resident set size of the silo process (bytes).</summary>
    public long ProcessRssBytes { get; init; }
    public bool AfterFullGc { get; init; }
    /// <summary>Increases each time a full collection was made on request.</summary>
    public int FullGcRequestsServed { get; init; }
    public int Gen2Collections { get; init; }
}
