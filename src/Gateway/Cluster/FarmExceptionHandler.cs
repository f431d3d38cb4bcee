using Orleans.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// Turns what the cluster throws into problem details a client can act on. An order the farm
/// cannot store gets 503, never a 201 it cannot keep.
/// </summary>
public sealed class FarmExceptionHandler(IProblemDetailsService problems, Microsoft.Extensions.Options.IOptions<GatewayOptions> options, ILogger<FarmExceptionHandler> logger) : IExceptionHandler
{
    private static bool IsDatabaseFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException or PrintFarm.Storage.StorageUnavailableException) return true;
        }
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Security.BlankErrors>() is not null)
        {
            // An API that promises its clients a bare status (the Sculpteo order API) gets one.
            var bare = exception switch { InvalidOrderException => 400, OrderTransitionException => 409, _ => Describe(exception).Status };
            if (bare >= 500 && !IsBusy(exception)) logger.LogError(exception, "Request {Method} {Path} failed with {Status}", context.Request.Method, context.Request.Path, bare);
            context.Response.StatusCode = bare;
            if (bare == 503) context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        if (exception is OrderTransitionException refused)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = 409, Title = "That move is not allowed", Detail = refused.Message,
                    Extensions = { ["current"] = refused.Current.ToString(), ["allowed"] = refused.Allowed.Select(s => s.ToString()).ToArray() },
                },
            });
        }
        if (exception is InvalidOrderException invalid)
        {
            // What only the silo can check (a design's file): field by field, like the gateway's own checks.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(invalid.Errors) { Status = 400, Title = "The order is not valid" },
            });
        }
        var (status, title, detail) = Describe(exception);
        // A farm that turns orders away while its database catches up is working as meant: one
        // error line per refused order would bury the log when it matters most.
        if (status >= 500 && !IsBusy(exception)) logger.LogError(exception, "Request {Method} {Path} failed with {Status}", context.Request.Method, context.Request.Path, status);
        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsBusy(Exception exception) => exception is PrintFarm.Storage.FarmBusyException;

    private static (int Status, string Title, string Detail) Describe(Exception exception) => exception switch
    {
        PrintFarm.Storage.FarmBusyException e => (503, "The farm is busy", e.Message),
        _ when IsDatabaseFailure(exception) => (503, "The farm is not reachable right now",
            "The farm cannot store anything at the moment, so the request was not carried out. Try again in a moment."),
        InvalidOrderException e => (400, "The order is not valid", e.Message),
        PrintFarm.Maintenance.InvalidMaintenanceWindowException e => (400, "The maintenance window is not valid", e.Message),
        OrderNotFoundException e => (404, "No such order", e.Message),
        MessageRefusedException e => (400, "The message is not valid", e.Message),
        PrintFarm.Designs.DesignRefusedException { TooLarge: true } e => (413, "The file is too large", e.Message),
        PrintFarm.Designs.DesignRefusedException e => (400, "The farm cannot take this file", e.Message),
        PrintFarm.Designs.DesignNotFoundException e => (404, "No such design", e.Message),
        PrintFarm.Designs.DesignInUseException e => (409, "The design is in use", e.Message),
        PrintFarm.Jobs.JobCommandException e => (409, "That step is not where this job stands", e.Message),
        PrintFarm.Printers.PrinterCommandException e => (409, "The printer cannot do that now", e.Message),
        DuplicateOrderException e => (409, "Order already exists", e.Message),
        IdempotencyKeyReusedException e => (422, "Idempotency-Key already used for another order", e.Message),
        PrintFarm.Accounts.AccountExistsException e => (409, "That login is taken", e.Message),
        PrintFarm.Accounts.InvalidAccountException e => (400, "The account or key is not valid", e.Message),
        PrintFarm.Printers.Registry.PrinterRegistrationConflictException e => (409, "That printer clashes with one already registered", e.Message),
        PrintFarm.Printers.Registry.InvalidPrinterRegistrationException e => (400, "The printer registration is not valid", e.Message),
        // A call with no answer may have been carried out in a silo that died before it
        // could say so: the customer must not be told it was not.
        TimeoutException => (503, "The farm did not answer in time",
            "The request may or may not have been carried out. Send it again: an order sent again with the same Idempotency-Key is placed once."),
        SiloUnavailableException or OrleansMessageRejectionException
            or OrleansException => (503, "The farm is not reachable right now",
                "The request was not carried out. Try again in a moment."),
        _ => (500, "Something went wrong", "The request failed on our side; it has been logged."),
    };
}
