using PrintFarm.Gateway.Api;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Tracking;

/// <summary>
/// The farm's vocabulary in the words a customer reads: no enum names, no jargon. One place, so
/// the page, its title and its live announcements say the same thing.
/// </summary>
public static class CustomerWords
{
    public static string StageLabel(OrderStatus stage, bool pickup = false) => stage switch
    {
        OrderStatus.Received => "Received",
        OrderStatus.InReview => "In review",
        OrderStatus.Queued => "Queued",
        OrderStatus.Printing => "Printing",
        OrderStatus.PostProcessing => "Post-processing",
        OrderStatus.QualityCheck => "Quality check",
        OrderStatus.ReadyToShip => "Ready to ship",
        OrderStatus.ReadyForPickup => "Ready for pickup",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Delivered => pickup ? "Collected" : "Delivered",
        OrderStatus.OnHold => "On hold",
        OrderStatus.Cancelled => "Cancelled",
        OrderStatus.Test => "Test order",
        _ => stage.ToString(),
    };

    /// <summary>The one sentence at the top of the page.</summary>
    public static string Headline(OrderResponse order) => order.Status switch
    {
        OrderStatus.Received => "We have received your order",
        OrderStatus.InReview => "We are checking that your files can be printed",
        OrderStatus.Queued => "Your order is waiting for a printer",
        OrderStatus.Printing => "Your order is being printed",
        OrderStatus.PostProcessing => "Your parts are being finished",
        OrderStatus.QualityCheck => "Your parts are in quality check",
        OrderStatus.ReadyToShip => "Your order is ready to ship",
        OrderStatus.ReadyForPickup => "Your order is ready for pickup",
        OrderStatus.Shipped => "Your order is on its way",
        OrderStatus.Delivered => OrderStages.IsPickup(order) ? "You have collected your order" : "Your order has been delivered",
        OrderStatus.OnHold => "Your order is on hold",
        OrderStatus.Cancelled => "Your order was cancelled",
        OrderStatus.Test => "This is a test order",
        _ => StageLabel(order.Status),
    };

    /// <summary>What each stage means, under its name in the status bar's current step.</summary>
    public static string StageMeaning(OrderStatus stage) => stage switch
    {
        OrderStatus.Received => "We have your order and are getting it ready for production.",
        OrderStatus.InReview => "Our team is making an extra check that your files can be printed.",
        OrderStatus.Queued => "Your files are ready and waiting for a free printer.",
        OrderStatus.Printing => "Your parts are on our printers.",
        OrderStatus.PostProcessing => "Your parts are off the printer: removing supports, cleaning and finishing.",
        OrderStatus.QualityCheck => "We are checking every part before it leaves us.",
        OrderStatus.ReadyToShip => "Your parts passed quality check and are being packed.",
        OrderStatus.ReadyForPickup => "Your parts passed quality check and are waiting for you.",
        OrderStatus.Shipped => "Your parcel is with the carrier.",
        OrderStatus.Delivered => "Your order has reached you.",
        _ => "",
    };

    public static string ItemStage(ItemStatus status) => status switch
    {
        ItemStatus.Queued => "Waiting for a printer",
        ItemStatus.Printing => "Printing",
        ItemStatus.PostProcessing => "Post-processing",
        ItemStatus.QualityCheck => "Quality check",
        ItemStatus.Ready => "Ready",
        ItemStatus.Blocked => "Needs our attention",
        ItemStatus.Stalled => "Paused: the printer stopped reporting, we are on it",
        ItemStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Copies(int quantity) => quantity == 1 ? "1 copy" : $"{quantity} copies";

    /// <summary>CSS class for a stage, so colour follows meaning (and never carries it alone).</summary>
    public static string Tone(ItemStatus status) => status switch
    {
        ItemStatus.Ready => "good",
        ItemStatus.Blocked => "bad",
        ItemStatus.Cancelled => "muted",
        _ => "busy",
    };
}
