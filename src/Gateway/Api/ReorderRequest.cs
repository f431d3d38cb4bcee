using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// What may change when an order is placed again: each item's quantity, by its position among the
/// order's items that were not cancelled (0 leaves it out), and the shipping. Absent: as before.
/// </summary>
public sealed record ReorderRequest(List<int>? Quantities = null, ShippingInfo? Shipping = null);
