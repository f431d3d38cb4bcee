namespace PrintFarm.Bench.Estimates;

/// <summary>A simulated order with the estimates it was given and what really happened.</summary>
public sealed class SimOrder(string reference, DateTimeOffset placedAt, string method, string country)
{
    public string Reference { get; } = reference;
    public DateTimeOffset PlacedAt { get; } = placedAt;
    public string Method { get; } = method;
    public string Country { get; } = country;
    public List<SimJob> Jobs { get; } = [];

    public long TotalPrintSeconds { get; set; }
    public long PrintedSeconds { get; set; }
    public int JobsDone { get; set; }

    public EstimateSnapshot? AtPlacement { get; set; }
    public EstimateSnapshot? AtHalf { get; set; }
    /// <summary>When the last part passed QC.</summary>
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
