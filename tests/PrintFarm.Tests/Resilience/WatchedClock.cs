using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PrintFarm.Tests.Resilience;

/// <summary>
/// A fake clock that tells when code starts waiting on it, and at what time on the clock. A test
/// waits for a loop to arm its wait, then moves the clock exactly that far: no real sleep, and no
/// race between the test moving the clock and the loop arming its timer.
/// </summary>
public sealed class WatchedClock : FakeTimeProvider
{
    private readonly Channel<ArmedWait> _armed = Channel.CreateUnbounded<ArmedWait>();

    public WatchedClock() : base(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Watched(base.CreateTimer(callback, state, dueTime, period), this);
        Note(dueTime);
        return timer;
    }

    /// <summary>
    /// The next wait armed on this clock (a delay or a timeout) that <paramref name="which"/>
    /// picks; the others are passed over. Fails after a few real seconds if none comes.
    /// </summary>
    public async Task<ArmedWait> NextWait(Func<ArmedWait, bool>? which = null)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var wait = await _armed.Reader.ReadAsync(patience.Token);
            if (which?.Invoke(wait) ?? true) return wait;
        }
    }

    /// <summary>Forgets the waits armed so far, so the next <see cref="NextWait"/> sees only later ones.</summary>
    public void ForgetArmed()
    {
        while (_armed.Reader.TryRead(out _))
        {
        }
    }

    private void Note(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan) _armed.Writer.TryWrite(new ArmedWait(GetUtcNow(), dueTime));
    }

    /// <summary>Timers may be made unarmed and armed later with <see cref="ITimer.Change"/>; that counts too.</summary>
    private sealed class Watched(ITimer inner, WatchedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Note(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
