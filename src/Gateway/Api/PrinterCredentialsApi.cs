using PrintFarm.Gateway.Access;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Printers.Access;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// Admin: a printer's login on the farm's broker. Creating (or rotating) answers the password
/// once, never again; revoking drops the printer from the broker at once.
/// </summary>
public static class PrinterCredentialsApi
{
    public static IEndpointRouteBuilder MapPrinterCredentialsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/printers/{printerId}/credentials", Issue).RequireAuthorization(AccessPolicies.Admin).WithTags("Printers")
            .WithSummary("Admin: new MQTT credentials for a printer (username = printer id); the password is shown in this answer only. Rotating replaces the old password at once")
            .Produces<IssuedPrinterCredentials>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        app.MapGet("/api/printers/{printerId}/credentials", Get).RequireAuthorization(AccessPolicies.Admin).WithTags("Printers")
            .WithSummary("Admin: whether a printer has MQTT credentials, since when, and whether they were revoked (never the password)");
        app.MapDelete("/api/printers/{printerId}/credentials", Revoke).RequireAuthorization(AccessPolicies.Admin).WithTags("Printers")
            .WithSummary("Admin: revoke a printer's MQTT credentials; it is disconnected and cannot log in again");
        return app;
    }

    private static async Task<IResult> Issue(string printerId, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        IssuedPrinterCredentials issued;
        try
        {
            issued = await cluster.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key).Issue(printerId).Within(options.Value);
        }
        catch (InvalidPrinterCredentialsException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["printerId"] = [ex.Message] }, title: "This printer id cannot have MQTT credentials");
        }
        // A password in a body: no cache anywhere may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/printers/{printerId}/credentials", issued);
    }

    private static async Task<IResult> Get(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        await cluster.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key).Get(printerId).Within(options.Value) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();

    private static async Task<IResult> Revoke(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        await cluster.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key).Revoke(printerId).Within(options.Value)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
}
