using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPost("/", Place)
            .WithSummary("Place an order")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<OrderResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        orders.MapGet("/{reference}", Get)
            .WithSummary("An order's stage, items, problems and timeline");
        return app;
    }

    /// <summary>
    /// The body is read by hand so that malformed JSON, or a value of the wrong type, gets a
    /// problem naming the field instead of a bare 400.
    /// </summary>
    private static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> Place(
        HttpRequest request, IClusterClient cluster, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the order as JSON", detail: "Use the header Content-Type: application/json.");
        }
        PlaceOrderRequest? order;
        try
        {
            order = await JsonSerializer.DeserializeAsync<PlaceOrderRequest>(request.Body, json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [JsonProblem.Describe(ex)] },
                title: "The order could not be read");
        }

        var errors = OrderRequestValidator.Validate(order);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), title: "The order is not valid");
        }

        var reference = OrderReference.New();
        var view = await cluster.GetGrain<IOrderGrain>(reference).Place(order!);
        var response = OrderResponse.From(view);
        return TypedResults.Created($"/api/orders/{reference}", response);
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(string reference, IClusterClient cluster)
    {
        var view = OrderReference.IsWellFormed(reference)
            ? await cluster.GetGrain<IOrderGrain>(reference).Get()
            : null;
        return view is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such order",
                detail: $"There is no order with reference '{reference}'. Check the reference in your confirmation email.")
            : TypedResults.Ok(OrderResponse.From(view));
    }
}
