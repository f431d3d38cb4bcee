namespace PrintFarm.Orders;

/// <summary>One line of an order's history: a stage reached, or a problem with one item.</summary>
[GenerateSerializer, Alias("PrintFarm.TimelineEntry")]
public sealed record TimelineEntry
{
    [Id(0)] public required DateTimeOffset At { get; init; }
    [Id(1)] public required OrderStatus Status { get; init; }
    [Id(2)] public string? Note { get; init; }
    /// <summary>Set when the entry is about one item (a failed print, say).</summary>
    [Id(3)] public int? ItemIndex { get; init; }
    /// <summary>
    /// The account of the operator who made this move, for the farm's own records; the customer's
    /// answers and the tracking page never show it (they say "the shop").
    /// </summary>
    [Id(4)] public string? By { get; init; }
}
