using System.Security.Claims;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Notifications;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// What leaves the farm: an account's webhook subscriptions and its log of events to catch up
/// from (<c>/api/webhooks</c>, <c>/api/events</c>), and, for operators, each order's deliveries
/// with redelivery (<c>/api/notifications</c>). Staff's subscriptions and log are the shop's: every order's events.
/// </summary>
public static class NotificationsApi
{
    public const int MaxPage = 500;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Notifications");
        webhooks.MapPost("/", Subscribe)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("Subscribe a URL to order events (url, events, secret); signed the Standard Webhooks way. The secret is shown once.")
            .Produces<NewWebhook>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        webhooks.MapGet("/", List)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("The caller's webhook subscriptions (never their secrets)");
        webhooks.MapDelete("/{id}", Unsubscribe)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("End a webhook subscription");
        app.MapGet("/api/events", Events)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithTags("Notifications")
            .WithSummary("The caller's events after ?after={event id}, oldest first (?limit=, at most 500): catch up on what a webhook missed");
        var deliveries = app.MapGroup("/api/notifications").WithTags("Notifications");
        deliveries.MapGet("/", Deliveries)
            .RequireAuthorization(AccessPolicies.Viewer)
            .WithSummary("One order's deliveries (?order=PF-…, ?status=pending|delivered|failed): channel, target, attempts, last error");
        deliveries.MapPost("/{id}/redeliver", Redeliver)
            .RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Send one delivery again, with a fresh day of retries");
        return app;
    }

    /// <summary>Staff share the shop's hub; a customer has its own.</summary>
    private static INotificationHubGrain Hub(IClusterClient cluster, ClaimsPrincipal user) =>
        cluster.GetGrain<INotificationHubGrain>(user.IsStaff() ? INotificationHubGrain.Shop : user.Account()!);

    private static async Task<IResult> Subscribe(HttpRequest request, ClaimsPrincipal user, IClusterClient cluster,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.Read<WebhookSpec>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var secret = body!.Secret ?? WebhookSecret.New();
        try
        {
            var view = await Hub(cluster, user).Subscribe(body with { Secret = secret }).Within(options.Value);
            // The only time the secret is shown: the hub keeps it protected and never gives it back.
            return TypedResults.Created($"/api/webhooks/{view.Id}", new NewWebhook(view.Id, view.Url, view.Events, view.CreatedAt, body.Secret is null ? secret : null));
        }
        catch (InvalidWebhookException e)
        {
            return TypedResults.ValidationProblem(e.Errors, title: "The webhook is not valid");
        }
    }

    private static async Task<IResult> List(ClaimsPrincipal user, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        TypedResults.Ok(await Hub(cluster, user).Webhooks().Within(options.Value));

    private static async Task<IResult> Unsubscribe(string id, ClaimsPrincipal user, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        await Hub(cluster, user).Unsubscribe(id).Within(options.Value)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "No such webhook", detail: $"This account has no webhook '{id}'.");

    private static async Task<IResult> Events(string? after, int? limit, ClaimsPrincipal user, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (limit is < 1 or > MaxPage)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxPage}."] });
        try
        {
            var page = await Hub(cluster, user).Events(after, limit ?? 100).Within(options.Value);
            // Each event exactly as its webhooks were sent it.
            return TypedResults.Ok(new EventList(page.Events.Select(e => System.Text.Json.JsonDocument.Parse(e.Body).RootElement).ToList(), page.More,
                page.Events.Count > 0 ? page.Events[^1].Id : after));
        }
        catch (UnknownEventException e)
        {
            return TypedResults.Problem(statusCode: 404, title: "No such event", detail: e.Message);
        }
    }

    private static async Task<IResult> Deliveries(string? order, string? status, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(order)) errors["order"] = ["Name the order: ?order=PF-…"];
        DeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) wanted = parsed;
            else errors["status"] = ["status is pending, delivered or failed."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await cluster.GetGrain<IOrderDeliveriesGrain>(order!.Trim()).List(wanted).Within(options.Value));
    }

    private static async Task<IResult> Redeliver(string id, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (Receivers.ReferenceOf(id) is not { } reference || await cluster.GetGrain<IOrderDeliveriesGrain>(reference).Redeliver(id).Within(options.Value) is not { } record)
            return TypedResults.Problem(statusCode: 404, title: "No such delivery", detail: $"There is no delivery '{id}'.");
        return TypedResults.Accepted($"/api/notifications?order={Uri.EscapeDataString(reference)}", record);
    }
}
