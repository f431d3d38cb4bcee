using PrintFarm.Estimates;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>An order as the API returns it: the order's view plus where a person can follow it.</summary>
public sealed record OrderResponse
{
    public required string Reference { get; init; }
    public required string TrackingUrl { get; init; }
    public required OrderStatus Status { get; init; }
    public required DateTimeOffset StatusSince { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public required bool Test { get; init; }
    public string? CustomerName { get; init; }
    public required ShippingSummary Shipping { get; init; }
    public required IReadOnlyList<OrderItemState> Items { get; init; }
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    public required long Version { get; init; }
    /// <summary>{shipBy, deliverBy, updatedAt, reason}; null until the farm can promise anything.</summary>
    public DeliveryEstimate? Estimate { get; init; }
    public IReadOnlyList<DeliveryEstimate> EstimateHistory { get; init; } = [];
    /// <summary>How many of the oldest estimates the history no longer lists (it keeps the newest, Orders:MaxEstimateHistory); absent when none.</summary>
    public int? EarlierEstimatesDropped { get; init; }
    /// <summary>The delivery promised at placement (the first estimate).</summary>
    public DateTimeOffset? PromisedDeliverBy { get; init; }
    /// <summary>{reason, since, promised} while the late-order sweep finds the order late; absent otherwise.</summary>
    public LateNotice? Late { get; init; }
    /// <summary>Carrier, tracking number and the carrier's tracking link, once shipped.</summary>
    public Shipment? Shipment { get; init; }
    /// <summary>The farm's last message to the customer, if any.</summary>
    public string? Message { get; init; }
    /// <summary>The stage in other systems' words, for integrations: printfarm, sculpteo, digifabster.</summary>
    public required IReadOnlyDictionary<string, string> Statuses { get; init; }

    /// <summary>The account that placed the order: shown to staff only.</summary>
    public string? Owner { get; init; }

    /// <summary>What the customer's system sent along: its owner and staff see it, the tracking page does not.</summary>
    public OrderAttachments? Attachments { get; init; }

    /// <summary>The thread between the customer and the shop, oldest first (<c>/api/orders/{reference}/messages</c>).</summary>
    public IReadOnlyList<MessageResponse> Messages { get; init; } = [];

    /// <summary>
    /// The order as this caller may see it (it passed the order's access check): staff see who
    /// placed it and which operator made each move; both see what was sent along with it.
    /// </summary>
    public static OrderResponse For(OrderView view, System.Security.Claims.ClaimsPrincipal user) =>
        (Access.FarmClaims.IsStaff(user)
            ? From(view) with { Owner = view.Owner, Messages = [.. view.Messages.Select(m => MessageResponse.For(m, view.Reference, staff: true))] }
            : ForPublic(view)) with { Attachments = view.Attachments };

    /// <summary>
    /// What the customer, the tracking page and its stream see: an operator's move is the shop's,
    /// never a named person's.
    /// </summary>
    public static OrderResponse ForPublic(OrderView view) => From(view) with
    {
        Timeline = [.. view.Timeline.Select(e => e.By is null ? e : e with { By = TheShop })],
    };

    public const string TheShop = "the shop";

    private static OrderResponse From(OrderView view) => new()
    {
        Reference = view.Reference,
        TrackingUrl = $"/tracking/{view.Reference}",
        Status = view.Status,
        StatusSince = view.StatusSince,
        PlacedAt = view.PlacedAt,
        Test = view.Test,
        CustomerName = view.CustomerName,
        Shipping = new ShippingSummary(view.ShippingMethod, view.DestinationCountry),
        Items = view.Items,
        Timeline = view.Timeline,
        Version = view.Version,
        Estimate = view.Estimate,
        EstimateHistory = view.EstimateHistory,
        EarlierEstimatesDropped = view.EarlierEstimatesDropped,
        PromisedDeliverBy = view.PromisedDeliverBy,
        Late = view.Late,
        Shipment = view.Shipment,
        Message = view.CustomerMessage,
        Messages = [.. view.Messages.Select(m => MessageResponse.For(m, view.Reference, staff: false))],
        Statuses = new Dictionary<string, string>
        {
            ["printfarm"] = view.Status.ToString(),
            ["sculpteo"] = StatusVocabulary.Sculpteo(view),
            ["digifabster"] = StatusVocabulary.DigiFabster(view),
        },
    };
}

public sealed record ShippingSummary(string Method, string? Country);
