namespace PrintFarm.Bench.Cluster;

/// <summary>The silos' managed heap and resident set after a forced full collection (summed over silos).</summary>
public sealed record MemoryPoint(long ManagedHeapBytes, long ProcessRssBytes);
