using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using PrintFarm.Gateway.Api;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Tracking;

/// <summary>
/// The customer's tracking page, GET /tracking/{reference}: server-rendered Razor components
/// (static SSR, so it works with JavaScript off), kept live by tracking.js over the order's
/// server-sent events.
/// </summary>
public static class TrackingEndpoints
{
    /// <summary>The page's stylesheet and script, embedded in the gateway so every host serves them.</summary>
    public const string AssetsPath = "/tracking/assets";

    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services;
    }

    public static WebApplication MapTracking(this WebApplication app)
    {
        // Embedded rather than wwwroot: the gateway runs from its build output (./farm demo) and
        // inside the tests, where a wwwroot folder is not beside the binary.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(TrackingEndpoints).Assembly, "PrintFarm.Gateway.Tracking.Assets"),
            RequestPath = AssetsPath,
        });
        // Public by design: the unguessable reference is the customer's key to this page.
        app.MapGet("/tracking/{reference}", Show)
            .AllowAnonymous()
            .WithName("TrackingPage")
            .ExcludeFromDescription();
        // The page's item pictures: public like the page, by the same reference.
        app.MapGet("/tracking/{reference}/items/{index:int}/thumbnail", Thumbnail)
            .AllowAnonymous()
            .WithName("TrackingThumbnail")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Thumbnail(string reference, int index, IClusterClient cluster, Cluster.FirstHopRetry retry, HttpContext http)
    {
        if (!OrderReference.IsWellFormed(reference)) return Results.NotFound();
        var view = await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).Get());
        if (view?.Items.ElementAtOrDefault(index) is not { ThumbnailSha256: { } sha } item) return Results.NotFound();
        var bytes = await retry.Run(() => cluster.GetGrain<PrintFarm.Designs.IDesignFilesGrain>(0).Read(sha, 0, Api.DesignsApi.Piece));
        if (bytes is null) return Results.NotFound();
        // Content-addressed: the same address is the same picture for good.
        http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
        return Results.File(bytes, item.ThumbnailType ?? "image/png");
    }

    /// <summary>
    /// The whole page, or with ?fragment=1 only the order's section (what tracking.js swaps in).
    /// A reference typed in lower case is sent to its canonical address.
    /// </summary>
    private static async Task<IResult> Show(string reference, string? fragment, IClusterClient cluster, Cluster.FirstHopRetry retry, HttpContext http, ILogger<OrderPage> logger)
    {
        var headers = http.Response.Headers;
        // An order changes by the minute, and the address is private. The security headers
        // (CSP without inline script, nosniff, no referrer) come from GatewaySecurity, as on every answer.
        headers.CacheControl = "no-store";

        var canonical = reference.Trim().ToUpperInvariant();
        if (canonical != reference && OrderReference.IsWellFormed(canonical))
            return Results.Redirect($"/tracking/{canonical}", permanent: true);

        OrderView? view = null;
        if (OrderReference.IsWellFormed(reference))
        {
            try
            {
                view = await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).Get());
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                logger.LogWarning(ex, "Tracking page for {Reference}: the cluster did not answer", reference);
                headers.RetryAfter = "5";
                return new RazorComponentResult<FarmUnavailablePage> { StatusCode = StatusCodes.Status503ServiceUnavailable };
            }
        }
        if (view is null)
        {
            return new RazorComponentResult<OrderNotFoundPage>(new { Reference = reference }) { StatusCode = StatusCodes.Status404NotFound };
        }

        var order = OrderResponse.ForPublic(view);
        return fragment is "1" or "true"
            ? new RazorComponentResult<OrderSection>(new { Order = order })
            : new RazorComponentResult<OrderPage>(new { Order = order });
    }
}
