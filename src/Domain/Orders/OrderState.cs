namespace PrintFarm.Orders;

public sealed class OrderState
{
    public string Reference { get; set; } = "";
    public DateTimeOffset PlacedAt { get; set; }
    public CustomerInfo Customer { get; set; } = new();
    public ShippingInfo Shipping { get; set; } = new();
    public bool Test { get; set; }
    public OrderStatus Status { get; set; }
    public DateTimeOffset StatusSince { get; set; }
    public List<OrderItemState> Items { get; set; } = [];
    public List<TimelineEntry> Timeline { get; set; } = [];
    /// <summary>Timeline entries dropped to keep it bounded (the first entry then says so); see <see cref="OrderHistoryBounds"/>.</summary>
    public int TimelineDropped { get; set; }
    /// <summary>
    /// Set once every job of the order exists. An order persisted before a crash with this
    /// still false creates its jobs again on activation (job creation is idempotent).
    /// </summary>
    public bool JobsReleased { get; set; }
    /// <summary>Goes up by one with every change a customer can see; lets clients skip stale pushes.</summary>
    public long Version { get; set; }
    public Estimates.DeliveryEstimate? Estimate { get; set; }
    /// <summary>Every estimate the order has had, oldest first, each with why it changed.</summary>
    public List<Estimates.DeliveryEstimate> EstimateHistory { get; set; } = [];
    /// <summary>The oldest estimates dropped to keep the history bounded.</summary>
    public int EstimatesDropped { get; set; }
    public Shipment? Shipment { get; set; }
    /// <summary>The delivery promised at placement: an order whose estimate passes it is late.</summary>
    public DateTimeOffset? PromisedDeliverBy { get; set; }
    /// <summary>Where an order on hold goes back to when it is released.</summary>
    public OrderStatus? HeldFrom { get; set; }
    /// <summary>The operator's last message to the customer.</summary>
    public string? CustomerMessage { get; set; }
    /// <summary>Set by the late-order sweep while the order is late.</summary>
    public LateNotice? Late { get; set; }
    /// <summary>For an order placed with an Idempotency-Key: a hash of the request, so a reuse of the key for another order is recognised.</summary>
    public string? RequestFingerprint { get; set; }
    /// <summary>The account that placed the order (see <see cref="Accounts.ICustomerOrdersGrain"/>).</summary>
    public string? Owner { get; set; }
    /// <summary>True once the owner's list of orders has this one; until then the order tells it again.</summary>
    public bool OwnerListed { get; set; }
    public OrderAttachments? Attachments { get; set; }
    /// <summary>
    /// The outbox of what the order owes the outside world (webhooks, emails), written in the same
    /// write as the change that caused it, emptied as the account's notification hub takes it.
    /// </summary>
    public List<Notifications.OrderEvent> Notices { get; set; } = [];
    /// <summary>How many events the order has issued: the last part of each event's id.</summary>
    public long NoticesIssued { get; set; }
    /// <summary>The thread between customer and shop, oldest first, bounded (<see cref="MessageLimits.MaxMessages"/>).</summary>
    public List<OrderMessage> Messages { get; set; } = [];
    /// <summary>
    /// The key in the links of the customer's emails that lets the tracking page post to the thread:
    /// random, never in a view. Made when first needed.
    /// </summary>
    public string? ReplyKey { get; set; }
    /// <summary>What the last events said; null before the order's first event.</summary>
    public Notifications.NoticeMark? Noticed { get; set; }

    /// <summary>What anyone holding the reference may see of this order.</summary>
    public OrderView View() => new()
    {
        Reference = Reference,
        Status = Status,
        StatusSince = StatusSince,
        PlacedAt = PlacedAt,
        Test = Test,
        CustomerName = Customer.Name,
        ShippingMethod = Shipping.Method ?? "standard",
        DestinationCountry = Shipping.Address?.Country?.ToUpperInvariant(),
        Items = Items,
        Timeline = Timeline,
        Version = Version,
        Estimate = Estimate,
        EstimateHistory = EstimateHistory,
        EarlierEstimatesDropped = EstimatesDropped == 0 ? null : EstimatesDropped,
        Shipment = Shipment,
        CustomerMessage = CustomerMessage,
        PromisedDeliverBy = PromisedDeliverBy,
        Late = Status is OrderStatus.Delivered or OrderStatus.Cancelled ? null : Late,
        Owner = Owner,
        Attachments = Attachments,
        Messages = Messages,
        Moves = [.. new Order(this).AllowedMoves()],
    };
}
