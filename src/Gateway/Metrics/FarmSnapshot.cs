namespace PrintFarm.Gateway.Metrics;

/// <summary>The farm's figures as last read from its view grains; what the farm gauges report.</summary>
public sealed record FarmSnapshot
{
    /// <summary>Printers by (connectivity, activity), spelled as the API spells them.</summary>
    public required IReadOnlyDictionary<(string Connectivity, string Activity), int> Printers { get; init; }
    /// <summary>Every job state, zero included, so a state's series never disappears.</summary>
    public required IReadOnlyDictionary<string, int> Jobs { get; init; }
    /// <summary>Queued jobs per pool (technology/material); a pool whose dispatcher did not answer is left out.</summary>
    public required IReadOnlyDictionary<string, int> QueueDepth { get; init; }
    public required int LateOrders { get; init; }
    /// <summary>Printers an operator took out of service (they take no new job).</summary>
    public int OutOfService { get; init; }
    /// <summary>Printers by (dialect, Connected or Disconnected).</summary>
    public required IReadOnlyDictionary<(string Dialect, string State), int> Links { get; init; }
    public required DateTimeOffset At { get; init; }
}
