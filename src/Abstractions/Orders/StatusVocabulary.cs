using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>
/// An order's stage in the words other order-tracking systems use, for integrations
/// (shared/seeds: the Sculpteo order API and DigiFabster's order statuses).
/// </summary>
public static class StatusVocabulary
{
    /// <summary>Sculpteo API: Billed, New, In Process, Shipped, Blocked, Cancelled, API Test.</summary>
    public static string Sculpteo(OrderView order) => order.Status switch
    {
        OrderStatus.Test => "API Test",
        OrderStatus.Cancelled => "Cancelled",
        OrderStatus.OnHold => "Blocked",
        _ when order.Items.Any(i => i.Status == ItemStatus.Blocked) => "Blocked",
        OrderStatus.Received or OrderStatus.InReview => "Billed",
        OrderStatus.Queued => "New",
        OrderStatus.Shipped or OrderStatus.Delivered => "Shipped",
        _ => "In Process",
    };

    /// <summary>
    /// DigiFabster: Waiting for review, Placed, On hold, Free for manufacturing, Manufacturing,
    /// Re-printing, Post-production, Ready for shipping, Ready for pickup, Shipped, Delivered,
    /// Canceled by admin.
    /// </summary>
    public static string DigiFabster(OrderView order) => order.Status switch
    {
        OrderStatus.InReview => "Waiting for review",
        OrderStatus.Received or OrderStatus.Test => "Placed",
        OrderStatus.OnHold => "On hold",
        OrderStatus.Cancelled => "Canceled by admin",
        _ when order.Status is OrderStatus.Queued or OrderStatus.Printing
            && order.Items.SelectMany(i => i.Jobs).Any(j => j.Attempt > 1 && j.Status is JobStatus.Queued or JobStatus.Assigned or JobStatus.Printing) => "Re-printing",
        OrderStatus.Queued => "Free for manufacturing",
        OrderStatus.Printing => "Manufacturing",
        OrderStatus.PostProcessing or OrderStatus.QualityCheck => "Post-production",
        OrderStatus.ReadyToShip => "Ready for shipping",
        OrderStatus.ReadyForPickup => "Ready for pickup",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Delivered => "Delivered",
        _ => order.Status.ToString(),
    };
}
