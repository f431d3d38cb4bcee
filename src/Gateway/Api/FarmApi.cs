using Microsoft.AspNetCore.Http.HttpResults;
using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>What operators ask of the farm: printers, jobs, the queue, the whole farm at a glance.</summary>
public static class FarmApi
{
    public static IEndpointRouteBuilder MapFarmApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/printers", ListPrinters).WithTags("Printers").WithSummary("Every printer with its connectivity, activity and current job");
        app.MapGet("/api/printers/{printerId}", PrintersApi.Details).WithTags("Printers")
            .WithSummary("One printer, with its registration and connection (link) when registered");
        app.MapGet("/api/jobs", ListJobs).WithTags("Jobs").WithSummary("Open and recently finished print jobs, newest first");
        app.MapGet("/api/jobs/{jobId}", GetJob).WithTags("Jobs").WithSummary("One print job");
        app.MapPost("/api/jobs/{jobId}/post-processing", CompletePostProcessing).WithTags("Jobs")
            .WithSummary("Operator: post-processing of this part is done; on to quality check");
        app.MapPost("/api/jobs/{jobId}/qc", QualityCheck).WithTags("Jobs")
            .WithSummary("Operator: quality check verdict {pass, reason}; a failed part is printed again")
            .Accepts<QualityCheckRequest>("application/json");
        app.MapGet("/api/queue", GetQueue).WithTags("Jobs").WithSummary("Jobs waiting for a printer, in the order they will be served");
        app.MapGet("/api/farm", GetFarm).WithTags("Farm").WithSummary("Counts by state, queue depth and utilization");
        return app;
    }

    private static async Task<Ok<List<PrinterSummary>>> ListPrinters(IClusterClient cluster, Connectivity? connectivity, PrinterActivity? activity)
    {
        var printers = await cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).List();
        return TypedResults.Ok(printers
            .Where(p => connectivity is null || p.Connectivity == connectivity)
            .Where(p => activity is null || p.Activity == activity)
            .ToList());
    }

    private static async Task<Results<Ok<List<JobSnapshot>>, ValidationProblem>> ListJobs(IClusterClient cluster, JobStatus? status, int? take)
    {
        if (take is < 1 or > 10_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = ["take must be between 1 and 10000."] });
        }
        return TypedResults.Ok(await cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).List(status, take ?? 500));
    }

    private static async Task<Results<Ok<JobSnapshot>, ProblemHttpResult>> GetJob(string jobId, IClusterClient cluster)
    {
        var job = PrinterId.IsValid(jobId) ? await cluster.GetGrain<IPrintJobGrain>(jobId).Get() : null;
        return job is null
            ? TypedResults.Problem(statusCode: 404, title: "No such job", detail: $"There is no print job '{jobId}'.")
            : TypedResults.Ok(job);
    }

    private static async Task<IResult> CompletePostProcessing(string jobId, IClusterClient cluster)
    {
        if (!PrinterId.IsValid(jobId) || await cluster.GetGrain<IPrintJobGrain>(jobId).Get() is null) return JobNotFound(jobId);
        return TypedResults.Ok(await cluster.GetGrain<IPrintJobGrain>(jobId).CompletePostProcessing());
    }

    private static async Task<IResult> QualityCheck(string jobId, HttpRequest request, IClusterClient cluster,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!PrinterId.IsValid(jobId) || await cluster.GetGrain<IPrintJobGrain>(jobId).Get() is null) return JobNotFound(jobId);
        var (body, problem) = await JsonBody.Read<QualityCheckRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        if (body!.Pass is not { } pass)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pass"] = ["Say whether the part passed: \"pass\": true or false."] });
        }
        if (!pass && string.IsNullOrWhiteSpace(body.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the part failed; the customer sees it beside the item."] });
        }
        return TypedResults.Ok(await cluster.GetGrain<IPrintJobGrain>(jobId).QualityCheck(pass, body.Reason));
    }

    private static ProblemHttpResult JobNotFound(string jobId) =>
        TypedResults.Problem(statusCode: 404, title: "No such job", detail: $"There is no print job '{jobId}'.");

    private static async Task<Ok<QueueView>> GetQueue(IClusterClient cluster, int? take) =>
        TypedResults.Ok(await cluster.GetGrain<IDispatcherGrain>(IDispatcherGrain.FarmPool).GetQueue(Math.Clamp(take ?? 100, 0, 1000)));

    private static async Task<Ok<FarmOverview>> GetFarm(IClusterClient cluster, TimeProvider clock)
    {
        var printers = cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).List();
        var jobs = cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Counts();
        var queue = cluster.GetGrain<IDispatcherGrain>(IDispatcherGrain.FarmPool).GetQueue(0);
        var late = cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).LateOrders();
        var maintenance = cluster.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).Views();
        await Task.WhenAll(printers, jobs, queue, late, maintenance);
        return TypedResults.Ok(FarmOverview.From(printers.Result, jobs.Result, queue.Result.Depth, clock.GetUtcNow()) with
        {
            LateOrders = late.Result,
            Maintenance = maintenance.Result,
        });
    }
}
