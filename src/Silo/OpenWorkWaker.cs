using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Jobs;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;

namespace PrintFarm.Silo;

/// <summary>
/// Once the silo is active, wakes the jobs that were mid-way (post-processing, QC) when the farm
/// stopped, so their timers run again without anyone having to look at them first. In the
/// background, retried until the job board answers: the job board is one grain, and a silo that
/// starts while the board's silo is dead must still start (its jobs' own reminders wake them too).
/// </summary>
public sealed partial class OpenWorkWaker(IGrainFactory grains, IOptions<LinkOptions> links, TimeProvider clock, ILogger<OpenWorkWaker> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _waking = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OpenWorkWaker), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        var retry = new Backoff(links.Value.RegisterRetryDelay, links.Value.RegisterRetryMaxDelay, clock).Pipeline(onRetry: args =>
        {
            LogNotYet(args.RetryDelay, args.Outcome.Exception?.Message);
            return ValueTask.CompletedTask;
        });
        _waking = Task.Run(async () =>
        {
            try
            {
                await retry.ExecuteAsync(async _ => await grains.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).WakeOpenJobs(), _stopping.Token);
                // And the notification queues that were retrying: their reminders do not outlast a single silo.
                await retry.ExecuteAsync(async _ => await grains.GetGrain<PrintFarm.Notifications.IPendingDeliveriesGrain>(PrintFarm.Notifications.IPendingDeliveriesGrain.Key).Wake(), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping before the board answered: the jobs' reminders wake them anyway.
            }
        });
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _waking.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open jobs not woken yet (the job board did not answer); trying again in {RetryAfter}: {Error}")]
    private partial void LogNotYet(TimeSpan retryAfter, string? error);
}
