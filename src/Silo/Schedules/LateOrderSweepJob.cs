using PrintFarm.Orders;
using Microsoft.Extensions.Logging;
using Quartz;

namespace PrintFarm.Silo.Schedules;

/// <summary>
/// Asks the order board to check every open order against its promise. Thin on purpose: the rule
/// is <see cref="OrderLateness"/>, tested without Quartz or a clock of its own.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LateOrderSweepJob(IGrainFactory grains, ILogger<LateOrderSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("late-order-sweep", "farm");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var late = await grains.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Sweep();
        LogSwept(late);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Late-order sweep done: {Late} late orders")]
    private partial void LogSwept(int late);
}
