using PrintFarm.Orders;

namespace PrintFarm.Notifications;

/// <summary>
/// The order as its customer sees it, in an event's body: stage, items and their problems,
/// estimate and promise, shipment. What anyone holding the reference may see, and no more (no
/// email, no address, no operator's name).
/// </summary>
public sealed record CustomerOrderView
{
    public required string Reference { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset StatusSince { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public required bool Test { get; init; }
    public required List<CustomerItemView> Items { get; init; }
    public DateTimeOffset? ShipBy { get; init; }
    public DateTimeOffset? DeliverBy { get; init; }
    public DateTimeOffset? PromisedDeliverBy { get; init; }
    public bool Late { get; init; }
    public string? Carrier { get; init; }
    public string? TrackingNumber { get; init; }
    public string? CarrierTrackingUrl { get; init; }
    public string? Message { get; init; }
    /// <summary>The farm's tracking page for the order.</summary>
    public required string TrackingUrl { get; init; }

    public static CustomerOrderView From(OrderView order, string trackingUrl) => new()
    {
        Reference = order.Reference,
        Status = order.Status.ToString(),
        StatusSince = order.StatusSince,
        PlacedAt = order.PlacedAt,
        Test = order.Test,
        Items = [.. order.Items.Select(i => new CustomerItemView(i.Index, i.Design, i.Material, i.Quantity, i.Status.ToString(), i.Problem))],
        ShipBy = order.Estimate?.ShipBy,
        DeliverBy = order.Estimate?.DeliverBy,
        PromisedDeliverBy = order.PromisedDeliverBy,
        Late = order.Late is not null,
        Carrier = order.Shipment?.Carrier,
        TrackingNumber = order.Shipment?.TrackingNumber,
        CarrierTrackingUrl = order.Shipment?.TrackingUrl,
        Message = order.CustomerMessage,
        TrackingUrl = trackingUrl,
    };
}
