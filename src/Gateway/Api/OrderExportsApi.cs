using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// Orders as CSV downloads (<see cref="OrderCsv"/>), one row per item: one order for its customer
/// or staff, like <c>GET /api/orders/{reference}</c>; many orders for staff, paged through the
/// cluster as the order list pages and streamed to the client as they come.
/// </summary>
public static class OrderExportsApi
{
    private const int PageSize = OrderPage.MaxTake;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static IEndpointRouteBuilder MapOrderExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/orders").WithTags("Orders");
        exports.MapGet("/export.csv", ExportMany)
            .RequireAuthorization(AccessPolicies.Viewer)
            .WithName("ExportOrders")
            .WithSummary("Staff: orders as CSV, one row per item, newest first (filters: status, from, to on placement time, customer)")
            .WithDescription("Without customer=, the open orders (those on the order board, as GET /api/orders lists them); with customer=, every order of that customer, closed ones too. "
                + "from (inclusive) and to (exclusive; a date alone means the end of that day) are ISO 8601, e.g. 2026-05-01 or 2026-05-01T08:00:00Z; without an offset, UTC. "
                + "Streamed: a failure half way ends the download unfinished rather than short. Cells that a spreadsheet would run as a formula start with an apostrophe.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        exports.MapGet("/{reference}/export.csv", ExportOne)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithName("ExportOrder")
            .WithSummary("One order as CSV, one row per item: for its customer or staff")
            .WithDescription("The columns of GET /api/orders/export.csv. Another customer's order answers 404, as no order at all does.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ExportOne(string reference, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry, IAuthorizationService access)
    {
        var view = OrderReference.IsWellFormed(reference) ? await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).Get()) : null;
        if (view is null || !(await access.AuthorizeAsync(user, view, AccessPolicies.OrderAccess)).Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such order",
                detail: $"There is no order with reference '{reference}'. Check the reference in your confirmation email.");
        }
        return new CsvDownload($"order-{view.Reference}.csv", async (csv, cancellationToken) => await csv.Write(view, user.IsStaff(), cancellationToken));
    }

    private static async Task<IResult> ExportMany(ClaimsPrincipal user, IClusterClient cluster, IOptions<GatewayOptions> options, TimeProvider clock,
        [Description("One of the order statuses (Received, InReview, Queued, Printing, ..., OnHold); Delivered and Cancelled only with customer=")] string? status,
        [Description("Placed at or after: ISO 8601, e.g. 2026-05-01 or 2026-05-01T08:00:00Z")] string? from,
        [Description("Placed before: ISO 8601; a date alone takes in that whole day")] string? to,
        [Description("A customer's login: that customer's orders, closed ones too")] string? customer,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var wanted = ParseStatus(status, customer, errors);
        var since = ParseTime("from", from, endOfDay: false, errors);
        var until = ParseTime("to", to, endOfDay: true, errors);
        if (since is not null && until is not null && until <= since) errors["to"] = ["to must be later than from."];
        if (customer is not null && string.IsNullOrWhiteSpace(customer)) errors["customer"] = ["customer, when given, is an account's login."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The export's parameters are not valid");

        var orders = Orders(cluster, options.Value, wanted, since, until, customer is null ? null : AccountNames.Normalize(customer), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        // The first page is fetched before anything is sent: a cluster that cannot answer is a
        // 503 problem here, not a download that stops after its header.
        bool any;
        try
        {
            any = await orders.MoveNextAsync();
        }
        catch
        {
            await orders.DisposeAsync();
            throw;
        }
        var name = $"orders-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.csv";
        return new CsvDownload(name, async (csv, ct) =>
        {
            await using var _ = orders;
            for (var more = any; more; more = await orders.MoveNextAsync()) await csv.Write(orders.Current, staff: true, ct);
        });
    }

    /// <summary>
    /// The matching orders, newest first, a page of <see cref="PageSize"/> references at a time:
    /// from the order board (open orders) or the customer's own list. An order that moves between
    /// pages while they are read is written once.
    /// </summary>
    private static async IAsyncEnumerable<OrderView> Orders(IClusterClient cluster, GatewayOptions options, OrderStatus? status,
        DateTimeOffset? since, DateTimeOffset? until, string? customer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var skip = 0; ; skip += PageSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = customer is null
                ? await cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Page(status, null, skip, PageSize).Within(options)
                : await cluster.GetGrain<ICustomerOrdersGrain>(customer).Page(skip, PageSize);
            var views = (await Task.WhenAll(page.References.Select(r => cluster.GetGrain<IOrderGrain>(r).Get()))).OfType<OrderView>().ToList();
            foreach (var view in views)
            {
                if (!seen.Add(view.Reference)) continue;
                if (status is not null && view.Status != status) continue;
                if (since is not null && view.PlacedAt < since) continue;
                if (until is not null && view.PlacedAt >= until) continue;
                yield return view;
            }
            if (page.References.Count < PageSize) yield break;
            // Newest first: once a page reaches before 'from', the pages after it are older still.
            if (since is not null && views.Count > 0 && views.Min(v => v.PlacedAt) < since) yield break;
        }
    }

    private static OrderStatus? ParseStatus(string? text, string? customer, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (text.Length == 0 || char.IsDigit(text[0]) || text[0] == '-' || !Enum.TryParse<OrderStatus>(text, ignoreCase: true, out var status) || !Enum.IsDefined(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."];
            return null;
        }
        if (customer is null && status is OrderStatus.Delivered or OrderStatus.Cancelled or OrderStatus.Test)
        {
            errors["status"] = [$"{status} orders are closed: the open orders that the export covers without customer= never have it. Add customer= for a customer's closed orders."];
            return null;
        }
        return status;
    }

    /// <summary>ISO 8601: a date (midnight UTC, or the end of that day for <c>to</c>), or a date and time, with an offset or in UTC.</summary>
    private static DateTimeOffset? ParseTime(string name, string? text, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            errors[name] = [$"{name} must be an ISO 8601 date or date and time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z."];
            return null;
        }
        return endOfDay && text.Length == "yyyy-MM-dd".Length ? time.AddDays(1) : time;
    }

    /// <summary>
    /// A CSV attachment written as it is produced. Not to be cached anywhere: it holds customers'
    /// names. A failure after the first bytes ends the response unfinished (the exception reaches
    /// the server, which aborts it), so no client takes a cut file for a whole one.
    /// </summary>
    private sealed class CsvDownload(string fileName, Func<OrderCsv, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var cancellationToken = httpContext.RequestAborted;
            response.ContentType = OrderCsv.ContentType;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            response.Headers.CacheControl = "no-store";
            await using var csv = OrderCsv.Start(response.Body);
            await write(csv, cancellationToken);
            await csv.FlushAsync(cancellationToken);
        }
    }
}
