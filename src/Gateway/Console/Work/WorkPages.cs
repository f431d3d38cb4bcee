using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Live;
using PrintFarm.Gateway.Console.Orders;
using PrintFarm.Jobs;

namespace PrintFarm.Gateway.Console.Work;

/// <summary>
/// <c>/console/work</c> (quality checks, post-processing, blocked jobs) and one job's page, with
/// the job moves of the API: each calls the job grain's method the API calls.
/// </summary>
public static class WorkPages
{
    private const int Shown = 200;

    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder operators)
    {
        pages.MapGet("/work", Page);
        pages.MapGet("/live/work", Stream);
        pages.MapGet("/jobs/{jobId}", Job);
        pages.MapGet("/live/jobs/{jobId}", JobStream);
        var moves = operators.MapGroup("/jobs/{jobId}");
        moves.MapPost("/qc", QualityCheck);
        moves.MapPost("/post-processing", (string jobId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Move(jobId, form, http, cluster, gateway, async job => { await job.CompletePostProcessing(); return $"{jobId}: post-processing done, on to the quality check."; }));
        moves.MapPost("/express", (string jobId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Move(jobId, form, http, cluster, gateway, async job => { await job.Expedite(); return $"{jobId} is at the front of its pool."; }));
        moves.MapPost("/hold", (string jobId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Move(jobId, form, http, cluster, gateway, async job => { await job.Hold(); return $"{jobId} is held: no printer takes it."; }));
        moves.MapPost("/release", (string jobId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Move(jobId, form, http, cluster, gateway, async job => { await job.Release(); return $"{jobId} is released to the queue."; }));
        moves.MapPost("/retry", (string jobId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway) =>
            Move(jobId, form, http, cluster, gateway, async job => { await job.Retry(); return $"{jobId} is queued for another attempt."; }));
    }

    private sealed record Lists(List<JobSnapshot> Checks, List<JobSnapshot> Finishing, List<JobSnapshot> Blocked);

    private static async Task<Lists> Load(IClusterClient cluster, GatewayOptions gateway)
    {
        var board = cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key);
        var checks = board.List(JobStatus.QualityCheck, Shown).Within(gateway);
        var finishing = board.List(JobStatus.PostProcessing, Shown).Within(gateway);
        var blocked = board.List(JobStatus.Blocked, Shown).Within(gateway);
        await Task.WhenAll(checks, finishing, blocked);
        // Oldest first: the part that waited longest is checked first.
        return new Lists([.. checks.Result.OrderBy(j => j.StatusSince)], [.. finishing.Result.OrderBy(j => j.StatusSince)], [.. blocked.Result.OrderBy(j => j.StatusSince)]);
    }

    private static async Task<RazorComponentResult<WorkPage>> Page(HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        var lists = await Load(cluster, gateway.Value);
        return new RazorComponentResult<WorkPage>(new
        {
            User = ConsolePageContext.For(http),
            Checks = lists.Checks,
            Finishing = lists.Finishing,
            Blocked = lists.Blocked,
            Problems = ConsolePageContext.Problem(http),
            Notice = ConsolePageContext.Notice(http),
        });
    }

    private static Task<IResult> Stream(HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, IOptions<ConsoleOptions> options, TimeProvider clock)
    {
        var user = ConsolePageContext.For(http);
        return ConsoleStream.Serve(http, (renderer, ct) => OrderPages.Every(clock, options.Value.ViewRefreshEvery, renderer, async () =>
        {
            var lists = await Load(cluster, gateway.Value);
            return await ConsoleStream.Render<WorkLive>(renderer, new Dictionary<string, object?>
            {
                ["User"] = user, ["Checks"] = lists.Checks, ["Finishing"] = lists.Finishing, ["Blocked"] = lists.Blocked,
            });
        }, ct));
    }

    private static async Task<IResult> Job(string jobId, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        var user = ConsolePageContext.For(http);
        var job = await KnownIds.Job(cluster, jobId, gateway.Value) ? await cluster.GetGrain<IPrintJobGrain>(jobId).Get() : null;
        if (job is null) return new RazorComponentResult<NotFoundPage>(new { User = user, Words = $"There is no job {jobId}." }) { StatusCode = 404 };
        return new RazorComponentResult<JobPage>(new { User = user, Job = job, Problems = ConsolePageContext.Problem(http), Notice = ConsolePageContext.Notice(http) });
    }

    private static async Task<IResult> JobStream(string jobId, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, IOptions<ConsoleOptions> options, TimeProvider clock)
    {
        if (!await KnownIds.Job(cluster, jobId, gateway.Value)) return Results.NotFound();
        var user = ConsolePageContext.For(http);
        return await ConsoleStream.Serve(http, (renderer, ct) => OrderPages.Every(clock, options.Value.ViewRefreshEvery, renderer, async () =>
            await cluster.GetGrain<IPrintJobGrain>(jobId).Get() is { } job
                ? await ConsoleStream.Render<JobLive>(renderer, new Dictionary<string, object?> { ["User"] = user, ["Job"] = job })
                : null, ct));
    }

    private static async Task<IResult> QualityCheck(string jobId, [FromForm] MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway)
    {
        if (form.Pass is not ("true" or "false")) return ConsoleMoves.Refuse(form, "/console/work", "Say whether the part passed.");
        var pass = form.Pass == "true";
        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (QualityCheckRules.Check(pass, reason) is { } problem) return ConsoleMoves.Refuse(form, "/console/work", problem.Problem);
        return await Move(jobId, form, http, cluster, gateway, async job =>
        {
            await job.QualityCheck(pass, reason);
            return pass ? $"{jobId} passed its check." : $"{jobId} failed its check: the part is printed again.";
        });
    }

    private static async Task<IResult> Move(string jobId, MoveForm form, HttpContext http, IClusterClient cluster, IOptions<GatewayOptions> gateway, Func<IPrintJobGrain, Task<string>> move)
    {
        if (!await KnownIds.Job(cluster, jobId, gateway.Value)) return ConsoleMoves.Refuse(form, "/console/work", $"There is no job {jobId}.");
        return await ConsoleMoves.Run(http, form, $"/console/jobs/{jobId}", () => move(cluster.GetGrain<IPrintJobGrain>(jobId)));
    }
}
