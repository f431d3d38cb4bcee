using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Live;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPost("/", Place)
            .RequireAuthorization(AccessPolicies.Ordering)
            .WithMetadata(FarmRateLimit.Orders)
            .WithSummary("Place an order under the caller's account")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<OrderResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        orders.MapGet("/", List)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("A customer's own orders, newest first; for staff every open order (filters: status, late, customer), or a customer's orders with ?customer=")
            .Produces<OrderList>();
        orders.MapGet("/{reference}", Get)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("An order's stage, items, problems, estimates and timeline");
        // Public like the tracking page it keeps live: the reference is the key, and the events
        // carry only what the page shows.
        orders.MapGet("/{reference}/events", Events)
            .AllowAnonymous()
            .WithSummary("Server-sent events: the whole order (event 'order', id = its version) each time anything a customer sees changes")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        orders.MapPost("/{reference}/status", ChangeStatus)
            .RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: move the order (InReview, Queued to approve or release, OnHold, Delivered, Cancelled) with a message to the customer")
            .Accepts<StatusChangeRequest>("application/json");
        orders.MapPost("/{reference}/shipment", Ship)
            .RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: hand a ready order to a carrier (carrier, trackingNumber, optional trackingUrl and message)")
            .Accepts<ShipOrderRequest>("application/json");
        orders.MapPost("/{reference}/reorder", Reorder)
            .RequireAuthorization(AccessPolicies.Ordering)
            .WithMetadata(FarmRateLimit.Orders)
            .WithSummary("Place a new order with the same designs, materials and quantities; the body may change quantities (by item) and shipping");
        orders.MapPost("/{reference}/cancel", Cancel)
            .RequireAuthorization(AccessPolicies.Ordering)
            .WithSummary("Cancel the whole order, possible until production of any item starts");
        orders.MapPost("/{reference}/items/{index:int}/cancel", CancelItem)
            .RequireAuthorization(AccessPolicies.Ordering)
            .WithSummary("Cancel one item (numbered from 0), possible until its production starts; the rest goes on");
        orders.MapPost("/{reference}/items/{index:int}/sliced-file", AttachSlicedFile)
            .RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: the item's design needed slicing; it prints this sliced design of the order's account (designId, optional plate and anyPrinterModel) and its copies join the queue")
            .Accepts<SlicedFileRequest>("application/json");
        return app;
    }

    private static async Task<IResult> Place(HttpRequest request, HttpResponse response, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry, IOptions<JsonOptions> json, IOptions<OrderLimits> limits, CancellationToken cancellationToken)
    {
        var owner = user.Account()!;
        var key = request.Headers[IdempotencyKey.Header].ToString();
        if (request.Headers.ContainsKey(IdempotencyKey.Header) && !IdempotencyKey.IsWellFormed(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKey.Header] = [$"The Idempotency-Key must be {IdempotencyKey.MinLength} to {IdempotencyKey.MaxLength} visible ASCII characters, e.g. a random UUID: the order's reference is derived from it."],
            }, title: "The Idempotency-Key is not valid");
        }
        var (order, problem) = await JsonBody.Read<PlaceOrderRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;

        var errors = OrderRequestValidator.Validate(order, limits.Value);
        if (errors.Count == 0 && !user.IsStaff() && order!.Items!.FindIndex(i => i.AnyPrinterModel) is var i and >= 0)
            errors = new Dictionary<string, string[]> { [$"items[{i}].anyPrinterModel"] = ["Only an operator may send a file to printers of another model than it was sliced for."] };
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), title: "The order is not valid");
        }
        OrderView view;
        if (key.Length > 0)
        {
            // A retry with the same key gets the first order back (201 again, flagged as a replay).
            var placed = await retry.Run(() => cluster.GetGrain<IOrderGrain>(OrderReference.ForIdempotencyKey(key, owner)).PlaceOnce(order!, owner));
            if (placed.Replayed) response.Headers["Idempotent-Replayed"] = "true";
            view = placed.Order;
        }
        else
        {
            view = await retry.RunUnderNewKey(OrderReference.New, reference => cluster.GetGrain<IOrderGrain>(reference).Place(order!, owner));
        }
        return TypedResults.Created($"/api/orders/{view.Reference}", OrderResponse.For(view, user));
    }

    private static async Task<IResult> Reorder(string reference, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry,
        IAuthorizationService access, IOptions<JsonOptions> json, IOptions<OrderLimits> limits, CancellationToken cancellationToken)
    {
        if (await Visible(reference, user, cluster, retry, access) is not { } original) return NotFound(reference);
        ReorderRequest? changes = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.Read<ReorderRequest>(request, json.Value.SerializerOptions, cancellationToken);
            if (problem is not null) return problem;
            changes = body;
        }
        var again = await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).AsRequest());
        if (changes?.Quantities is { } quantities)
        {
            if (quantities.Count != again.Items!.Count || quantities.Any(q => q < 0))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["quantities"] = [$"Give one quantity (0 or more) for each of the order's {again.Items.Count} items, in order; 0 leaves one out."],
                }, title: "The reorder is not valid");
            again = again with { Items = [.. again.Items.Zip(quantities).Where(p => p.Second > 0).Select(p => p.First with { Quantity = p.Second })] };
        }
        if (changes?.Shipping is { } shipping) again = again with { Shipping = shipping };
        // Placed like any other order, with its checks; staff reorder for the order's customer, whose designs they are.
        var errors = OrderRequestValidator.Validate(again, limits.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), title: "The order is not valid");
        var owner = user.IsStaff() ? original.Owner ?? user.Account()! : user.Account()!;
        var view = await retry.RunUnderNewKey(OrderReference.New, r => cluster.GetGrain<IOrderGrain>(r).Place(again, owner));
        return TypedResults.Created($"/api/orders/{view.Reference}", OrderResponse.For(view, user));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(string reference, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry, IAuthorizationService access)
    {
        var view = await Visible(reference, user, cluster, retry, access);
        return view is null ? NotFound(reference) : TypedResults.Ok(OrderResponse.For(view, user));
    }

    /// <summary>
    /// A customer's own orders from its account's list; for staff the open orders on the order
    /// board (or one customer's orders with <paramref name="customer"/>). Newest first, paged.
    /// </summary>
    private static async Task<IResult> List(ClaimsPrincipal user, IClusterClient cluster, IOptions<GatewayOptions> options,
        OrderStatus? status, bool? late, string? customer, int? skip, int? take)
    {
        if (take is < 1 or > OrderPage.MaxTake || skip is < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["take"] = [$"take must be between 1 and {OrderPage.MaxTake}, and skip 0 or more."],
            });
        }
        var (from, size) = (skip ?? 0, take ?? 20);
        OrderPage page;
        if (!user.IsStaff()) page = await cluster.GetGrain<ICustomerOrdersGrain>(user.Account()!).Page(from, size);
        else if (customer is not null) page = await cluster.GetGrain<ICustomerOrdersGrain>(AccountNames.Normalize(customer)).Page(from, size);
        else page = await cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Page(status, late, from, size).Within(options.Value);
        var views = await Task.WhenAll(page.References.Select(r => cluster.GetGrain<IOrderGrain>(r).Get()));
        var orders = views.OfType<OrderView>()
            .Where(v => status is null || v.Status == status)
            .Where(v => late is null || (v.Late is not null) == late)
            .Select(v => OrderResponse.For(v, user))
            .ToList();
        return TypedResults.Ok(new OrderList(orders, page.Total, from, size));
    }

    /// <summary>The order when it exists and this caller may see it; null otherwise, so both answer the same 404.</summary>
    internal static async Task<OrderView?> Visible(string reference, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry, IAuthorizationService access)
    {
        var view = await retry.Run(() => Find(reference, cluster));
        if (view is null) return null;
        return (await access.AuthorizeAsync(user, view, AccessPolicies.OrderAccess)).Succeeded ? view : null;
    }

    private static async Task<IResult> ChangeStatus(string reference, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!OrderReference.IsWellFormed(reference)) return NotFound(reference);
        var (body, problem) = await JsonBody.Read<StatusChangeRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        if (body!.Status is not { } status)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"The status to move to is required: one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."],
            });
        }
        if (MessageTooLong(body.Message) is { } tooLong) return tooLong;
        var view = await cluster.GetGrain<IOrderGrain>(reference).ChangeStatus(status, body.Message, user.Account());
        return TypedResults.Ok(OrderResponse.For(view, user));
    }

    private static async Task<IResult> Ship(string reference, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!OrderReference.IsWellFormed(reference)) return NotFound(reference);
        var (body, problem) = await JsonBody.Read<ShipOrderRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var errors = ShipmentCheck.Problems(body!);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var view = await cluster.GetGrain<IOrderGrain>(reference).Ship(body!, user.Account());
        return TypedResults.Ok(OrderResponse.For(view, user));
    }

    private static async Task<IResult> AttachSlicedFile(string reference, int index, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!OrderReference.IsWellFormed(reference)) return NotFound(reference);
        var (body, problem) = await JsonBody.Read<SlicedFileRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.DesignId is null) errors["designId"] = ["The designId of the sliced design is required: upload the sliced file to the order's account with POST /api/designs first."];
        if (body.Plate is < 1) errors["plate"] = ["Plates are numbered from 1."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The sliced file is not valid");
        var view = await cluster.GetGrain<IOrderGrain>(reference).AttachSlicedFile(index, body.DesignId!.Value, body.Plate, body.AnyPrinterModel, user.Account());
        return TypedResults.Ok(OrderResponse.For(view, user));
    }

    private static async Task<IResult> Cancel(string reference, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry,
        IAuthorizationService access, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await Visible(reference, user, cluster, retry, access) is null) return NotFound(reference);
        var (message, problem) = await OptionalMessage(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var view = await cluster.GetGrain<IOrderGrain>(reference).ChangeStatus(OrderStatus.Cancelled, message, user.IsStaff() ? user.Account() : null);
        return TypedResults.Ok(OrderResponse.For(view, user));
    }

    private static async Task<IResult> CancelItem(string reference, int index, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry,
        IAuthorizationService access, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await Visible(reference, user, cluster, retry, access) is null) return NotFound(reference);
        var (message, problem) = await OptionalMessage(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var view = await cluster.GetGrain<IOrderGrain>(reference).CancelItem(index, message, user.IsStaff() ? user.Account() : null);
        return TypedResults.Ok(OrderResponse.For(view, user));
    }

    /// <summary>
    /// The stream starts with the order as it is now (unless the client's Last-Event-ID says it
    /// has that version already), then every change. Each event is the whole order, so a client
    /// that reconnects after missing some changes is up to date with the first event it gets.
    /// </summary>
    private static async Task<IResult> Events(string reference, HttpRequest request, IClusterClient cluster, OrderFeed feed, EventStreamGate gate,
        IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        if (!OrderReference.IsWellFormed(reference)) return NotFound(reference);
        // Counted before anything is asked of the cluster, and refused before any byte of the stream.
        var (lease, refusal) = gate.TryOpen(request.HttpContext);
        if (refusal is not null) return refusal;
        using var held = lease;
        if (await Find(reference, cluster) is null) return NotFound(reference);
        var lastSeen = long.TryParse(request.Headers["Last-Event-ID"], out var id) ? id : -1;
        // Streams end when the gateway stops, so a shutdown does not wait on open browsers; their
        // EventSource reconnects (to this gateway restarted, or another) with Last-Event-ID.
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, lifetime.ApplicationStopping);

        // Headers go out at once: a client resuming at the current version has nothing to read
        // yet, and must still see the stream open rather than wait for the next change.
        var response = request.HttpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // tell reverse proxies not to buffer the stream
        await response.Body.FlushAsync(ends.Token);
        try
        {
            await SseFormatter.WriteAsync(Stream(reference, lastSeen, feed, json.Value.SerializerOptions, ends.Token), response.Body, ends.Token);
        }
        catch (OperationCanceledException)
        {
            // The client left, or the gateway is stopping: the stream simply ends.
        }
        return Results.Empty;
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(
        string reference, long lastSeen, OrderFeed feed, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var view in feed.Follow(reference, cancellationToken))
        {
            if (view.Version <= lastSeen) continue;
            lastSeen = view.Version;
            var data = JsonSerializer.Serialize(OrderResponse.ForPublic(view), options);
            yield return new SseItem<string>(data, "order") { EventId = view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    /// <summary>
    /// No body at all means no message. A body must be JSON like any other: its problem is the
    /// answer (a form posted across sites must not cancel anything with its 415 dropped).
    /// </summary>
    private static async Task<(string? Message, IResult? Problem)> OptionalMessage(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody && request.ContentType is null) return (null, null);
        if (!hasBody && JsonBody.IsJson(request.ContentType)) return (null, null);
        var (body, problem) = await JsonBody.Read<OperatorMessage>(request, options, cancellationToken);
        if (problem is not null) return (null, problem);
        return MessageTooLong(body!.Message) is { } tooLong ? (null, tooLong) : (body.Message, null);
    }

    private static IResult? MessageTooLong(string? message) =>
        ShipmentCheck.MessageProblem(message) is { } problem
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["message"] = [problem] })
            : null;

    private static async Task<OrderView?> Find(string reference, IClusterClient cluster) =>
        OrderReference.IsWellFormed(reference) ? await cluster.GetGrain<IOrderGrain>(reference).Get() : null;

    internal static ProblemHttpResult NotFound(string reference) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such order",
            detail: $"There is no order with reference '{reference}'. Check the reference in your confirmation email.");
}
