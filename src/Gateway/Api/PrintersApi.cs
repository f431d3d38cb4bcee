using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Printers;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>The fleet: every printer, one printer, and registering real printers with their connections. Access codes are never shown.</summary>
public static class PrintersApi
{
    public static IEndpointRouteBuilder MapPrintersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/printers", ListPrinters).RequireAuthorization(AccessPolicies.Viewer).WithTags("Printers").WithSummary("Every printer with its connectivity, activity, current job and maintenance window");
        app.MapGet("/api/printers/{printerId}", Details).RequireAuthorization(AccessPolicies.Viewer).WithTags("Printers")
            .WithSummary("One printer, with its registration and connection (link) when registered");
        app.MapPost("/api/printers", Register).RequireAuthorization(AccessPolicies.Admin).WithTags("Printers")
            .WithSummary("Admin: register a printer {id, name, dialect, model, technology, materials, bambu|octoPrint|moonraker}")
            .Accepts<PrinterRegistration>("application/json")
            .Produces<PrinterRegistrationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        app.MapGet("/api/printers/registrations", List).RequireAuthorization(AccessPolicies.Viewer).WithTags("Printers")
            .WithSummary("Every registered printer with its dialect and connection (access codes shown as \"set\")");
        app.MapDelete("/api/printers/registrations/{printerId}", Delete).RequireAuthorization(AccessPolicies.Admin).WithTags("Printers")
            .WithSummary("Admin: delete a printer's registration and its access code; its link disconnects and the printer goes offline")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // An operator's moves. The Operator policy's printer scope reads {printerId}: a key limited
        // to some printers steers only those.
        app.MapPost("/api/printers/{printerId}/pause", PauseJob).RequireAuthorization(AccessPolicies.Operator).WithTags("Printers")
            .WithSummary("Operator: pause the job the printer is printing; the printer reports Paused once it has")
            .Produces<PrinterSummary>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/printers/{printerId}/resume", ResumeJob).RequireAuthorization(AccessPolicies.Operator).WithTags("Printers")
            .WithSummary("Operator: resume the job the printer has paused")
            .Produces<PrinterSummary>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/printers/{printerId}/cancel", CancelJob).RequireAuthorization(AccessPolicies.Operator).WithTags("Printers")
            .WithSummary("Operator: stop the printer's job; once the printer reports the stop, the part goes back to the queue and is printed again")
            .Produces<PrinterSummary>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/printers/{printerId}/service", SetInService).RequireAuthorization(AccessPolicies.Operator).WithTags("Printers")
            .WithSummary("Operator: take the printer out of service {inService: false, reason} (no new jobs; one printing finishes) or put it back {inService: true}")
            .Accepts<PrinterServiceRequest>("application/json")
            .Produces<PrinterSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Task<IResult> PauseJob(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        Steer(printerId, cluster, options.Value, printer => printer.PauseJob());

    private static Task<IResult> ResumeJob(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        Steer(printerId, cluster, options.Value, printer => printer.ResumeJob());

    private static Task<IResult> CancelJob(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        Steer(printerId, cluster, options.Value, printer => printer.CancelJob());

    private static async Task<IResult> SetInService(string printerId, HttpRequest request, IClusterClient cluster, IOptions<JsonOptions> json, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (!await KnownIds.Printer(cluster, printerId, options.Value)) return NotFound(printerId);
        var (body, problem) = await JsonBody.Read<PrinterServiceRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.InService is null) errors["inService"] = ["Say whether the printer is in service: \"inService\": true or false."];
        if (PrinterServiceReason.Problem(body.Reason) is { } tooLong) errors["reason"] = [tooLong];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The service change is not valid");
        return Answer(printerId, await cluster.GetGrain<IPrinterGrain>(printerId).SetInService(body.InService!.Value, body.Reason));
    }

    /// <summary>A move the printer cannot make now throws PrinterCommandException, which the exception handler answers with 409.</summary>
    private static async Task<IResult> Steer(string printerId, IClusterClient cluster, GatewayOptions options, Func<IPrinterGrain, Task<PrinterSummary?>> move)
    {
        if (!await KnownIds.Printer(cluster, printerId, options)) return NotFound(printerId);
        return Answer(printerId, await move(cluster.GetGrain<IPrinterGrain>(printerId)));
    }

    /// <summary>A registered printer that has never reported has nothing to steer yet.</summary>
    private static IResult Answer(string printerId, PrinterSummary? summary) => summary is not null
        ? TypedResults.Ok(summary)
        : TypedResults.Problem(statusCode: 404, title: "No such printer", detail: $"The farm has not heard from printer '{printerId}' yet: it can be steered once it has reported.");

    private static async Task<Ok<List<PrinterSummary>>> ListPrinters(IClusterClient cluster, IOptions<GatewayOptions> options, Connectivity? connectivity, PrinterActivity? activity)
    {
        var printers = await cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).List().Within(options.Value);
        return TypedResults.Ok(printers
            .Where(p => connectivity is null || p.Connectivity == connectivity)
            .Where(p => activity is null || p.Activity == activity)
            .ToList());
    }

    private static async Task<IResult> Register(HttpRequest request, IClusterClient cluster, IOptions<JsonOptions> json, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.Read<PrinterRegistration>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var (valid, errors) = PrinterRegistrationValidator.Validate(body);
        if (valid is null) return TypedResults.ValidationProblem(errors, title: "The printer registration is not valid");

        var registry = cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key);
        // Registering the same printer again changes nothing, so a 503 here is safe to retry; except
        // that a printer with an access code answers 409 whatever was sent, the same registration
        // included (a 200 for the right code would let anyone try codes): GET it to see it was kept.
        var outcome = await registry.Register(valid, RegistrationSource.Api).Within(options.Value);
        var view = await registry.Get(valid.Id!).Within(options.Value);
        return outcome == RegistrationOutcome.Created
            ? TypedResults.Created($"/api/printers/{valid.Id}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> Delete(string printerId, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (!PrinterId.IsValid(printerId) || !await cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Remove(printerId).Within(options.Value))
            return TypedResults.Problem(statusCode: 404, title: "No such registration", detail: $"No printer is registered under '{printerId}'.");
        return TypedResults.NoContent();
    }

    private static async Task<IResult> List(IClusterClient cluster, IOptions<GatewayOptions> options) =>
        TypedResults.Ok(await cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).List().Within(options.Value));

