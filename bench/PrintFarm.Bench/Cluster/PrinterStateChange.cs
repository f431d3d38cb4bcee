namespace PrintFarm.Bench.Cluster;

/// <summary>A printer's telemetry showing a new tile state, at the printer's own clock.</summary>
public sealed record PrinterStateChange(string PrinterId, string State, DateTimeOffset At);
