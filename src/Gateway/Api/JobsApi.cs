using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Jobs;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>Print jobs and the queue, for operators: list, look, finish post-processing, judge quality.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api").WithTags("Jobs");
        jobs.MapGet("/jobs", ListJobs).RequireAuthorization(AccessPolicies.Viewer).WithSummary("Open and recently finished print jobs, newest first");
        jobs.MapGet("/jobs/{jobId}", GetJob).RequireAuthorization(AccessPolicies.Viewer).WithSummary("One print job");
        jobs.MapPost("/jobs/{jobId}/post-processing", CompletePostProcessing).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: post-processing of this part is done; on to quality check");
        jobs.MapPost("/jobs/{jobId}/qc", QualityCheck).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: quality check verdict {pass, reason}; a failed part is printed again")
            .Accepts<QualityCheckRequest>("application/json");
        jobs.MapPost("/jobs/{jobId}/express", ExpediteJob).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: move a queued job to the front of its pool; it is served next")
            .Produces<JobSnapshot>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/jobs/{jobId}/hold", HoldJob).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: hold a queued job; no printer takes it until it is released")
            .Produces<JobSnapshot>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/jobs/{jobId}/release", ReleaseJob).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: release a held job back into the queue")
            .Produces<JobSnapshot>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/jobs/{jobId}/retry", RetryJob).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Operator: give a blocked job (its attempts used up) another attempt; back in the queue")
            .Produces<JobSnapshot>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapGet("/queue", GetQueue).RequireAuthorization(AccessPolicies.Viewer).WithSummary("Jobs waiting for a printer, in the order they will be served, and each pool's depth");
        return app;
    }

    private static async Task<Results<Ok<List<JobSnapshot>>, ValidationProblem>> ListJobs(IClusterClient cluster, IOptions<GatewayOptions> options, JobStatus? status, int? take)
    {
        if (take is < 1 or > 10_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = ["take must be between 1 and 10000."] });
        }
        return TypedResults.Ok(await cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).List(status, take ?? 500).Within(options.Value));
    }

    private static async Task<Results<Ok<JobSnapshot>, ProblemHttpResult>> GetJob(string jobId, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        var job = await KnownIds.Job(cluster, jobId, options.Value) ? await cluster.GetGrain<IPrintJobGrain>(jobId).Get() : null;
        return job is null ? JobNotFound(jobId) : TypedResults.Ok(job);
    }

    private static async Task<IResult> CompletePostProcessing(string jobId, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (!await KnownIds.Job(cluster, jobId, options.Value) || await cluster.GetGrain<IPrintJobGrain>(jobId).Get() is null) return JobNotFound(jobId);
        return TypedResults.Ok(await cluster.GetGrain<IPrintJobGrain>(jobId).CompletePostProcessing());
    }

    private static async Task<IResult> QualityCheck(string jobId, HttpRequest request, IClusterClient cluster, IOptions<JsonOptions> json, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (!await KnownIds.Job(cluster, jobId, options.Value) || await cluster.GetGrain<IPrintJobGrain>(jobId).Get() is null) return JobNotFound(jobId);
        var (body, problem) = await JsonBody.Read<QualityCheckRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        if (body!.Pass is not { } pass)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pass"] = ["Say whether the part passed: \"pass\": true or false."] });
        }
        if (QualityCheckRules.Check(pass, body.Reason) is { } wrong)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [wrong.Field] = [wrong.Problem] });
        }
        return TypedResults.Ok(await cluster.GetGrain<IPrintJobGrain>(jobId).QualityCheck(pass, body.Reason));
    }

    private static Task<IResult> ExpediteJob(string jobId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        Move(jobId, cluster, options.Value, job => job.Expedite());

    private static Task<IResult> RetryJob(string jobId, IClusterClient cluster, IOptions<GatewayOptions> options) =>
        Move(jobId, cluster, options.Value, job => job.Retry());

    /// <summary>Holding a held job changes nothing and answers 200; a job no longer queued is being made, and carries on.</summary>
    private static async Task<IResult> HoldJob(string jobId, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (!await KnownIds.Job(cluster, jobId, options.Value)) return JobNotFound(jobId);
        var held = await cluster.GetGrain<IPrintJobGrain>(jobId).Hold();
        if (held is null) return JobNotFound(jobId);
        return held.OnHold ? TypedResults.Ok(held) : Refused($"Job {jobId} is {held.Status}: only a queued job can be held; one being made carries on.");
    }

    /// <summary>
    /// A job held with its order is released with its order (POST /api/orders/{reference}/status),
    /// so that no part of an order on hold is printed.
    /// </summary>
    private static async Task<IResult> ReleaseJob(string jobId, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        if (!await KnownIds.Job(cluster, jobId, options.Value)) return JobNotFound(jobId);
        var job = cluster.GetGrain<IPrintJobGrain>(jobId);
        var before = await job.Get();
        if (before is null) return JobNotFound(jobId);
        if (!before.OnHold) return Refused($"Job {jobId} is not on hold.");
        if (await cluster.GetGrain<PrintFarm.Orders.IOrderGrain>(before.OrderReference).Get() is { Status: PrintFarm.Orders.OrderStatus.OnHold })
            return Refused($"Job {jobId} waits with its order {before.OrderReference}, which is on hold: release the order instead.");
        var released = await job.Release();
        if (released is null) return JobNotFound(jobId);
        return released.OnHold ? Refused($"Job {jobId} stays on hold: {released.Problem ?? "it cannot be released yet"}") : TypedResults.Ok(released);
    }

    /// <summary>A move the job's stage does not allow throws JobCommandException, which the exception handler answers with 409.</summary>
    private static async Task<IResult> Move(string jobId, IClusterClient cluster, GatewayOptions options, Func<IPrintJobGrain, Task<JobSnapshot?>> move)
    {
        if (!await KnownIds.Job(cluster, jobId, options)) return JobNotFound(jobId);
        var moved = await move(cluster.GetGrain<IPrintJobGrain>(jobId));
        return moved is null ? JobNotFound(jobId) : TypedResults.Ok(moved);
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(statusCode: 409, title: "That step is not where this job stands", detail: detail);

    private static async Task<Ok<QueueView>> GetQueue(IClusterClient cluster, IOptions<GatewayOptions> options, int? take) =>
        TypedResults.Ok(await cluster.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(Math.Clamp(take ?? 100, 0, 1000)).Within(options.Value));

    private static ProblemHttpResult JobNotFound(string jobId) =>
        TypedResults.Problem(statusCode: 404, title: "No such job", detail: PrintJobSpec.IsWellFormedId(jobId)
            ? $"There is no print job '{jobId}' among the open jobs and those finished lately (Jobs:BoardKeepsFinished); an older job is shown in its order."
            : "There is no such print job: job ids look like PF-ABCDEFGHJK-1-1 (the order, the item, the copy).");
}
