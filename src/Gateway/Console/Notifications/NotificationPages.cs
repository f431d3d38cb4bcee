using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Live;
using PrintFarm.Gateway.Console.Orders;
using PrintFarm.Notifications;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Notifications;

/// <summary>
/// <c>/console/notifications</c>: the delivery log (failed first) with redeliver, as
/// <c>GET /api/notifications</c> and <c>POST /api/notifications/{id}/redeliver</c>. The log is
/// kept per order, so without an order the page shows the most recent open orders' deliveries.
/// </summary>
public static class NotificationPages
{
    private const int RecentOrders = 20;

    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder operators)
    {
        pages.MapGet("/notifications", Page);
        pages.MapGet("/live/notifications", Stream);
        operators.MapPost("/notifications/{id}/redeliver", Redeliver);
    }

    private static async Task<(List<DeliveryRecord> Deliveries, int Orders)> Load(IClusterClient cluster, GatewayOptions gateway, string? order)
    {
        var references = order is not null
            ? [order]
            : (await cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Page(null, null, 0, RecentOrders).Within(gateway)).References;
        var logs = await Task.WhenAll(references.Select(r => cluster.GetGrain<IOrderDeliveriesGrain>(r).List(null).Within(gateway)));
        var all = logs.SelectMany(l => l)
            .OrderBy(d => d.Status switch { DeliveryStatus.Failed => 0, DeliveryStatus.Pending => 1, _ => 2 })
            .ThenByDescending(d => d.UpdatedAt)
            .Take(300)
            .ToList();
        return (all, references.Count);
    }

    private static string? OrderOf(string? order) =>
        order?.Trim().ToUpperInvariant() is { } r && OrderReference.IsWellFormed(r) ? r : null;

    private static async Task<RazorComponentResult<NotificationsPage>> Page(HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, string? order)
    {
        var reference = OrderOf(order);
        var problems = new List<string>(ConsolePageContext.Problem(http));
        if (order is { Length: > 0 } && reference is null) problems.Add("That is not an order reference (PF- and ten letters or digits).");
        var (deliveries, orders) = await Load(cluster, gateway.Value, reference);
        var here = reference is null ? "/console/notifications" : $"/console/notifications?order={reference}";
        return new RazorComponentResult<NotificationsPage>(new
        {
            User = ConsolePageContext.For(http),
            Deliveries = deliveries,
            Order = reference,
            Orders = orders,
            ReturnTo = here,
            Stream = "/console/live/notifications" + (reference is null ? "" : $"?order={reference}"),
            Problems = (IReadOnlyList<string>)problems,
            Notice = ConsolePageContext.Notice(http),
        });
    }

    private static Task<IResult> Stream(HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, IOptions<ConsoleOptions> options, TimeProvider clock, string? order)
    {
        var reference = OrderOf(order);
        var user = ConsolePageContext.For(http);
        var here = reference is null ? "/console/notifications" : $"/console/notifications?order={reference}";
        return ConsoleStream.Serve(http, (renderer, ct) => OrderPages.Every(clock, options.Value.ViewRefreshEvery, renderer, async () =>
        {
            var (deliveries, orders) = await Load(cluster, gateway.Value, reference);
            return await ConsoleStream.Render<NotificationsLive>(renderer, new Dictionary<string, object?>
            {
                ["User"] = user, ["Deliveries"] = deliveries, ["Order"] = reference, ["Orders"] = orders, ["ReturnTo"] = here,
            });
        }, ct));
    }

    private static async Task<IResult> Redeliver(string id, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        if (Receivers.ReferenceOf(id) is not { } reference) return ConsoleMoves.Refuse(form, "/console/notifications", $"There is no delivery {id}.");
        return await ConsoleMoves.Run(http, form, "/console/notifications", async () =>
            await cluster.GetGrain<IOrderDeliveriesGrain>(reference).Redeliver(id).Within(gateway.Value) is { } record
                ? $"{record.Type} to {record.Target} is queued again."
                : $"There is no delivery {id}.");
    }
}
