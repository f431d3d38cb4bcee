using PrintFarm.Gateway.Api;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Tracking;

/// <summary>
/// The status bar a customer reads: the production stages in order, which are behind the order,
/// where it stands, and when each was reached. Pure, so the rules can be tested without a page.
/// </summary>
public static class OrderStages
{
    public static IReadOnlyList<StageStep> For(OrderResponse order)
    {
        var stages = StagesOf(order);
        var current = WhereItStands(order, stages);
        var at = stages.IndexOf(current);
        return stages.Select((stage, i) => new StageStep(
            stage,
            CustomerWords.StageLabel(stage, IsPickup(order)),
            i < at ? StepState.Done : i == at ? StepState.Current : StepState.Upcoming,
            i <= at ? LastReached(order, stage) : null)).ToList();
    }

    public static bool IsPickup(OrderResponse order) => order.Shipping.Method == "pickup";

    /// <summary>
    /// In review is shown only to orders that went through it, and a pickup order has no parcel:
    /// it goes from ready for pickup to collected (Delivered).
    /// </summary>
    private static List<OrderStatus> StagesOf(OrderResponse order)
    {
        List<OrderStatus> stages = [OrderStatus.Received];
        if (order.Status == OrderStatus.InReview || order.Timeline.Any(t => t.Status == OrderStatus.InReview))
            stages.Add(OrderStatus.InReview);
        stages.AddRange([OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing, OrderStatus.QualityCheck]);
        stages.AddRange(IsPickup(order)
            ? [OrderStatus.ReadyForPickup, OrderStatus.Delivered]
            : [OrderStatus.ReadyToShip, OrderStatus.Shipped, OrderStatus.Delivered]);
        return stages;
    }

    /// <summary>
    /// On hold or cancelled, the bar stays where the order was when it stopped (the last stage in
    /// its timeline); a test order never leaves Received.
    /// </summary>
    private static OrderStatus WhereItStands(OrderResponse order, List<OrderStatus> stages)
    {
        var status = Normalize(order.Status, order);
        if (stages.Contains(status)) return status;
        var last = order.Timeline
            .Where(t => t.ItemIndex is null)
            .Select(t => Normalize(t.Status, order))
            .LastOrDefault(stages.Contains, OrderStatus.Received);
        return last;
    }

    private static OrderStatus Normalize(OrderStatus status, OrderResponse order) => status switch
    {
        OrderStatus.ReadyToShip or OrderStatus.ReadyForPickup => IsPickup(order) ? OrderStatus.ReadyForPickup : OrderStatus.ReadyToShip,
        _ => status,
    };

    /// <summary>The last time the order reached this stage: after a reprint it is the latest visit.</summary>
    private static DateTimeOffset? LastReached(OrderResponse order, OrderStatus stage)
    {
        var entry = order.Timeline.LastOrDefault(t => t.ItemIndex is null && Normalize(t.Status, order) == stage);
        if (entry is not null) return entry.At;
        if (stage == OrderStatus.Received) return order.PlacedAt;
        return Normalize(order.Status, order) == stage ? order.StatusSince : null;
    }
}
