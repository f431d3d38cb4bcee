namespace PrintFarm.Delivery;

/// <summary>
/// How long a grain waits before it tells a receiver again that did not answer: doubling from
/// the first delay up to the longest, back to the first after a success. Pure. A grain cannot
/// sleep inside a turn (nothing else would reach it), so it waits on a grain timer with these
/// delays rather than through a retry pipeline.
/// </summary>
public sealed class RetryDelays
{
    private readonly TimeSpan _first, _most;
    private TimeSpan _next;

    public RetryDelays(TimeSpan first, TimeSpan most)
    {
        _first = first;
        _most = most;
        _next = first;
    }

    /// <summary>The wait before the next attempt, then doubles it for the one after.</summary>
    public TimeSpan Failed()
    {
        var wait = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _most.Ticks));
        return wait;
    }

    public void Succeeded() => _next = _first;
}
