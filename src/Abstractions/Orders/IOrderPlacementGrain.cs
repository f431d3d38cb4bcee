namespace PrintFarm.Orders;

/// <summary>
/// One <c>Idempotency-Key</c> of <c>POST /api/orders</c>: the first request with the key places
/// an order, and every retry with the same key and the same request gets that order back, never
/// a second one. One grain per key, so nothing here is farm-wide.
/// </summary>
[Alias("PrintFarm.IOrderPlacementGrain")]
public interface IOrderPlacementGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the order, or returns the one this key already placed. Throws
    /// <see cref="IdempotencyKeyReusedException"/> when the key was used for a different request.
    /// </summary>
    [Alias("Place")]
    Task<PlacedOrder> Place(PlaceOrderRequest request);
}
