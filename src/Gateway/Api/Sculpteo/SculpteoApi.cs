using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PrintFarm.Accounts;
using PrintFarm.Designs;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Security;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api.Sculpteo;

/// <summary>
/// The Sculpteo order API (shared/seeds/002), so a shop front written for it orders from this
/// farm unchanged: a form post with the billed account's login and password, the shipping fields
/// and <c>item[i]=uuid:qty</c>; the answer is the order's reference as plain text (JSON with
/// <c>X-Requested-With: XMLHttpRequest</c>), an error a bare status code. The order is the same as
/// one placed through <c>POST /api/orders</c> under that account.
/// </summary>
public static class SculpteoApi
{
    /// <summary>A form and its invoice PDF; designs are uploaded beforehand.</summary>
    public const string Tag = "Sculpteo order API";

    public const long MaxFormBytes = DesignFilesLimits.MaxInvoiceBytes + 256 * 1024;

    public static IEndpointRouteBuilder MapSculpteoApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/store/3D/order/", Order)
            .AllowAnonymous()
            .WithMetadata(TakesFormPost.Instance, BlankErrors.Instance, FarmRateLimit.SignIn)
            .DisableAntiforgery()
            .WithTags(Tag)
            .WithName("SculpteoOrder")
            .WithSummary("Place an order as Sculpteo's order API takes it: login, password, ship_*, item[i]=uuid:qty[:scale:unit:material], fake, comment, theme, notification_url, ship_invoice (PDF)");
        app.MapGet("/shop/tracking/reference/{reference}", Tracking)
            .AllowAnonymous()
            .WithTags(Tag)
            .WithName("SculpteoTracking")
            .WithSummary("Sculpteo's tracking URL: redirects to the order's tracking page");
        return app;
    }

    private static RedirectHttpResult Tracking(string reference) => TypedResults.Redirect($"/tracking/{Uri.EscapeDataString(reference)}");

    private static async Task<IResult> Order(HttpContext context, IClusterClient cluster, FirstHopRetry retry, IOptions<OrderLimits> limits,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SculpteoApi));
        var request = context.Request;
        if (!request.HasFormContentType) return Results.StatusCode(415);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxFormBytes;
        IFormCollection form;
        try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxFormBytes, ValueCountLimit = 1024 }, cancellationToken); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Results.StatusCode(e is BadHttpRequestException { StatusCode: 413 } ? 413 : 400);
        }

        // The billed account, by its password: wrong and unknown look alike; a locked one says until when.
        var login = AccountNames.Normalize(form["login"].ToString());
        var password = form["password"].ToString();
        if (!AccountNames.IsWellFormed(login) || password.Length is 0 or > 256) return Results.StatusCode(401);
        var outcome = await retry.Run(() => cluster.GetGrain<IAccountGrain>(login).SignIn(password));
        if (outcome.RetryAfterSeconds(clock.GetUtcNow()) is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.StatusCode(429);
        }
        if (outcome.Caller is not { } caller) return Results.StatusCode(401);
        if (!FarmAccess.Orderers.Contains(FarmClaims.RoleName(caller.Role))) return Results.StatusCode(403);
        var account = await retry.Run(() => cluster.GetGrain<IAccountGrain>(login).View());
        if (account is null) return Results.StatusCode(401);

        var fields = form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray());
        var (order, problem) = SculpteoOrderForm.Read(fields, account);
        if (order is null) return Refused(logger, login, problem!);

        if (form.Files.GetFile("ship_invoice") is { } invoice)
        {
            if (invoice.Length > DesignFilesLimits.MaxInvoiceBytes) return Results.StatusCode(413);
            var bytes = new byte[invoice.Length];
            await using (var pdf = invoice.OpenReadStream()) await pdf.ReadExactlyAsync(bytes, cancellationToken);
            if (!bytes.AsSpan().StartsWith("%PDF-"u8)) return Refused(logger, login, "ship_invoice is not a PDF document");
            order = order with { InvoiceSha256 = await retry.RunOnAnyWorker<IDesignFilesGrain, string>(cluster, files => files.Keep(bytes)) };
        }

        var errors = OrderRequestValidator.Validate(order, limits.Value);
        if (errors.Count > 0) return Refused(logger, login, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var view = await retry.RunUnderNewKey(OrderReference.New, reference => cluster.GetGrain<IOrderGrain>(reference).Place(order, caller.Account));
        LogPlaced(logger, view.Reference, login, view.Items.Count, view.Test);
        if (request.Headers["X-Requested-With"] == "XMLHttpRequest")
            return Results.Json(new SculpteoOrderAnswer(view.Reference, $"/shop/tracking/reference/{view.Reference}", StatusVocabulary.Sculpteo(view)));
        return Results.Text(view.Reference, "text/plain; charset=utf-8");
    }

    /// <summary>The client gets the bare 400 it was promised; the operator's log says why.</summary>
    private static IResult Refused(ILogger logger, string login, string problem)
    {
        LogRefused(logger, login, problem);
        return Results.StatusCode(400);
    }

    private static void LogPlaced(ILogger logger, string reference, string login, int items, bool test) =>
        logger.LogInformation("Sculpteo order API: order {Reference} placed for {Account} ({Items} items, test: {Test})", reference, login, items, test);

    private static void LogRefused(ILogger logger, string login, string problem) =>
        logger.LogInformation("Sculpteo order API: order for {Account} refused: {Problem}", login, problem);
}
