using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Live;
using PrintFarm.Gateway.Console.Orders;
using PrintFarm.Jobs;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Queue;

/// <summary><c>/console/queue</c>: the jobs waiting per pool in serving order, and the projected schedule per printer.</summary>
public static class QueuePages
{
    private const int PerPool = 40;
    private const int TimelineRows = 30;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/queue", Page);
        pages.MapGet("/live/queue", Stream);
    }

    private static async Task<Dictionary<string, object?>> Load(IClusterClient cluster, FarmViews views, FleetBoard board, IOptions<ConsoleOptions> options,
        IOptions<GatewayOptions> gateway, TimeProvider clock, CancellationToken cancellationToken)
    {
        var queueTask = views.Queue();
        var lateTask = views.LateOrders();
        var fleetTask = board.Current(cancellationToken);
        var waitingTask = cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).List(JobStatus.Queued, 2000).Within(gateway.Value);
        await Task.WhenAll(queueTask, lateTask, fleetTask, waitingTask);
        var queue = queueTask.Result;
        var snapshots = waitingTask.Result.ToDictionary(j => j.JobId, StringComparer.Ordinal);
        var late = lateTask.Result.Select(l => l.Reference).ToHashSet(StringComparer.Ordinal);
        var shown = queue.Next.GroupBy(t => $"{t.Technology}/{t.Material}").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Pool: g.Key, Tickets: g.Take(PerPool).ToList())).ToList();
        // The customer-facing due date is the order's: read once per order shown.
        var orders = (await Task.WhenAll(shown.SelectMany(p => p.Tickets).Select(t => t.OrderReference).Distinct()
            .Select(r => cluster.GetGrain<IOrderGrain>(r).Get()))).OfType<OrderView>().ToDictionary(o => o.Reference);
        var pools = shown.Select(p => new KeyValuePair<string, List<QueueEntry>>(p.Pool, [.. p.Tickets.Select(t =>
        {
            var order = orders.GetValueOrDefault(t.OrderReference);
            return new QueueEntry(t, snapshots.GetValueOrDefault(t.JobId), order?.PromisedDeliverBy ?? order?.Estimate?.DeliverBy, late.Contains(t.OrderReference));
        })])).ToList();
        var now = clock.GetUtcNow();
        var hours = options.Value.TimelineHours;
        return new Dictionary<string, object?>
        {
            ["Depth"] = queue.Depth,
            ["IdlePrinters"] = queue.IdlePrinters,
            ["Pools"] = (IReadOnlyList<KeyValuePair<string, List<QueueEntry>>>)pools,
            ["Rows"] = (IReadOnlyList<TimelineRow>)Timeline.Project(fleetTask.Result.Printers.Values, queue.Next, snapshots, now, TimeSpan.FromHours(hours), TimelineRows),
            ["Now"] = now,
            ["Hours"] = hours,
        };
    }

    private static async Task<RazorComponentResult<QueuePage>> Page(HttpContext http, IClusterClient cluster, FarmViews views, FleetBoard board,
        IOptions<ConsoleOptions> options, IOptions<GatewayOptions> gateway, TimeProvider clock)
    {
        var parameters = await Load(cluster, views, board, options, gateway, clock, http.RequestAborted);
        parameters["User"] = ConsolePageContext.For(http);
        parameters["Problems"] = ConsolePageContext.Problem(http);
        parameters["Notice"] = ConsolePageContext.Notice(http);
        return new RazorComponentResult<QueuePage>(parameters);
    }

    private static Task<IResult> Stream(HttpContext http, IClusterClient cluster, FarmViews views, FleetBoard board,
        IOptions<ConsoleOptions> options, IOptions<GatewayOptions> gateway, TimeProvider clock)
    {
        var user = ConsolePageContext.For(http);
        return ConsoleStream.Serve(http, (renderer, ct) => OrderPages.Every(clock, options.Value.ViewRefreshEvery, renderer, async () =>
        {
            var parameters = await Load(cluster, views, board, options, gateway, clock, ct);
            parameters["User"] = user;
            return await ConsoleStream.Render<QueueLive>(renderer, parameters);
        }, ct));
    }
}
