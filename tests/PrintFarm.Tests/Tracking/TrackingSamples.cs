using PrintFarm.Gateway.Api;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Tracking;

/// <summary>Orders as the tracking page receives them, built by hand for each state worth showing.</summary>
internal static class TrackingSamples
{
    public static readonly DateTimeOffset Placed = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static OrderResponse Order(
        OrderStatus status,
        IEnumerable<(OrderStatus Status, int Minutes)>? stages = null,
        string method = "standard",
        Action<OrderView>? item = null,
        Func<OrderView, OrderView>? with = null)
    {
        var timeline = (stages ?? [(OrderStatus.Received, 0)])
            .Select(s => new TimelineEntry { At = Placed.AddMinutes(s.Minutes), Status = s.Status, Note = null })
            .ToList();
        var view = new OrderView
        {
            Reference = "PF-7KQ2M9XH4C",
            Status = status,
            StatusSince = timeline[^1].At,
            PlacedAt = Placed,
            Test = status == OrderStatus.Test,
            CustomerName = "Ada",
            ShippingMethod = method,
            DestinationCountry = "FR",
            Items =
            [
                new OrderItemState { Index = 0, Design = "bracket-v4", Material = "PLA", Technology = "FDM", Quantity = 2, EstimatedPrintSeconds = 600, Status = ItemStatus.Queued },
            ],
            Timeline = timeline,
            Version = 7,
        };
        item?.Invoke(view);
        return OrderResponse.ForPublic(with is null ? view : with(view));
    }
}
