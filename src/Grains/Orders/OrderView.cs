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

    public static OrderView Of(OrderState state) => new()
    {
        Reference = state.Reference,
        Status = state.Status,
        StatusSince = state.StatusSince,
        PlacedAt = state.PlacedAt,
        Test = state.Test,
        CustomerName = state.Customer.Name,
        ShippingMethod = state.Shipping.Method ?? "standard",
        DestinationCountry = state.Shipping.Address?.Country?.ToUpperInvariant(),
        Items = state.Items,
        Timeline = state.Timeline,
        Version = state.Version,
        Estimate = state.Estimate,
        EstimateHistory = state.EstimateHistory,
        Shipment = state.Shipment,
        CustomerMessage = state.CustomerMessage,
        PromisedDeliverBy = state.PromisedDeliverBy,
        Late = state.Status is OrderStatus.Delivered or OrderStatus.Cancelled ? null : state.Late,
    };
}
