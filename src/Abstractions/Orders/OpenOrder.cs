using PrintFarm.Orders;

namespace PrintFarm.Orders;

/// <summary>What an order tells the order board about itself: just enough to tell whether it is late.</summary>
[GenerateSerializer, Alias("PrintFarm.OpenOrder")]
public sealed record OpenOrder
{
    [Id(0)] public required string Reference { get; init; }
    [Id(1)] public required OrderStatus Status { get; init; }
    [Id(2)] public required DateTimeOffset PlacedAt { get; init; }
    /// <summary>The delivery promised at placement.</summary>
    [Id(3)] public DateTimeOffset? PromisedDeliverBy { get; init; }
    /// <summary>The delivery the order expects now.</summary>
    [Id(4)] public DateTimeOffset? EstimatedDeliverBy { get; init; }
    /// <summary>The account that placed it.</summary>
    [Id(5)] public string? Owner { get; init; }

    /// <summary>Delivered, cancelled and test orders leave the board: they can no longer be late.</summary>
    public bool IsOpen => Status is not (OrderStatus.Delivered or OrderStatus.Cancelled or OrderStatus.Test);
}
