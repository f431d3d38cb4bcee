using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrintFarm.LocalCopies;

/// <summary>
/// Keeps this silo's local copies fresh: fetches each once the silo is active, then every
/// <see cref="LocalCopyOptions.RefreshEvery"/>, sooner after a failure. Runs beside the grains,
/// never inside a grain call, so a copy whose owner is out of reach delays nobody.
/// </summary>
public sealed partial class LocalCopyRefresher(
    IEnumerable<ILocalCopy> copies,
    IOptions<LocalCopyOptions> options,
    TimeProvider clock,
    ILogger<LocalCopyRefresher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LocalCopyRefresher), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loops = Task.WhenAll(copies.Select(copy => Task.Run(() => Keep(copy, _stopping.Token))));
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loops.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task Keep(ILocalCopy copy, CancellationToken stopping)
    {
        var every = options.Value.RefreshEvery;
        var retry = options.Value.RetryAfter;
        while (!stopping.IsCancellationRequested)
        {
            var fetched = await copy.TryRefresh();
            var wait = fetched ? every : retry;
            retry = fetched ? options.Value.RetryAfter : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, every.Ticks));
            try
            {
                await Task.Delay(wait, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        LogStopped(copy.Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped refreshing this silo's copy of the {Name}")]
    private partial void LogStopped(string name);
}
