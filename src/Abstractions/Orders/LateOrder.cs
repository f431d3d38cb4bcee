using PrintFarm.Orders;

namespace PrintFarm.Orders;

/// <summary>An order the late-order sweep found late, as <c>GET /api/farm</c> lists it.</summary>
[GenerateSerializer, Alias("PrintFarm.LateOrder")]
public sealed record LateOrder
{
    [Id(0)] public required string Reference { get; init; }
    [Id(1)] public required OrderStatus Stage { get; init; }
    [Id(2)] public required DateTimeOffset Promised { get; init; }
    /// <summary>The current delivery estimate (null when the order has none).</summary>
    [Id(3)] public DateTimeOffset? CurrentEstimate { get; init; }
    /// <summary>How far past the promise the order will arrive at best, as of <see cref="CheckedAt"/>.</summary>
    [Id(4)] public required TimeSpan LateBy { get; init; }
    [Id(5)] public required LateReason Reason { get; init; }
    /// <summary>When a sweep first found it late.</summary>
    [Id(6)] public required DateTimeOffset Since { get; init; }
    [Id(7)] public required DateTimeOffset CheckedAt { get; init; }
}
