using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Jobs;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Gateway.Metrics;

/// <summary>
/// Reads the farm's view grains every <see cref="FarmMetricsOptions.RefreshEvery"/> into a
/// <see cref="FarmSnapshot"/> the gauges report. Observable gauges are read on the scrape's
/// thread and cannot wait on the cluster; and a scrape should not cost the farm six grain calls.
/// When a refresh fails (a view grain is moving after its silo died) the last snapshot stays and
/// <c>printfarm_farm_snapshot_age_seconds</c> tells how old it is.
/// </summary>
public sealed partial class FarmSnapshotKeeper(
    IClusterClient cluster,
    TimeProvider clock,
    IOptions<FarmMetricsOptions> options,
    IOptions<GatewayOptions> gateway,
    ILogger<FarmSnapshotKeeper> logger) : BackgroundService
{
    private volatile FarmSnapshot? _last;

    private volatile string? _lastProblem;

    /// <summary>The last snapshot read; null until the first refresh succeeded.</summary>
    public FarmSnapshot? Last => _last;

    /// <summary>Why the last refresh failed (exception type and message), null once one succeeded: for operators' logs and tests.</summary>
    public string? LastProblem => _lastProblem;

    public TimeProvider Clock => clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshEvery, clock);
        do
        {
            try
            {
                _last = await Read();
                _lastProblem = null;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _lastProblem = $"{e.GetType().Name}: {e.Message}";
                LogRefreshFailed(e.GetType().Name, e.Message);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    public async Task<FarmSnapshot> Read()
    {
        var o = gateway.Value;
        var fleet = cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).List().Within(o);
        var jobs = cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Counts().Within(o);
        var queue = cluster.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(0).Within(o);
        var late = cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).LateOrders().Within(o);
        var registrations = cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).List().Within(o);
        await Task.WhenAll(fleet, jobs, queue, late, registrations);

        var printers = fleet.Result
            .GroupBy(p => (p.Connectivity.ToString(), p.Activity.ToString()))
            .ToDictionary(g => g.Key, g => g.Count());
        return new FarmSnapshot
        {
            Printers = printers,
            Jobs = Enum.GetValues<JobStatus>().ToDictionary(s => s.ToString(), s => jobs.Result.GetValueOrDefault(s)),
            QueueDepth = queue.Result.Pools.Where(p => p.Problem is null).GroupBy(p => p.Pool).ToDictionary(g => g.Key, g => g.Sum(p => p.Depth)),
            LateOrders = late.Result.Count,
            OutOfService = fleet.Result.Count(p => p.OutOfService),
            Links = LinkStates.Count(fleet.Result, registrations.Result),
            At = clock.GetUtcNow(),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the farm metrics ({Error}: {Message}); the last figures stay")]
    private partial void LogRefreshFailed(string error, string message);
}
