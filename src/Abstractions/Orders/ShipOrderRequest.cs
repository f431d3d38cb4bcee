namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.ShipOrderRequest")]
public sealed record ShipOrderRequest
{
    [Id(0)] public string? Carrier { get; init; }
    [Id(1)] public string? TrackingNumber { get; init; }
    /// <summary>Optional: built from the carrier's known tracking page when absent.</summary>
    [Id(2)] public string? TrackingUrl { get; init; }
    [Id(3)] public string? Message { get; init; }
}
