namespace PrintFarm.Tests.Simulator;

/// <summary>
/// A clock that only moves when the test says so. Enough for code that reads the time; it does
/// not drive timers, so use it with the printer state machine rather than the fleet loop.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
    }

    public void Advance(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("ManualTimeProvider does not drive timers.");
}
