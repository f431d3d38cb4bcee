using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Orders;
using PrintFarm.Printers;

namespace PrintFarm.Gateway.Api;

/// <summary>The whole farm at a glance: <c>GET /api/farm</c>.</summary>
public static class FarmApi
{
    public static IEndpointRouteBuilder MapFarmApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/farm", GetFarm).RequireAuthorization(AccessPolicies.Viewer).WithTags("Farm").WithSummary("Counts by state, queue depth, utilization, late orders and maintenance windows");
        return app;
    }

    private static async Task<Ok<FarmOverview>> GetFarm(IClusterClient cluster, TimeProvider clock, IOptions<GatewayOptions> options)
    {
        var o = options.Value;
        var printers = cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).List().Within(o);
        var jobs = cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Counts().Within(o);
        var queue = cluster.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(0).Within(o);
        var late = cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).LateOrders().Within(o);
        var maintenance = cluster.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).Views().Within(o);
        await Task.WhenAll(printers, jobs, queue, late, maintenance);
        return TypedResults.Ok(FarmOverview.From(printers.Result, jobs.Result, queue.Result.Depth, clock.GetUtcNow()) with
        {
            LateOrders = late.Result,
            Maintenance = maintenance.Result,
        });
    }
}
