namespace PrintFarm.Metrics;

/// <summary>Milliseconds; null when nothing was recorded.</summary>
public sealed record LatencySummary(long Count, double? P50, double? P99, double? Max);
