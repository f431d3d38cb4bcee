namespace PrintFarm.Estimates;

/// <summary>
/// A computed estimate, before the order decides whether it is worth telling the customer
/// (<see cref="EstimateChange.IsMeaningful"/>) and why it moved.
/// </summary>
public sealed record EstimateResult
{
    /// <summary>When the last part is expected through quality check, margin included.</summary>
    public required DateTimeOffset ReadyAt { get; init; }
    public required DateTimeOffset ShipBy { get; init; }
    public required DateTimeOffset DeliverBy { get; init; }
    /// <summary>
    /// Set when the estimate rests on a guess rather than the schedule (no printer can take a
    /// part, a part is blocked), in words a customer can read.
    /// </summary>
    public string? Caveat { get; init; }

    /// <summary>The estimate to store and show; the caveat, if any, is added to the reason.</summary>
    public DeliveryEstimate ToDeliveryEstimate(DateTimeOffset now, string reason) => new()
    {
        ShipBy = ShipBy,
        DeliverBy = DeliverBy,
        UpdatedAt = now,
        Reason = Caveat is null ? reason : $"{reason}; {Caveat}",
    };
}
