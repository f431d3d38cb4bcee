using PrintFarm.Orders;

namespace PrintFarm.Designs.Catalog;

/// <summary>
/// Which orders still need a design's file. An order is remembered before it is stored, so one
/// whose placement failed is remembered too: an order that does not exist counts as in use only
/// while it could still be on its way (<see cref="PlacementGrace"/>), and is forgotten after.
/// </summary>
public static class DesignUses
{
    public static readonly TimeSpan PlacementGrace = TimeSpan.FromMinutes(5);

    /// <summary>Shipped, delivered, cancelled and test orders print nothing more.</summary>
    public static bool Closed(OrderStatus status) =>
        status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Cancelled or OrderStatus.Test;

    /// <param name="status">The order's status; null when there is no such order.</param>
    public static bool StillNeeds(OrderStatus? status, DateTimeOffset usedSince, DateTimeOffset now) =>
        status is { } s ? !Closed(s) : now - usedSince < PlacementGrace;
}
