using PrintFarm.Dispatch;
using PrintFarm.Orders;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>One dispatcher per pool: pools work on their own, and the farm's queue view is made from all of them.</summary>
[Collection(FarmClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class PoolsTests(FarmClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private IClusterClient Client => farm.Client;

    private Task<OrderView> Place(string material, int quantity = 1) =>
        Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(OrderSamples.Valid(quantity: quantity, material: material));

    private Task<QueueView> Queue() => Client.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(1000);

    [Fact]
    public async Task A_pool_whose_dispatcher_is_out_of_reach_stops_alone_and_the_queue_view_says_so()
    {
        var (healthy, stuck) = (new PoolKey("FDM", "POOL-OK"), new PoolKey("FDM", "POOL-STUCK"));
        await Place("POOL-OK", quantity: 2);
        await Place("POOL-STUCK", quantity: 3);
        await Eventually.Get(Queue, q => q.Pools.Any(p => p.Pool == healthy.Key && p.Depth == 2) && q.Pools.Any(p => p.Pool == stuck.Key && p.Depth == 3),
            Patience, "both pools in the queue view with their jobs");

        OutOfReach.Cut(stuck.Key);
        try
        {
            var view = await Queue();
            var line = view.Pools.Single(p => p.Pool == stuck.Key);
            Assert.NotNull(line.Problem);
            Assert.Equal(2, view.Pools.Single(p => p.Pool == healthy.Key).Depth);

            // The healthy pool dispatches as before.
            await TestPrinters.Announce(Client, "pool-ok-p1", "POOL-OK");
            var start = await Eventually.Get(() => Task.FromResult(FarmClusterFixture.Commands.To("pool-ok-p1").FirstOrDefault(c => c.Type == PrinterCommandType.Start)),
                c => c is not null, Patience, "the healthy pool's job started");
            Assert.Contains("-1-", start!.JobId);
        }
        finally
        {
            OutOfReach.Restore(stuck.Key);
        }
        await Eventually.Get(Queue, q => q.Pools.Single(p => p.Pool == stuck.Key) is { Problem: null, Depth: 3 }, Patience, "the stuck pool back in the view");
    }
}
