using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace PrintFarm.Silo.Schedules;

/// <summary>
/// The silos keep a stored schedule rather than replace it at each start (see
/// <see cref="FarmSchedules.UseFarmStore"/>), so a changed <c>Schedules:LateOrderSweep</c> would
/// never reach a database that holds the old one. At start, a stored sweep with another interval
/// is rescheduled with this silo's: once, by the first silo that has the new setting.
/// </summary>
public sealed partial class LateOrderSweepInterval(ISchedulerFactory schedulers, IOptions<ScheduleOptions> options, ILogger<LateOrderSweepInterval> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = options.Value.LateOrderSweep;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(FarmSchedules.LateOrderSweepTrigger, cancellationToken) is not ISimpleTrigger stored || stored.RepeatInterval == wanted) return;
        var trigger = TriggerBuilder.Create()
            .WithIdentity(FarmSchedules.LateOrderSweepTrigger)
            .ForJob(LateOrderSweepJob.Key)
            .StartNow()
            .WithSimpleSchedule(s => FarmSchedules.SweepEvery(s, wanted))
            .Build();
        await scheduler.RescheduleJob(FarmSchedules.LateOrderSweepTrigger, trigger, cancellationToken);
        LogRescheduled(stored.RepeatInterval, wanted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The late-order sweep ran every {Stored}; Schedules:LateOrderSweep says {Wanted}: rescheduled")]
    private partial void LogRescheduled(TimeSpan stored, TimeSpan wanted);
}
