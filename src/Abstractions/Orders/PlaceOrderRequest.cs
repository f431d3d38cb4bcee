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
    /// <summary>Where to POST the order's reference on every status change (the Sculpteo order API's <c>notification_url</c>).</summary>
    [Id(5)] public string? NotificationUrl { get; init; }
    /// <summary>The customer's own notes (their reference, say), kept with the order.</summary>
    [Id(6)] public List<string>? Comments { get; init; }
    /// <summary>The packing-slip template agreed with the shop.</summary>
    [Id(7)] public string? Theme { get; init; }
    /// <summary>A PDF invoice to pack with the parcel, by its address in the design store.</summary>
    [Id(8)] public string? InvoiceSha256 { get; init; }
}
