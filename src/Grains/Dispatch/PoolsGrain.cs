using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Persistence;

namespace PrintFarm.Dispatch;

/// <summary>
/// The register of pools, and the farm's queue view merged from each pool's dispatcher. A pool
/// whose dispatcher does not answer within <see cref="DispatchOptions.PoolAnswerWithin"/> (its
/// silo just died) is listed with a problem instead of holding up the rest.
/// </summary>
public sealed partial class PoolsGrain(
    [PersistentState("pools", FarmStorage.Name)] IPersistentState<PoolsState> state,
    IOptions<DispatchOptions> options,
    TimeProvider clock,
    ILogger<PoolsGrain> logger) : Grain, IPoolsGrain
{
    // Known interleaves with Queue, so it only marks the register dirty; a timer stores it (a
    // timer's turn never overlaps another write). Dispatchers tell again now and then, so one
    // lost with the last unsaved second comes back.
    private readonly WriteBehindSchedule _saves = new(TimeSpan.FromSeconds(1));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => _saves.IsDue(clock.GetUtcNow()) ? Save() : Task.CompletedTask,
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(1), Period = TimeSpan.FromSeconds(1) });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _saves.IsDirty ? Save() : Task.CompletedTask;

    public Task Known(string pool)
    {
        if (!state.State.Pools.Add(pool)) return Task.CompletedTask;
        LogNewPool(pool);
        _saves.MarkDirty(clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private Task Save() => _saves.WriteAsync(clock, () => state.WriteStateAsync(), ex => LogNotStored(ex.Message));

    public Task<List<string>> List() => Task.FromResult(state.State.Pools.ToList());

    public async Task<QueueView> Queue(int take)
    {
        var pools = state.State.Pools.ToList();
        var answers = await Task.WhenAll(pools.Select(pool => Ask(pool, take)));
        var idle = new HashSet<string>(StringComparer.Ordinal);
        var summaries = new List<PoolSummary>();
        var next = new List<JobTicket>();
        for (var i = 0; i < pools.Count; i++)
        {
            if (answers[i] is not { } view)
            {
                summaries.Add(new PoolSummary { Pool = pools[i], Problem = "its dispatcher did not answer in time (it may be moving to another silo); try again shortly" });
                continue;
            }
            idle.UnionWith(view.IdlePrinterIds);
            next.AddRange(view.Next);
            summaries.Add(new PoolSummary { Pool = view.Pool, Depth = view.Depth, IdlePrinters = view.IdlePrinterIds.Count });
        }
        return new QueueView
        {
            Depth = summaries.Sum(s => s.Depth),
            IdlePrinters = idle.Count,
            Next = next.Order(TicketOrder.Instance).Take(take).ToList(),
            Pools = summaries,
        };
    }

    private async Task<PoolQueueView?> Ask(string pool, int take)
    {
        try
        {
            return await GrainFactory.GetGrain<IDispatcherGrain>(pool).GetQueue(take).WaitAsync(options.Value.PoolAnswerWithin);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPoolUnanswered(pool, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "New pool {Pool}")]
    private partial void LogNewPool(string pool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The register of pools could not be stored (tried again): {Error}")]
    private partial void LogNotStored(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dispatcher of pool {Pool} did not answer for the queue view: {Error}")]
    private partial void LogPoolUnanswered(string pool, string error);
}
