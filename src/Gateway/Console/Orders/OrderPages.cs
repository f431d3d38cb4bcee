using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Live;
using PrintFarm.Gateway.Live;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Orders;

/// <summary>
/// <c>/console/orders</c> (late first, then open orders or a search) and one order's page with
/// every operator move of the API: each move calls the order grain's method the API calls.
/// </summary>
public static class OrderPages
{
    private const int Take = 50;
    private const int LateShown = 20;

    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder operators)
    {
        pages.MapGet("/orders", List);
        pages.MapGet("/live/orders", ListStream);
        pages.MapGet("/orders/{reference}", Detail);
        pages.MapGet("/live/orders/{reference}", DetailStream);
        pages.MapGet("/orders/{reference}/messages/{number:int}/attachments/{index:int}", Attachment);
        var moves = operators.MapGroup("/orders/{reference}");
        moves.MapPost("/status", ChangeStatus);
        moves.MapPost("/ship", Ship);
        moves.MapPost("/cancel", Cancel);
        moves.MapPost("/items/{index:int}/cancel", CancelItem);
        moves.MapPost("/messages", Answer);
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster, FarmViews views, IOptions<GatewayOptions> gateway, string? q, string? status, int? skip)
    {
        var problems = new List<string>(ConsolePageContext.Problem(http));
        var search = q?.Trim() is { Length: > 0 and <= 254 } s ? s : null;
        if (search is not null && OrderReference.IsWellFormed(search.ToUpperInvariant()))
            return Results.Redirect($"/console/orders/{search.ToUpperInvariant()}");
        OrderStatus? stage = null;
        if (status is { Length: > 0 })
        {
            if (Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) stage = parsed;
            else problems.Add($"There is no stage \"{(status.Length > 24 ? status[..24] : status)}\"; showing every open order.");
        }
        var model = await Load(cluster, views, gateway.Value, search, stage, Math.Max(0, skip ?? 0));
        return new RazorComponentResult<OrderListPage>(new
        {
            User = ConsolePageContext.For(http),
            Late = model.Late,
            Rows = model.Rows,
            Total = model.Total,
            Skip = Math.Max(0, skip ?? 0),
            Take,
            Search = search,
            Status = stage,
            Stream = "/console/live/orders" + http.Request.QueryString,
            Problems = (IReadOnlyList<string>)problems,
            Notice = ConsolePageContext.Notice(http),
        });
    }

    private sealed record ListModel(List<OrderRow> Late, List<OrderRow> Rows, int Total);

    private static async Task<ListModel> Load(IClusterClient cluster, FarmViews views, GatewayOptions gateway, string? search, OrderStatus? stage, int skip)
    {
        var lateTask = views.LateOrders();
        // A customer's account when the search is one; otherwise the open orders, newest first.
        var page = search is not null && AccountNames.IsWellFormed(AccountNames.Normalize(search))
            ? await cluster.GetGrain<ICustomerOrdersGrain>(AccountNames.Normalize(search)).Page(skip, Take)
            : await cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Page(stage, null, skip, Take).Within(gateway);
        var late = (await lateTask).Take(LateShown).ToList();
        var wanted = page.References.Concat(late.Select(l => l.Reference)).Distinct().ToList();
        var orders = (await Task.WhenAll(wanted.Select(r => cluster.GetGrain<IOrderGrain>(r).Get())))
            .OfType<OrderView>().ToDictionary(o => o.Reference);
        var lateRows = late.Select(l => new OrderRow(l.Reference, orders.GetValueOrDefault(l.Reference), l, LateWhy.Explain(orders.GetValueOrDefault(l.Reference)))).ToList();
        var rows = page.References.Select(r => new OrderRow(r, orders.GetValueOrDefault(r), null, null))
            .Where(r => stage is null || r.Order?.Status == stage).ToList();
        return new ListModel(lateRows, rows, page.Total);
    }

    private static Task<IResult> ListStream(HttpContext http, IClusterClient cluster, FarmViews views, IOptions<GatewayOptions> gateway, IOptions<ConsoleOptions> options,
        TimeProvider clock, string? q, string? status, int? skip)
    {
        var search = q?.Trim() is { Length: > 0 and <= 254 } s ? s : null;
        OrderStatus? stage = Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        var user = ConsolePageContext.For(http);
        return ConsoleStream.Serve(http, (renderer, ct) => Every(clock, options.Value.ViewRefreshEvery, renderer, async () =>
        {
            var model = await Load(cluster, views, gateway.Value, search, stage, Math.Max(0, skip ?? 0));
            var page = await ConsoleStream.Render<OrderListPage>(renderer, new Dictionary<string, object?>
            {
                ["User"] = user, ["Late"] = model.Late, ["Rows"] = model.Rows, ["Total"] = model.Total, ["Skip"] = Math.Max(0, skip ?? 0),
                ["Search"] = search, ["Status"] = stage,
            });
            return Region(page, "orders-live");
        }, ct));
    }

    /// <summary>Renders a view every <paramref name="every"/> and yields it when it changed.</summary>
    public static async IAsyncEnumerable<string> Every(TimeProvider clock, TimeSpan every, HtmlRenderer renderer, Func<Task<string?>> render,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? shown = null;
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!first) await Task.Delay(every, clock, cancellationToken);
            string? html = null;
            try { html = await render(); }
            catch (Exception ex) when (ex is OrleansException or TimeoutException) { }
            // The first rendering is what the page already shows.
            if (html is not null && !first && html != shown) yield return html;
            if (html is not null) shown = html;
            first = false;
        }
    }

    /// <summary>The element with this id, cut out of a whole page's rendering.</summary>
    public static string? Region(string page, string id)
    {
        var start = page.IndexOf($"<div id=\"{id}\"", StringComparison.Ordinal);
        if (start < 0) return null;
        // Regions are divs; find the matching close by counting nested divs.
        var depth = 0;
        for (var i = start; i < page.Length; i++)
        {
            if (string.CompareOrdinal(page, i, "<div", 0, 4) == 0) depth++;
            else if (string.CompareOrdinal(page, i, "</div>", 0, 6) == 0 && --depth == 0) return page[start..(i + 6)];
        }
        return null;
    }

    private static async Task<IResult> Detail(string reference, HttpContext http, IClusterClient cluster, FirstHopRetry retry)
    {
        var user = ConsolePageContext.For(http);
        var view = OrderReference.IsWellFormed(reference) ? await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).Get()) : null;
        if (view is null)
            return new RazorComponentResult<NotFoundPage>(new { User = user, Words = $"There is no order {reference}." }) { StatusCode = 404 };
        return new RazorComponentResult<OrderPage>(new
        {
            User = user,
            Order = view,
            Stream = $"/console/live/orders/{reference}",
            Problems = ConsolePageContext.Problem(http),
            Notice = ConsolePageContext.Notice(http),
        });
    }

    private static async Task<IResult> DetailStream(string reference, HttpContext http, OrderFeed feed)
    {
        if (!OrderReference.IsWellFormed(reference)) return Results.NotFound();
        var user = ConsolePageContext.For(http);
        return await ConsoleStream.Serve(http, (renderer, ct) => Follow(reference, user, feed, renderer, ct));
    }

    private static async IAsyncEnumerable<string> Follow(string reference, ConsoleUser user, OrderFeed feed, HtmlRenderer renderer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? shown = null;
        await foreach (var view in feed.Follow(reference, cancellationToken))
        {
            var html = await ConsoleStream.Render<OrderLive>(renderer, new Dictionary<string, object?> { ["Order"] = view, ["User"] = user });
            if (shown is not null && html != shown) yield return html;
            shown = html;
        }
    }

    private static async Task<IResult> Attachment(string reference, int number, int index, IClusterClient cluster, FirstHopRetry retry)
    {
        if (!OrderReference.IsWellFormed(reference)) return Results.NotFound();
        var view = await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).Get());
        return view is null ? Results.NotFound() : await OrderMessagesApi.Download(view, number, index, cluster, retry);
    }

    private static string Here(string reference) => $"/console/orders/{reference}";

    private static async Task<IResult> ChangeStatus(string reference, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster)
    {
        if (!Enum.TryParse<OrderStatus>(form.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            return ConsoleMoves.Refuse(form, Here(reference), "Say which stage to move the order to.");
        if (ShipmentCheck.MessageProblem(form.Message) is { } tooLong) return ConsoleMoves.Refuse(form, Here(reference), tooLong);
        return await ConsoleMoves.Run(http, form, Here(reference), async () =>
        {
            var view = await cluster.GetGrain<IOrderGrain>(Known(reference)).ChangeStatus(status, Blank(form.Message), http.User.Account());
            return $"{reference} is {OrderLive.Words(view.Status)}.";
        });
    }

    private static async Task<IResult> Ship(string reference, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster)
    {
        var shipment = new ShipOrderRequest { Carrier = Blank(form.Carrier), TrackingNumber = Blank(form.TrackingNumber), TrackingUrl = Blank(form.TrackingUrl), Message = Blank(form.Message) };
        if (ShipmentCheck.Problems(shipment) is { Count: > 0 } problems)
            return ConsoleMoves.Refuse(form, Here(reference), string.Join(" ", problems.Values.SelectMany(p => p)));
        return await ConsoleMoves.Run(http, form, Here(reference), async () =>
        {
            await cluster.GetGrain<IOrderGrain>(Known(reference)).Ship(shipment, http.User.Account());
            return $"{reference} is shipped with {shipment.Carrier}.";
        });
    }

    private static async Task<IResult> Cancel(string reference, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster)
    {
        if (ShipmentCheck.MessageProblem(form.Message) is { } tooLong) return ConsoleMoves.Refuse(form, Here(reference), tooLong);
        return await ConsoleMoves.Run(http, form, Here(reference), async () =>
        {
            await cluster.GetGrain<IOrderGrain>(Known(reference)).ChangeStatus(OrderStatus.Cancelled, Blank(form.Message), http.User.Account());
            return $"{reference} is cancelled.";
        });
    }

    private static async Task<IResult> CancelItem(string reference, int index, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster)
    {
        if (ShipmentCheck.MessageProblem(form.Message) is { } tooLong) return ConsoleMoves.Refuse(form, Here(reference), tooLong);
        return await ConsoleMoves.Run(http, form, Here(reference), async () =>
        {
            await cluster.GetGrain<IOrderGrain>(Known(reference)).CancelItem(index, Blank(form.Message), http.User.Account());
            return $"Item {index + 1} of {reference} is cancelled.";
        });
    }

    private static async Task<IResult> Answer(string reference, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster)
    {
        if (string.IsNullOrWhiteSpace(form.Text)) return ConsoleMoves.Refuse(form, Here(reference), "Write the message first.");
        return await ConsoleMoves.Run(http, form, Here(reference), async () =>
        {
            await cluster.GetGrain<IOrderGrain>(Known(reference)).PostMessage(MessageAuthor.Shop, form.Text, [], http.User.Account());
            return "The message is sent to the customer.";
        });
    }

    private static string Known(string reference) =>
        OrderReference.IsWellFormed(reference) ? reference : throw new OrderNotFoundException(reference);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
