namespace PrintFarm.Delivery;

/// <summary>
/// How long to wait before the next attempt at something that failed: doubling from
/// <paramref name="first"/> up to <paramref name="most"/>, back to the first after a success. Pure.
/// </summary>
public sealed class RetryDelays(TimeSpan first, TimeSpan most)
{
    private TimeSpan _next = first;

    /// <summary>The wait before the next attempt, then doubles it for the one after.</summary>
    public TimeSpan Failed()
    {
        var wait = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, most.Ticks));
        return wait;
    }

    public void Succeeded() => _next = first;
}
