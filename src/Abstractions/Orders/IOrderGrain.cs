using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>An order, keyed by its reference (random and unguessable: it is the customer's key).</summary>
[Alias("PrintFarm.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the order, then creates its print jobs. Returns once the order is durable; placing
    /// the same reference twice is refused.
    /// </summary>
    [Alias("Place")]
    Task<OrderView> Place(PlaceOrderRequest request, string? owner = null);

    /// <summary>
    /// Places the order under a reference derived from an <c>Idempotency-Key</c>
    /// (<see cref="OrderReference.ForIdempotencyKey"/>), or, when this reference already holds the
    /// same order, returns it as a replay. Throws <see cref="IdempotencyKeyReusedException"/> when
    /// it holds a different one.
    /// </summary>
    [Alias("PlaceOnce")]
    Task<PlacedOrder> PlaceOnce(PlaceOrderRequest request, string? owner = null);

    /// <summary>Null when no order has this reference.</summary>
    [Alias("Get")]
    Task<OrderView?> Get();

    /// <summary>
    /// What would place this order again: the same customer, shipping, designs, materials and
    /// quantities (cancelled items left out). Throws <see cref="OrderNotFoundException"/> when there is none.
    /// </summary>
    [Alias("AsRequest")]
    Task<PlaceOrderRequest> AsRequest();

    /// <summary>A job of this order moved.</summary>
    [Alias("JobChanged")]
    Task JobChanged(JobSnapshot job);

    /// <summary>
    /// An operator moves the order (review, approve, hold, release, deliver, cancel). Throws
    /// <see cref="OrderTransitionException"/> naming the allowed moves when the rules say no.
    /// </summary>
    [Alias("ChangeStatus")]
    /// <param name="by">The account making the move, kept in the timeline for the farm (customers see "the shop").</param>
    Task<OrderView> ChangeStatus(OrderStatus status, string? message, string? by = null);

    [Alias("Ship")]
    Task<OrderView> Ship(ShipOrderRequest shipment, string? by = null);

    /// <summary>Cancels one item; the rest of the order goes on.</summary>
    [Alias("CancelItem")]
    Task<OrderView> CancelItem(int index, string? message, string? by = null);

    /// <summary>
    /// An operator attaches the sliced design <paramref name="designId"/> (in the order's account)
    /// to an item whose design needed slicing; its waiting copies then print it. Throws
    /// <see cref="InvalidOrderException"/> when the file does not fit the item.
    /// </summary>
    [Alias("AttachSlicedFile")]
    Task<OrderView> AttachSlicedFile(int index, Guid designId, int? plate, bool anyPrinterModel, string? by = null);

    /// <summary>
    /// Adds a message to the thread between customer and shop; the other side hears of it (an
    /// email, a webhook) through the order's events. From the tracking page the customer proves
    /// the link with <paramref name="replyKey"/>, the order's reply key from its emails; the API
    /// has checked its caller already. Throws <see cref="MessageRefusedException"/> for what the thread cannot take.
    /// </summary>
    [Alias("PostMessage")]
    Task<OrderMessage> PostMessage(MessageAuthor from, string text, List<MessageAttachment> attachments, string? by = null, string? replyKey = null);

    /// <summary>True when <paramref name="replyKey"/> is this order's: the tracking page then offers its reply form.</summary>
    [Alias("TakesReplyKey")]
    Task<bool> TakesReplyKey(string replyKey);

    /// <summary>The late-order sweep found the order late (or, with null, no longer late). One-way.</summary>
    [OneWay, Alias("MarkLate")]
    Task MarkLate(LateNotice? notice);

    /// <summary>Subscribes (or renews) an observer; subscriptions lapse after a few minutes unless renewed.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IOrderObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IOrderObserver observer);
}
