namespace PrintFarm.Orders;

/// <summary>
/// An order as a customer (or a shop front) sends it. Every field is nullable so that a missing
/// one is reported by <see cref="OrderRequestValidator"/> with its name instead of failing in the
/// JSON reader.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.PlaceOrderRequest")]
public sealed record PlaceOrderRequest
{
    [Id(0)] public CustomerInfo? Customer { get; init; }
    [Id(1)] public List<OrderItemRequest>? Items { get; init; }
    [Id(2)] public ShippingInfo? Shipping { get; init; }
    /// <summary>A test order is tracked like any other but never produced.</summary>
    [Id(3)] public bool Test { get; init; }
    /// <summary>Ask for a person to review the order before production.</summary>
    [Id(4)] public bool Review { get; init; }
}
