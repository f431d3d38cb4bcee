using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrintFarm.Dispatch;

/// <summary>
/// The register of pools, and the farm's queue view merged from each pool's dispatcher. A pool
/// whose dispatcher does not answer within <see cref="DispatchOptions.PoolAnswerWithin"/> (its
/// silo just died) is listed with a problem instead of holding up the rest.
/// </summary>
public sealed partial class PoolsGrain(
    [PersistentState("pools", FarmStorage.Name)] IPersistentState<PoolsState> state,
    IOptions<DispatchOptions> options,
    ILogger<PoolsGrain> logger) : Grain, IPoolsGrain
{
    public async Task Known(string pool)
    {
        if (!state.State.Pools.Add(pool)) return;
        LogNewPool(pool);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A view: the dispatcher tells again when it next activates.
            LogNotStored(pool, ex.Message);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool} could not be stored in the register (told again later): {Error}")]
    private partial void LogNotStored(string pool, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dispatcher of pool {Pool} did not answer for the queue view: {Error}")]
    private partial void LogPoolUnanswered(string pool, string error);
}
