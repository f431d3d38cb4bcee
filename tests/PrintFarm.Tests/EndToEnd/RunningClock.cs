using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// A fake clock for a whole farm in the test process (MQTT, printers that print in real time):
/// it keeps pace with the wall clock by itself, a background loop moving it on in small steps,
/// so the farm runs as it would; until the test takes hold of it (<see cref="Hold"/>), after
/// which only the test moves it (<see cref="Advance"/>), until it lets go (<see cref="Release"/>).
/// The time it was held is not made up: the clock goes on from where the test left it.
/// </summary>
/// <remarks>
/// The silo is given <see cref="Time"/>, not this object: a service container disposes what its
/// factories return (Orleans resolves its keyed clocks through factories), and the clock must go
/// on running while the silo stops.
/// </remarks>
public sealed class RunningClock : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopped = new();
    private readonly Task _running;
    private long _last = Stopwatch.GetTimestamp();
    private bool _held;

    public RunningClock() => _running = Task.Run(Run);

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Makes this the clock of a silo's grains and services (see <c>FakeClockClusterFixture</c>),
    /// with Orleans' own background loops left on the wall clock. Pass as FarmHost's siloServices.
    /// </summary>
    public void Drive(IServiceCollection silo)
    {
        silo.AddSingleton<TimeProvider>(Time);
        silo.UseTimeProviderForBackgroundAreas(TimeProvider.System);
    }

    /// <summary>Stops the clock; returns once no step of the loop is under way.</summary>
    public void Hold()
    {
        lock (_gate) _held = true;
    }

    /// <summary>Moves the clock on (held: nothing else moves it); due timers fire inside this call.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate) Time.Advance(by);
    }

    public void Release()
    {
        lock (_gate)
        {
            _held = false;
            _last = Stopwatch.GetTimestamp();
        }
    }

    private async Task Run()
    {
        while (!_stopped.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Step, _stopped.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(_last, now);
                _last = now;
                if (_held) continue;
                try
                {
                    Time.Advance(elapsed);
                }
                catch (Exception)
                {
                    // A timer callback that throws is the farm's problem, not the clock's: it keeps running.
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopped.CancelAsync();
        await _running;
        _stopped.Dispose();
    }
}
