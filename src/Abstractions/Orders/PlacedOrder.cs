namespace PrintFarm.Orders;

/// <summary>An order placed through an idempotency key; <see cref="Replayed"/> when a retry got the first one back.</summary>
[GenerateSerializer, Alias("PrintFarm.PlacedOrder")]
public sealed record PlacedOrder(
    [property: Id(0)] OrderView Order,
    [property: Id(1)] bool Replayed);
