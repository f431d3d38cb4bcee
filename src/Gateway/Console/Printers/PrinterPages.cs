using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Live;
using PrintFarm.Gateway.Console.Orders;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Printers;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Gateway.Console.Printers;

/// <summary>
/// One printer's page with its moves (pause, resume, cancel, out of service, its maintenance
/// window) and the registration of new printers: each calls what the API's endpoint calls.
/// </summary>
public static class PrinterPages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder operators, RouteGroupBuilder admins)
    {
        pages.MapGet("/printers/new", NewPrinter);
        admins.MapPost("/printers", Register);
        pages.MapGet("/printers/{printerId}", Page);
        pages.MapGet("/live/printers/{printerId}", Stream);
        var moves = operators.MapGroup("/printers/{printerId}");
        moves.MapPost("/pause", (string printerId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Steer(printerId, form, http, cluster, gateway, async p => { await p.PauseJob(); return $"{printerId} was told to pause."; }));
        moves.MapPost("/resume", (string printerId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Steer(printerId, form, http, cluster, gateway, async p => { await p.ResumeJob(); return $"{printerId} was told to resume."; }));
        moves.MapPost("/cancel", (string printerId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Steer(printerId, form, http, cluster, gateway, async p => { await p.CancelJob(); return $"{printerId} was told to stop its print; the part is printed again."; }));
        moves.MapPost("/service", Service);
        moves.MapPost("/maintenance", SetWindow);
        moves.MapPost("/maintenance/remove", RemoveWindow);
    }

    private static async Task<PrinterDetail?> Load(string printerId, IClusterClient cluster, GatewayOptions gateway)
    {
        if (!await KnownIds.Printer(cluster, printerId, gateway)) return null;
        var summary = cluster.GetGrain<IPrinterGrain>(printerId).Get();
        var registration = cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Get(printerId).Within(gateway);
        var windows = cluster.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).Views().Within(gateway);
        var jobs = cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).List(null, 2000).Within(gateway);
        await Task.WhenAll(summary, registration, windows, jobs);
        if (summary.Result is null && registration.Result is null) return null;
        PrinterLinkStatus? link = registration.Result is { Dialect: not PrinterDialect.Native }
            ? await cluster.GetGrain<IPrinterLinkGrain>(printerId).Status()
            : null;
        // Its own window is the one that names it alone (PUT /api/printers/{id}/maintenance makes those).
        var own = windows.Result.FirstOrDefault(w => w.Printers is [var only] && only == printerId && w.Source is null or "api");
        var ran = jobs.Result.Where(j => j.PrinterId == printerId).OrderByDescending(j => j.StatusSince).Take(50).ToList();
        return new PrinterDetail(printerId, summary.Result, registration.Result, link, own, ran);
    }

    private static async Task<IResult> Page(string printerId, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        var user = ConsolePageContext.For(http);
        if (await Load(printerId, cluster, gateway.Value) is not { } detail)
            return new RazorComponentResult<NotFoundPage>(new { User = user, Words = $"The farm has never heard of a printer {printerId}." }) { StatusCode = 404 };
        return new RazorComponentResult<PrinterPage>(new { User = user, Detail = detail, Problems = ConsolePageContext.Problem(http), Notice = ConsolePageContext.Notice(http) });
    }

    private static Task<IResult> Stream(string printerId, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, IOptions<ConsoleOptions> options, TimeProvider clock)
    {
        var user = ConsolePageContext.For(http);
        return ConsoleStream.Serve(http, (renderer, ct) => OrderPages.Every(clock, options.Value.ViewRefreshEvery, renderer, async () =>
            await Load(printerId, cluster, gateway.Value) is { } detail
                ? await ConsoleStream.Render<PrinterLive>(renderer, new Dictionary<string, object?> { ["Detail"] = detail, ["User"] = user })
                : null, ct));
    }

    private static string Here(string printerId) => $"/console/printers/{Uri.EscapeDataString(printerId)}";

    private static async Task<IResult> Steer(string printerId, MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, Func<IPrinterGrain, Task<string>> move)
    {
        if (!await KnownIds.Printer(cluster, printerId, gateway.Value)) return ConsoleMoves.Refuse(form, "/console/fleet", $"The farm has never heard of a printer {printerId}.");
        return await ConsoleMoves.Run(http, form, Here(printerId), () => move(cluster.GetGrain<IPrinterGrain>(printerId)));
    }

    private static Task<IResult> Service(string printerId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        if (form.InService is not ("true" or "false")) return Task.FromResult(ConsoleMoves.Refuse(form, Here(printerId), "Say whether the printer is in service."));
        if (PrinterServiceReason.Problem(form.Reason) is { } tooLong) return Task.FromResult(ConsoleMoves.Refuse(form, Here(printerId), tooLong));
        var inService = form.InService == "true";
        return Steer(printerId, form, http, cluster, gateway, async p =>
        {
            await p.SetInService(inService, PrinterServiceReason.Normalize(form.Reason));
            return inService ? $"{printerId} is back in service." : $"{printerId} is out of service: it takes no new job.";
        });
    }

    private static async Task<IResult> SetWindow(string printerId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        if (!TimeSpan.TryParseExact(form.Duration?.Trim(), [@"hh\:mm", @"h\:mm", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var duration))
            return ConsoleMoves.Refuse(form, Here(printerId), "Give the window's length as hours:minutes, e.g. 01:30.");
        var printer = await KnownIds.Printer(cluster, printerId, gateway.Value) ? await cluster.GetGrain<IPrinterGrain>(printerId).Get() : null;
        if (printer is null) return ConsoleMoves.Refuse(form, Here(printerId), $"Printer {printerId} has not reported yet.");
        var body = new MaintenanceRequest { Cron = form.Cron?.Trim(), Duration = duration, TimeZone = string.IsNullOrWhiteSpace(form.TimeZone) ? null : form.TimeZone.Trim() };
        return await ConsoleMoves.Run(http, form, Here(printerId), async () =>
        {
            await MaintenanceApi.Keep(cluster, printer, body, gateway.Value);
            return $"{printerId}'s maintenance window is kept.";
        });
    }

    private static async Task<IResult> RemoveWindow(string printerId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        var printer = await KnownIds.Printer(cluster, printerId, gateway.Value) ? await cluster.GetGrain<IPrinterGrain>(printerId).Get() : null;
        if (printer is null) return ConsoleMoves.Refuse(form, Here(printerId), $"Printer {printerId} has not reported yet.");
        return await ConsoleMoves.Run(http, form, Here(printerId), async () =>
            await MaintenanceApi.Remove(cluster, printer, gateway.Value) ? $"{printerId}'s window is removed." : $"{printerId} had no window of its own.");
    }

    private static async Task<RazorComponentResult<RegisterPrinterPage>> NewPrinter(HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
        new(new
        {
            User = ConsolePageContext.For(http),
            Registrations = (IReadOnlyList<PrinterRegistrationView>)await cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).List().Within(gateway.Value),
            Problems = ConsolePageContext.Problem(http),
            Notice = ConsolePageContext.Notice(http),
        });

    private static async Task<IResult> Register([FromForm] RegistrationForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        var (valid, errors) = PrinterRegistrationValidator.Validate(form.ToRegistration());
        if (valid is null)
        {
            // The form again with what was typed (never the secrets) and what is wrong, as the API's 400 says it.
            return new RazorComponentResult<RegisterPrinterPage>(new
            {
                User = ConsolePageContext.For(http),
                Form = form,
                Registrations = (IReadOnlyList<PrinterRegistrationView>)await cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).List().Within(gateway.Value),
                Problems = (IReadOnlyList<string>)[.. errors.SelectMany(e => e.Value)],
            }) { StatusCode = 400 };
        }
        var outcome = await cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Register(valid, RegistrationSource.Api).Within(gateway.Value);
        var words = outcome == RegistrationOutcome.Created ? $"{valid.Id} is registered; its link comes up below." : $"{valid.Id} was registered already; nothing changed.";
        return Results.Redirect($"{Here(valid.Id!)}?notice={Uri.EscapeDataString(words)}");
    }
}
