namespace PrintFarm.Orders;

/// <summary>What a customer's own system sends along with an order (the Sculpteo order API's extras), kept as sent.</summary>
[GenerateSerializer, Alias("PrintFarm.OrderAttachments")]
public sealed record OrderAttachments
{
    /// <summary>Where the order's reference is POSTed on every status change.</summary>
    [Id(0)] public string? NotificationUrl { get; init; }
    [Id(1)] public List<string> Comments { get; init; } = [];
    /// <summary>The packing-slip template agreed with the shop.</summary>
    [Id(2)] public string? Theme { get; init; }
    /// <summary>The PDF invoice to pack with the parcel, by its address in the design store.</summary>
    [Id(3)] public string? InvoiceSha256 { get; init; }

    public static OrderAttachments? From(PlaceOrderRequest request) =>
        request.NotificationUrl is null && request.Comments is not { Count: > 0 } && request.Theme is null && request.InvoiceSha256 is null
            ? null
            : new OrderAttachments { NotificationUrl = request.NotificationUrl, Comments = request.Comments?.ToList() ?? [], Theme = request.Theme, InvoiceSha256 = request.InvoiceSha256 };
}
