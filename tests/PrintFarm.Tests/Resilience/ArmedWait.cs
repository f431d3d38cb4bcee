namespace PrintFarm.Tests.Resilience;

/// <summary>A timer armed on a <see cref="WatchedClock"/>: when on the clock, and for how long.</summary>
public readonly record struct ArmedWait(DateTimeOffset At, TimeSpan Due)
{
    public DateTimeOffset Ends => At + Due;
}
