namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.ShippingInfo")]
public sealed record ShippingInfo
{
    /// <summary>standard, express or pickup.</summary>
    [Id(0)] public string? Method { get; init; }
    /// <summary>Not needed for pickup.</summary>
    [Id(1)] public ShippingAddress? Address { get; init; }
}
