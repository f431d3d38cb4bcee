using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Maintenance;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>Operators' maintenance windows: one per printer through the API, more in configuration.</summary>
public static class MaintenanceApi
{
    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/maintenance", ListWindows).RequireAuthorization(AccessPolicies.Viewer).WithTags("Printers")
            .WithSummary("Every maintenance window (configured and per printer) with its current or next occurrence");
        app.MapPut("/api/printers/{printerId}/maintenance", SetWindow).RequireAuthorization(AccessPolicies.Operator).WithTags("Printers")
            .WithSummary("Operator: set the printer's own maintenance window {cron, duration, name, timeZone}; 400 on a bad cron")
            .Accepts<MaintenanceRequest>("application/json");
        app.MapDelete("/api/printers/{printerId}/maintenance", RemoveWindow).RequireAuthorization(AccessPolicies.Operator).WithTags("Printers")
            .WithSummary("Operator: remove the printer's own maintenance window");
        return app;
    }

    private static async Task<Ok<List<MaintenanceWindowView>>> ListWindows(IClusterClient cluster, IOptions<GatewayOptions> options) =>
        TypedResults.Ok(await cluster.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).Views().Within(options.Value));

    private static async Task<IResult> SetWindow(string printerId, HttpRequest request, IClusterClient cluster,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (await KnownPrinter(printerId, cluster, options.Value) is not { } printer) return NoSuchPrinter(printerId);
        var (body, problem) = await JsonBody.Read<MaintenanceRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        try
        {
            return TypedResults.Ok(await Keep(cluster, printer, body!, options.Value));
        }
        catch (InvalidMaintenanceWindowException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "The maintenance window is not valid");
        }
    }

    private static async Task<IResult> RemoveWindow(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (await KnownPrinter(printerId, cluster, options.Value) is not { } printer) return NoSuchPrinter(printerId);
        if (!await Remove(cluster, printer, options.Value))
        {
            return TypedResults.Problem(statusCode: 404, title: "No maintenance window", detail: $"Printer '{printerId}' has no maintenance window of its own.");
        }
        return TypedResults.NoContent();
    }

    /// <summary>The dispatchers of the printer's pools fetch the windows again: only they plan this printer.</summary>
    /// <summary>
    /// Keeps a printer's own window, in force (its pools reloaded) when this returns: the API's
    /// and the console's one way to do it. A window the farm cannot keep throws
    /// <see cref="InvalidMaintenanceWindowException"/> with the fields at fault.
    /// </summary>
    internal static async Task<MaintenanceWindowView> Keep(IClusterClient cluster, PrinterSummary printer, MaintenanceRequest body, GatewayOptions options)
    {
        var tooLong = new Dictionary<string, string[]>();
        if (PrintFarm.Orders.TextLimits.TooLong(body.Name, PrintFarm.Orders.TextLimits.Name, "The name") is { } name) tooLong["name"] = [name];
        if (PrintFarm.Orders.TextLimits.TooLong(body.Cron, 200, "The cron expression") is { } cron) tooLong["cron"] = [cron];
        if (PrintFarm.Orders.TextLimits.TooLong(body.TimeZone, 100, "The time zone") is { } zone) tooLong["timeZone"] = [zone];
        if (tooLong.Count > 0) throw new InvalidMaintenanceWindowException(tooLong);
        var spec = new MaintenanceWindowSpec
        {
            Name = body.Name ?? $"maintenance of {printer.PrinterId}",
            Printers = [printer.PrinterId],
            Cron = body.Cron,
            Duration = body.Duration ?? TimeSpan.Zero,
            TimeZone = body.TimeZone,
        };
        var kept = await cluster.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).SetPrinterWindow(printer.PrinterId, spec).Within(options);
        await Reload(cluster, printer);
        return kept;
    }

    /// <summary>Removes a printer's own window and puts that in force; false when it had none.</summary>
    internal static async Task<bool> Remove(IClusterClient cluster, PrinterSummary printer, GatewayOptions options)
    {
        if (!await cluster.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).RemovePrinterWindow(printer.PrinterId).Within(options)) return false;
        await Reload(cluster, printer);
        return true;
    }

    private static Task Reload(IClusterClient cluster, PrinterSummary printer) =>
        Task.WhenAll(PoolKey.Of(printer.Technology ?? "FDM", printer.Materials)
            .Select(pool => cluster.GetGrain<IDispatcherGrain>(pool.Key).ReloadMaintenance()));

    private static async Task<PrinterSummary?> KnownPrinter(string printerId, IClusterClient cluster, GatewayOptions options) =>
        await KnownIds.Printer(cluster, printerId, options) ? await cluster.GetGrain<IPrinterGrain>(printerId).Get() : null;

    private static IResult NoSuchPrinter(string printerId) =>
        TypedResults.Problem(statusCode: 404, title: "No such printer", detail: $"The farm has never heard from a printer '{printerId}'.");
}
