using CsvHelper;
using PrintFarm.Jobs;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// Orders as CSV (RFC 4180, UTF-8, CRLF), one row per order item, with a header row. Written
/// straight to a stream, row by row, flushed as its buffer fills: an export of many orders is
/// never held whole. Text that a spreadsheet would run as a formula (a cell starting with =, +,
/// -, @, a tab or CR) gets a leading apostrophe and quotes, as OWASP recommends; numbers and
/// dates are written as such. Dates are ISO 8601 with their offset, empty when unknown.
/// </summary>
public sealed class OrderCsv : IAsyncDisposable
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The columns, in order: the header row.</summary>
    public static readonly string[] Columns =
    [
        "order_reference", "customer", "account", "order_status", "placed_at",
        "promised_deliver_by", "estimated_ship_by", "estimated_deliver_by",
        "shipping_method", "destination_country",
        "item_index", "design", "material", "technology", "quantity", "item_status", "printed", "item_problem",
        "shipped_at", "delivered_at", "carrier", "tracking_number",
    ];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    private readonly CsvWriter _csv;

    private OrderCsv(Stream destination) => _csv = CsvWriter.Create(destination, Options, leaveOpen: true);

    /// <summary>A writer on <paramref name="destination"/> (left open), the header row written.</summary>
    public static OrderCsv Start(Stream destination)
    {
        var csv = new OrderCsv(destination);
        csv._csv.WriteHeader(Columns);
        return csv;
    }

    /// <summary>One row per item of the order. <paramref name="staff"/>: the account that placed it is shown (as in the JSON API).</summary>
    public async Task Write(OrderView order, bool staff, CancellationToken cancellationToken)
    {
        foreach (var item in order.Items)
        {
            _csv.WriteField(order.Reference);
            _csv.WriteField(order.CustomerName);
            _csv.WriteField(staff ? order.Owner : null);
            _csv.WriteField(order.Status.ToString());
            _csv.WriteField(order.PlacedAt);
            _csv.WriteField(order.PromisedDeliverBy);
            _csv.WriteField(order.Estimate?.ShipBy);
            _csv.WriteField(order.Estimate?.DeliverBy);
            _csv.WriteField(order.ShippingMethod);
            _csv.WriteField(order.DestinationCountry);
            _csv.WriteField(item.Index);
            _csv.WriteField(item.Design);
            _csv.WriteField(item.Material);
            _csv.WriteField(item.Technology);
            _csv.WriteField(item.Quantity);
            _csv.WriteField(item.Status.ToString());
            _csv.WriteField(Printed(item));
            _csv.WriteField(item.Problem);
            _csv.WriteField(order.Shipment?.ShippedAt);
            _csv.WriteField(order.Shipment?.DeliveredAt);
            _csv.WriteField(order.Shipment?.Carrier);
            _csv.WriteField(order.Shipment?.TrackingNumber);
            await _csv.EndRecordAsync(cancellationToken);
        }
    }

    /// <summary>Copies whose print is finished: in post-processing, quality check or done.</summary>
    public static int Printed(OrderItemState item) =>
        item.Jobs.Count(j => j.Status is JobStatus.PostProcessing or JobStatus.QualityCheck or JobStatus.Done);

    public ValueTask FlushAsync(CancellationToken cancellationToken) => _csv.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
