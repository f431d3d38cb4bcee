namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.OrderState")]
public sealed class OrderState
{
    [Id(0)] public string Reference { get; set; } = "";
    [Id(1)] public DateTimeOffset PlacedAt { get; set; }
    [Id(2)] public CustomerInfo Customer { get; set; } = new();
    [Id(3)] public ShippingInfo Shipping { get; set; } = new();
    [Id(4)] public bool Test { get; set; }
    [Id(5)] public OrderStatus Status { get; set; }
    [Id(6)] public DateTimeOffset StatusSince { get; set; }
    [Id(7)] public List<OrderItemState> Items { get; set; } = [];
    [Id(8)] public List<TimelineEntry> Timeline { get; set; } = [];
    /// <summary>
    /// Set once every job of the order exists. An order persisted before a crash with this
    /// still false creates its jobs again on activation (job creation is idempotent).
    /// </summary>
    [Id(9)] public bool JobsReleased { get; set; }
    /// <summary>Goes up by one with every change a customer can see; lets clients skip stale pushes.</summary>
    [Id(10)] public long Version { get; set; }
    [Id(11)] public Estimates.DeliveryEstimate? Estimate { get; set; }
    /// <summary>Every estimate the order has had, oldest first, each with why it changed.</summary>
    [Id(12)] public List<Estimates.DeliveryEstimate> EstimateHistory { get; set; } = [];
    [Id(13)] public Shipment? Shipment { get; set; }
    /// <summary>The delivery promised at placement: an order whose estimate passes it is late.</summary>
    [Id(14)] public DateTimeOffset? PromisedDeliverBy { get; set; }
    /// <summary>Where an order on hold goes back to when it is released.</summary>
    [Id(15)] public OrderStatus? HeldFrom { get; set; }
    /// <summary>The operator's last message to the customer.</summary>
    [Id(16)] public string? CustomerMessage { get; set; }
    /// <summary>Set by the late-order sweep while the order is late.</summary>
    [Id(17)] public LateNotice? Late { get; set; }
}
