using System.Collections.Concurrent;
using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>Operators' moves through real grains: what they do to jobs, the queue and watchers.</summary>
[Collection(FarmClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class OrderCommandTests(FarmClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private IClusterClient Client => farm.Client;

    private async Task<OrderView> Place(string material, int quantity = 1) =>
        await Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(OrderSamples.Valid(quantity: quantity, material: material));

    private async Task<List<string>> Queued() =>
        (await Client.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(1000)).Next.Select(t => t.JobId).ToList();

    [Fact]
    public async Task A_held_order_leaves_the_queue_and_comes_back_when_released()
    {
        var order = await Place("CMD-HOLD", quantity: 2);
        var jobs = order.Items[0].Jobs.Select(j => j.JobId).ToList();
        // Jobs enqueue themselves in the background, and leave the queue in the background too.
        await Eventually.Get(Queued, q => jobs.All(q.Contains), Patience, "both jobs in the queue");

        var held = await Client.GetGrain<IOrderGrain>(order.Reference).ChangeStatus(OrderStatus.OnHold, "Checking your file");
        Assert.Equal(OrderStatus.OnHold, held.Status);
        Assert.Equal("Checking your file", held.CustomerMessage);
        var queue = await Eventually.Get(Queued, q => !q.Contains(jobs[0]) && !q.Contains(jobs[1]), Patience, "the held jobs out of the queue");
        Assert.DoesNotContain(jobs[0], queue);
        Assert.DoesNotContain(jobs[1], queue);

        // A printer for the material arrives while the order is held: it gets nothing. The pool's
        // dispatcher plans as it hears of a printer (inside PrinterAvailable), so once it lists the
        // printer as idle it has decided: nothing for it (a printer it gave a job is not idle).
        await TestPrinters.Announce(Client, "cmd-hold-p1", "CMD-HOLD");
        var dispatcher = Client.GetGrain<IDispatcherGrain>(new PoolKey("FDM", "CMD-HOLD").Key);
        await Eventually.Get(() => dispatcher.GetQueue(100), v => v.IdlePrinterIds.Contains("cmd-hold-p1"), Patience, "the pool's dispatcher to hear of the printer");
        Assert.Empty(FarmClusterFixture.Commands.To("cmd-hold-p1"));

        var released = await Client.GetGrain<IOrderGrain>(order.Reference).ChangeStatus(OrderStatus.Queued, null);
        Assert.Equal(OrderStatus.Queued, released.Status);
        await Eventually.Get(() => Task.FromResult(FarmClusterFixture.Commands.To("cmd-hold-p1").Count), n => n == 1, Patience, "the released job to be started");
    }

    [Fact]
    public async Task Cancelling_an_order_before_production_cancels_its_jobs()
    {
        var order = await Place("CMD-CANCEL", quantity: 2);
        var cancelled = await Client.GetGrain<IOrderGrain>(order.Reference).ChangeStatus(OrderStatus.Cancelled, "Cancelled at your request");
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.All(cancelled.Items[0].Jobs, j => Assert.Equal(JobStatus.Cancelled, j.Status));
        foreach (var job in cancelled.Items[0].Jobs)
        {
            Assert.Equal(JobStatus.Cancelled, (await Client.GetGrain<IPrintJobGrain>(job.JobId).Get())!.Status);
            Assert.DoesNotContain(job.JobId, await Queued());
        }
        var again = await Assert.ThrowsAsync<OrderTransitionException>(() => Client.GetGrain<IOrderGrain>(order.Reference).ChangeStatus(OrderStatus.OnHold, null));
        Assert.Empty(again.Allowed);
    }

    [Fact]
    public async Task An_order_in_production_cannot_be_cancelled_but_an_unstarted_item_can()
    {
        await TestPrinters.Announce(Client, "cmd-part-p1", "CMD-PART");
        var request = OrderSamples.Valid(quantity: 1, material: "CMD-PART");
        request = request with { Items = [.. request.Items!, new OrderItemRequest { Design = "lid", Material = "CMD-PART-OTHER", Quantity = 1, EstimatedPrintSeconds = 30 }] };
        var order = await Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(request);
        await Eventually.Get(() => Task.FromResult(FarmClusterFixture.Commands.To("cmd-part-p1").Count), n => n == 1, Patience, "item 0 to go to its printer");
        await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(), o => o!.Items[0].Jobs[0].Status == JobStatus.Assigned, Patience, "item 0 assigned");

        var grain = Client.GetGrain<IOrderGrain>(order.Reference);
        var refused = await Assert.ThrowsAsync<OrderTransitionException>(() => grain.ChangeStatus(OrderStatus.Cancelled, null));
        Assert.DoesNotContain(OrderStatus.Cancelled, refused.Allowed);
        await Assert.ThrowsAsync<OrderTransitionException>(() => grain.CancelItem(0, null));

        var partial = await grain.CancelItem(1, "The lid is no longer needed");
        Assert.Equal(ItemStatus.Cancelled, partial.Items[1].Status);
        Assert.Equal(JobStatus.Cancelled, (await Client.GetGrain<IPrintJobGrain>(partial.Items[1].Jobs[0].JobId).Get())!.Status);
        Assert.Equal(OrderStatus.Queued, partial.Status); // item 0 is assigned, not yet printing
    }

    [Fact]
    public async Task A_jump_is_refused_and_changes_nothing()
    {
        var order = await Place("CMD-JUMP");
        var grain = Client.GetGrain<IOrderGrain>(order.Reference);
        var refused = await Assert.ThrowsAsync<OrderTransitionException>(() => grain.ChangeStatus(OrderStatus.Delivered, null));
        Assert.Equal([OrderStatus.OnHold, OrderStatus.Cancelled], refused.Allowed);
        await Assert.ThrowsAsync<OrderTransitionException>(() => grain.Ship(new ShipOrderRequest { Carrier = "DHL" }));
        var after = await grain.Get();
        Assert.Equal((OrderStatus.Queued, order.Version, order.Timeline.Count), (after!.Status, after.Version, after.Timeline.Count));
        await Assert.ThrowsAsync<OrderNotFoundException>(() => Client.GetGrain<IOrderGrain>(OrderReference.New()).ChangeStatus(OrderStatus.OnHold, null));
    }

    [Fact]
    public async Task Watchers_are_told_of_every_change()
    {
        var order = await Place("CMD-WATCH");
        var watcher = new Watcher();
        var reference = Client.CreateObjectReference<IOrderObserver>(watcher);
        var grain = Client.GetGrain<IOrderGrain>(order.Reference);
        await grain.Subscribe(reference);
        await grain.ChangeStatus(OrderStatus.OnHold, "One moment");
        await grain.ChangeStatus(OrderStatus.Queued, null);
        var seen = await Eventually.Get(() => Task.FromResult(watcher.Seen.ToList()), s => s.Count >= 2, Patience, "two notifications");
        // One-way notifications may arrive in any order; the version says which is newer.
        var inOrder = seen.OrderBy(v => v.Version).ToList();
        Assert.Equal([OrderStatus.OnHold, OrderStatus.Queued], inOrder.Select(v => v.Status));
        Assert.True(inOrder[1].Version > inOrder[0].Version);
        // A second watcher, subscribed after the first and still subscribed, is the evidence: the
        // order tells its watchers of a change in one go, one-way over the same connection to this
        // client, so once the second has heard of it a message to the first would be here too.
        var witness = new Watcher();
        await grain.Subscribe(Client.CreateObjectReference<IOrderObserver>(witness));
        await grain.Unsubscribe(reference);
        var last = await grain.ChangeStatus(OrderStatus.OnHold, null);
        await Eventually.Get(() => Task.FromResult(witness.Seen.ToList()), s => s.Any(v => v.Version == last.Version), Patience, "the subscribed watcher to hear of the change");
        Assert.Equal(2, watcher.Seen.Count);
    }

    private sealed class Watcher : IOrderObserver
    {
        public ConcurrentQueue<OrderView> Seen { get; } = new();

        public Task OrderChanged(OrderView order)
        {
            Seen.Enqueue(order);
            return Task.CompletedTask;
        }
    }
}
