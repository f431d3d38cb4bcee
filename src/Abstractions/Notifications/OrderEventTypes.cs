namespace PrintFarm.Notifications;

/// <summary>What happened to an order, as webhooks, emails and <c>GET /api/events</c> name it.</summary>
public static class OrderEventTypes
{
    public const string Placed = "order.placed";
    /// <summary>Any status change not covered by <see cref="Shipped"/>, <see cref="Delivered"/> or <see cref="Cancelled"/>.</summary>
    public const string StatusChanged = "order.status_changed";
    /// <summary>A failed print, a failed quality check, a blocked item.</summary>
    public const string ItemProblem = "order.item_problem";
    /// <summary>The delivery estimate moved past the date promised at placement: once per move.</summary>
    public const string PastPromise = "order.estimate_past_promise";
    public const string Shipped = "order.shipped";
    public const string Delivered = "order.delivered";
    public const string Cancelled = "order.cancelled";
    /// <summary>A new message in the order's thread, from the customer or the shop.</summary>
    public const string Message = "order.message";
    /// <summary>The late-order sweep found the order late: once when it becomes late, not on every sweep.</summary>
    public const string Late = "order.late";

    public static readonly IReadOnlyList<string> All = [Placed, StatusChanged, ItemProblem, PastPromise, Shipped, Delivered, Cancelled, Message, Late];

    /// <summary>The events that are a change of status (the Sculpteo <c>notification_url</c> hears each).</summary>
    public static bool IsStatusChange(string type) => type is Placed or StatusChanged or Shipped or Delivered or Cancelled;
}
