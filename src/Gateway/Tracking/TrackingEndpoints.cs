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
        // The thread's files: public like the page, by the same reference.
        app.MapGet("/tracking/{reference}/messages/{number:int}/attachments/{index:int}", MessageAttachment)
            .AllowAnonymous()
            .ExcludeFromDescription();
        // A reply from the page, proved by the reply key of the order's emails (not a sign-in).
        app.MapPost("/tracking/{reference}/messages", Reply)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(Security.TakesMultipartUpload.Instance)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> MessageAttachment(string reference, int number, int index, IClusterClient cluster, Cluster.FirstHopRetry retry)
    {
        if (!OrderReference.IsWellFormed(reference)) return Results.NotFound();
        var view = await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).Get());
        return view is null ? Results.NotFound() : await OrderMessagesApi.Download(view, number, index, cluster, retry);
    }

    private static async Task<IResult> Reply(string reference, HttpRequest request, IClusterClient cluster, Cluster.FirstHopRetry retry, CancellationToken cancellationToken)
    {
        if (!OrderReference.IsWellFormed(reference) || !request.HasFormContentType) return Results.NotFound();
        var grain = cluster.GetGrain<IOrderGrain>(reference);
        var (text, files, problem) = await OrderMessagesApi.ReadForm(request, cluster, retry, cancellationToken);
        var key = request.Form["reply"].ToString();
        if (key.Length == 0 || !await retry.Run(() => grain.TakesReplyKey(key))) return Results.NotFound();
        string? error = problem?.ProblemDetails.Detail;
        if (error is null)
        {
            try
            {
                await grain.PostMessage(MessageAuthor.Customer, text ?? "", files, by: null, replyKey: key);
                // Post, redirect, get: a reload does not send the message twice.
                return Results.Redirect($"/tracking/{reference}?reply={Uri.EscapeDataString(key)}&posted=1#messages", permanent: false, preserveMethod: false);
            }
            catch (MessageRefusedException e)
            {
                error = e.Message;
            }
        }
        var view = await retry.Run(() => grain.Get());
        if (view is null) return Results.NotFound();
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<OrderPage>(new { Order = OrderResponse.ForPublic(view), ReplyKey = key, ReplyError = error }) { StatusCode = StatusCodes.Status400BadRequest };
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
    private static async Task<IResult> Show(string reference, string? fragment, string? reply, string? posted, IClusterClient cluster, Cluster.FirstHopRetry retry, HttpContext http, ILogger<OrderPage> logger)
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
        if (fragment is "1" or "true") return new RazorComponentResult<OrderSection>(new { Order = order });
        // The reply form only for the order's own key: a wrong one shows the page without it.
        var replyKey = reply is { Length: > 0 and <= 64 } && await retry.Run(() => cluster.GetGrain<IOrderGrain>(reference).TakesReplyKey(reply)) ? reply : null;
        return new RazorComponentResult<OrderPage>(new { Order = order, ReplyKey = replyKey, Posted = replyKey is not null && posted == "1" });
    }
}
