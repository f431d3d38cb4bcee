namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.Shipment")]
public sealed record Shipment
{
    [Id(0)] public required string Carrier { get; init; }
    [Id(1)] public string? TrackingNumber { get; init; }
    /// <summary>The carrier's own tracking page for this parcel, when we know how to build it.</summary>
    [Id(2)] public string? TrackingUrl { get; init; }
    [Id(3)] public required DateTimeOffset ShippedAt { get; init; }
    [Id(4)] public DateTimeOffset? DeliveredAt { get; init; }
}
