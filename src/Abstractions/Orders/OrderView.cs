namespace PrintFarm.Orders;

/// <summary>What anyone holding the order reference may see: no email, no street address.</summary>
[GenerateSerializer, Alias("PrintFarm.OrderView")]
public sealed record OrderView
{
    [Id(0)] public required string Reference { get; init; }
    [Id(1)] public required OrderStatus Status { get; init; }
    [Id(2)] public required DateTimeOffset StatusSince { get; init; }
    [Id(3)] public required DateTimeOffset PlacedAt { get; init; }
    [Id(4)] public required bool Test { get; init; }
    [Id(5)] public string? CustomerName { get; init; }
    [Id(6)] public required string ShippingMethod { get; init; }
    [Id(7)] public string? DestinationCountry { get; init; }
    [Id(8)] public required List<OrderItemState> Items { get; init; }
    [Id(9)] public required List<TimelineEntry> Timeline { get; init; }
    [Id(10)] public required long Version { get; init; }
    [Id(11)] public Estimates.DeliveryEstimate? Estimate { get; init; }
    [Id(12)] public List<Estimates.DeliveryEstimate> EstimateHistory { get; init; } = [];
    [Id(13)] public Shipment? Shipment { get; init; }
    [Id(14)] public string? CustomerMessage { get; init; }
    [Id(15)] public DateTimeOffset? PromisedDeliverBy { get; init; }
    /// <summary>Present while the order is late: past its promise, or expected to be.</summary>
    [Id(16)] public LateNotice? Late { get; init; }
    /// <summary>The account that placed the order; null for orders placed before accounts existed.</summary>
    [Id(17)] public string? Owner { get; init; }
    /// <summary>How many of the oldest estimates were dropped from <see cref="EstimateHistory"/> (it keeps the newest); null when none.</summary>
    [Id(18)] public int? EarlierEstimatesDropped { get; init; }
    /// <summary>What the customer's system sent along (notification URL, comments, theme, invoice); null when nothing.</summary>
    [Id(19)] public OrderAttachments? Attachments { get; init; }
    /// <summary>The thread between the customer and the shop, oldest first (on the tracking page too).</summary>
    [Id(20)] public List<OrderMessage> Messages { get; init; } = [];
    /// <summary>The moves an operator may ask for from where the order stands (the order's own rule, for the console's buttons).</summary>
    [Id(21)] public List<OrderStatus> Moves { get; init; } = [];
}
