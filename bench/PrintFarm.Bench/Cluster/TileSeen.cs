namespace PrintFarm.Bench.Cluster;

/// <summary>A tile on the console's live stream: which printer, the state it shows, when the bench read it.</summary>
public sealed record TileSeen(string PrinterId, string State, DateTimeOffset At);
