
namespace PrintFarm.Orders;

/// <summary>The order is late: set by the late-order sweep, shown in the order and on its tracking page.</summary>
[GenerateSerializer, Alias("PrintFarm.LateNotice")]
public sealed record LateNotice
{
    [Id(0)] public required LateReason Reason { get; init; }
    /// <summary>When the sweep first found it late.</summary>
    [Id(1)] public required DateTimeOffset Since { get; init; }
    [Id(2)] public required DateTimeOffset Promised { get; init; }

    public static LateNotice Of(LateOrder late) => new()
    {
        Reason = late.Reason,
        Since = late.Since,
        Promised = late.Promised,
    };
}
