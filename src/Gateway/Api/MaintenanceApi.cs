using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Maintenance;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>Operators' maintenance windows: one per printer through the API, more in configuration.</summary>
public static class MaintenanceApi
{
    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/maintenance", ListWindows).WithTags("Printers")
            .WithSummary("Every maintenance window (configured and per printer) with its current or next occurrence");
        app.MapPut("/api/printers/{printerId}/maintenance", SetWindow).WithTags("Printers")
            .WithSummary("Operator: set the printer's own maintenance window {cron, duration, name, timeZone}; 400 on a bad cron")
            .Accepts<MaintenanceRequest>("application/json");
        app.MapDelete("/api/printers/{printerId}/maintenance", RemoveWindow).WithTags("Printers")
            .WithSummary("Operator: remove the printer's own maintenance window");
        return app;
    }

    /// <summary>The schedule as it stands now, for the fleet view and the farm overview.</summary>
    public static async Task<MaintenanceOutlook> Outlook(IClusterClient cluster, TimeProvider clock, ILogger logger)
    {
        var windows = await cluster.GetGrain<IMaintenanceGrain>(MaintenanceGrain.Key).List();
        return MaintenanceSchedule.From(windows, (w, ex) => logger.LogWarning("Maintenance window '{Name}' left out: {Problem}", w.Name, ex.Message))
            .At(clock.GetUtcNow());
    }

    private static async Task<Ok<List<MaintenanceWindowView>>> ListWindows(IClusterClient cluster, TimeProvider clock, ILogger<MaintenanceWindowView> logger) =>
        TypedResults.Ok(MaintenanceWindowView.All(await Outlook(cluster, clock, logger)));

    private static async Task<IResult> SetWindow(string printerId, HttpRequest request, IClusterClient cluster, TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await KnownPrinter(printerId, cluster) is { } notFound) return notFound;
        var (body, problem) = await JsonBody.Read<MaintenanceRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var spec = new MaintenanceWindowSpec
        {
            Name = body!.Name ?? $"maintenance of {printerId}",
            Printers = [printerId],
            Cron = body.Cron,
            Duration = body.Duration ?? TimeSpan.Zero,
            TimeZone = body.TimeZone,
        };
        MaintenanceWindow window;
        try
        {
            // Checked here for a quick answer; the grain checks again before keeping it.
            window = MaintenanceWindow.Parse(spec);
        }
        catch (InvalidMaintenanceWindowException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "The maintenance window is not valid");
        }
        var kept = MaintenanceWindow.Parse(await cluster.GetGrain<IMaintenanceGrain>(MaintenanceGrain.Key).SetPrinterWindow(printerId, window.Spec));
        await Dispatcher(cluster).ReloadMaintenance(); // in force when the operator gets the answer
        var now = clock.GetUtcNow();
        return TypedResults.Ok(MaintenanceWindowView.Of(kept, kept.Occurrence(now), now));
    }

    private static async Task<IResult> RemoveWindow(string printerId, IClusterClient cluster)
    {
        if (await KnownPrinter(printerId, cluster) is { } notFound) return notFound;
        if (!await cluster.GetGrain<IMaintenanceGrain>(MaintenanceGrain.Key).RemovePrinterWindow(printerId))
        {
            return TypedResults.Problem(statusCode: 404, title: "No maintenance window", detail: $"Printer '{printerId}' has no maintenance window of its own.");
        }
        await Dispatcher(cluster).ReloadMaintenance();
        return TypedResults.NoContent();
    }

    private static IDispatcherGrain Dispatcher(IClusterClient cluster) => cluster.GetGrain<IDispatcherGrain>(DispatcherGrain.FarmPool);

    private static async Task<IResult?> KnownPrinter(string printerId, IClusterClient cluster) =>
        PrinterId.IsValid(printerId) && await cluster.GetGrain<IPrinterGrain>(printerId).Get() is not null
            ? null
            : TypedResults.Problem(statusCode: 404, title: "No such printer", detail: $"The farm has never heard from a printer '{printerId}'.");
}
