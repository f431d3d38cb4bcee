using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Orders;

/// <summary>Bound from configuration section <c>Orders</c>.</summary>
public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>Orders with more copies than this go to review before production (null: never by quantity).</summary>
    public int? ReviewCopiesAbove { get; set; }

    /// <summary>Orders needing more slicer hours than this go to review (null: never by print time).</summary>
    public double? ReviewPrintHoursAbove { get; set; }

    /// <summary>
    /// A stored order whose jobs could not all be created (a silo died under them) tries again
    /// this often until they exist.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Orders:ReleaseRetry must be between {1} and {2}.")]
    public TimeSpan ReleaseRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A watcher (a gateway's live feed) that has not renewed its subscription for this long is
    /// dropped; gateways renew well within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00", ErrorMessage = "Orders:ObserverExpiry must be between {1} and {2}.")]
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The newest timeline entries (and lines of each item's history) an order keeps; older ones
    /// are summed up in one line. Repeated hold and release would otherwise grow the order, and
    /// every stored write and stream event with it, without end.
    /// </summary>
    [Range(10, 10_000, ErrorMessage = "Orders:MaxTimelineEntries must be between {1} and {2}.")]
    public int MaxTimelineEntries { get; set; } = 100;

    /// <summary>The newest estimates an order keeps in its estimate history.</summary>
    [Range(2, 10_000, ErrorMessage = "Orders:MaxEstimateHistory must be between {1} and {2}.")]
    public int MaxEstimateHistory { get; set; } = 50;

    /// <summary>Carrier tracking pages; {0} is the tracking number. Names match case-insensitively.</summary>
    public Dictionary<string, string> CarrierTrackingUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DHL"] = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={0}",
        ["UPS"] = "https://www.ups.com/track?tracknum={0}",
        ["FedEx"] = "https://www.fedex.com/fedextrack/?trknbr={0}",
        ["USPS"] = "https://tools.usps.com/go/TrackConfirmAction?tLabels={0}",
        ["Colissimo"] = "https://www.laposte.fr/outils/suivre-vos-envois?code={0}",
        ["DPD"] = "https://tracking.dpd.de/status/en_US/parcel/{0}",
        ["GLS"] = "https://gls-group.com/track/{0}",
    };

    public bool NeedsReview(PlaceOrderRequest request)
    {
        if (request.Review) return true;
        var items = request.Items ?? [];
        if (ReviewCopiesAbove is { } copies && items.Sum(i => i.Quantity ?? 0) > copies) return true;
        if (ReviewPrintHoursAbove is { } hours && items.Sum(i => (double)(i.Quantity ?? 0) * (i.EstimatedPrintSeconds ?? 0)) / 3600 > hours) return true;
        return false;
    }

    public string? TrackingUrlFor(string carrier, string? trackingNumber) =>
        trackingNumber is not null && CarrierTrackingUrls.TryGetValue(carrier.Trim(), out var template)
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Uri.EscapeDataString(trackingNumber.Trim()))
            : null;
}
