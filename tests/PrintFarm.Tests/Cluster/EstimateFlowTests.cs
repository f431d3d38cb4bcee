using PrintFarm.Jobs;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>Delivery estimates as the grains keep them: set at placement, moved by what happens.</summary>
[Collection(FarmClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class EstimateFlowTests(FarmClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private IClusterClient Client => farm.Client;

    [Fact]
    public async Task An_order_gets_a_promise_when_placed_and_a_failed_print_moves_it_later_saying_why()
    {
        var printer = await TestPrinters.Announce(Client, "est-p1", "EST-PLA");

        // Three-day prints: a reprint from 90 % moves shipping by business days whatever the hour
        // and weekday the test runs at (a six-hour one moved it only before the afternoon cut-off).
        var order = await Client.GetGrain<IOrderGrain>(OrderReference.New())
            .Place(OrderSamples.Valid(quantity: 1, material: "EST-PLA", seconds: 3 * 24 * 3600));
        var placed = order.Estimate!;
        Assert.Equal("order placed", placed.Reason.Split(';')[0]);
        Assert.True(placed.ShipBy > order.PlacedAt);
        Assert.True(placed.DeliverBy > placed.ShipBy);
        Assert.Equal(placed.DeliverBy, order.PromisedDeliverBy);
        Assert.Single(order.EstimateHistory);

        var start = await Eventually.Get(
            () => Task.FromResult(FarmClusterFixture.Commands.To("est-p1").FirstOrDefault(c => c.Type == PrinterCommandType.Start)),
            c => c is not null, Patience, "the start command");
        await printer.Event(new PrinterJobEvent { EventId = "est-1", Type = PrinterEventType.JobStarted, JobId = start!.JobId, ReceivedAt = DateTimeOffset.UtcNow });
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Printing, JobId = start.JobId, Progress = 90, RemainingSeconds = 600, ReceivedAt = DateTimeOffset.UtcNow });
        // The customer has seen the print nearly done (a job's first progress is told at once)...
        await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(),
            o => o!.Items[0].Jobs[0].Progress == 90, Patience, "the order to show the print at 90 %");
        // ...then it fails.
        await printer.Event(new PrinterJobEvent { EventId = "est-2", Type = PrinterEventType.JobFailed, JobId = start.JobId, Reason = "nozzle clog", ReceivedAt = DateTimeOffset.UtcNow });

        var moved = await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(),
            o => o!.EstimateHistory.Any(e => e.Reason.Contains("nozzle clog")), Patience, "an estimate that tells of the failed print");
        var afterFailure = moved!.EstimateHistory.Last(e => e.Reason.Contains("nozzle clog"));
        Assert.True(afterFailure.DeliverBy >= placed.DeliverBy, "a reprint cannot bring delivery forward");
        Assert.Equal(placed.DeliverBy, moved.PromisedDeliverBy); // the promise made at placement stays what it was
        Assert.All(moved.EstimateHistory.Zip(moved.EstimateHistory.Skip(1)), pair => Assert.True(pair.Second.UpdatedAt >= pair.First.UpdatedAt));
    }

    [Fact]
    public async Task A_shipped_order_is_estimated_from_the_carriers_transit_alone()
    {
        var printer = await TestPrinters.Announce(Client, "est-p2", "EST-ABS");
        var order = await Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(OrderSamples.Valid(quantity: 1, material: "EST-ABS"));
        var start = await Eventually.Get(
            () => Task.FromResult(FarmClusterFixture.Commands.To("est-p2").FirstOrDefault(c => c.Type == PrinterCommandType.Start)),
            c => c is not null, Patience, "the start command");
        await printer.Event(new PrinterJobEvent { EventId = "est-3", Type = PrinterEventType.JobStarted, JobId = start!.JobId, ReceivedAt = DateTimeOffset.UtcNow });
        await printer.Event(new PrinterJobEvent { EventId = "est-4", Type = PrinterEventType.JobFinished, JobId = start.JobId, ReceivedAt = DateTimeOffset.UtcNow });
        await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(), o => o!.Status == OrderStatus.ReadyToShip, Patience, "ready to ship");

        var shipped = await Client.GetGrain<IOrderGrain>(order.Reference).Ship(new ShipOrderRequest { Carrier = "UPS", TrackingNumber = "1Z999" });
        Assert.Equal("handed to UPS", shipped.Estimate!.Reason);
        Assert.True(shipped.Estimate.DeliverBy > shipped.Shipment!.ShippedAt);
        Assert.Equal("https://www.ups.com/track?tracknum=1Z999", shipped.Shipment.TrackingUrl);
    }
}