    /// <summary>One printer: what its telemetry says, plus its registration and link when it has them.</summary>
    private static async Task<IResult> Details(string printerId, IClusterClient cluster, IOptions<JsonOptions> json, IOptions<GatewayOptions> gateway)
    {
        if (!await KnownIds.Printer(cluster, printerId, gateway.Value)) return NotFound(printerId);
        var summary = cluster.GetGrain<IPrinterGrain>(printerId).Get();
        var registration = cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Get(printerId).Within(gateway.Value);
        await Task.WhenAll(summary, registration);
        if (summary.Result is null && registration.Result is null) return NotFound(printerId);

        var options = json.Value.SerializerOptions;
        var node = summary.Result is { } s
            ? JsonSerializer.SerializeToNode(s, options)!.AsObject()
            : JsonSerializer.SerializeToNode(new PrinterSummary { PrinterId = printerId, Connectivity = Connectivity.Offline, Activity = PrinterActivity.Idle }, options)!.AsObject();
        if (registration.Result is { } r)
        {
            node["registration"] = JsonSerializer.SerializeToNode(r, options);
            if (r.Dialect != PrinterDialect.Native)
                node["link"] = JsonSerializer.SerializeToNode(await cluster.GetGrain<IPrinterLinkGrain>(printerId).Status(), options);
        }
        return TypedResults.Json(node, options);
    }

    private static IResult NotFound(string printerId) =>
        TypedResults.Problem(statusCode: 404, title: "No such printer", detail: $"The farm has never heard from a printer '{printerId}', and none is registered under that id.");
}
