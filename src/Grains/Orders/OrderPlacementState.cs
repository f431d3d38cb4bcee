namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.OrderPlacementState")]
public sealed class OrderPlacementState
{
    /// <summary>The reference this key placed (or is placing) its order under.</summary>
    [Id(0)] public string? Reference { get; set; }
    /// <summary>A hash of the request, so a reuse of the key for another order is recognised.</summary>
    [Id(1)] public string? Fingerprint { get; set; }
    [Id(2)] public DateTimeOffset? FirstSeenAt { get; set; }
}
