namespace PrintFarm.Printers.Links;

/// <summary>
/// A full report (<c>pushall</c>) costs a P1 printer dearly: ask on the first connect, then not
/// again before <paramref name="minInterval"/> (5 minutes, PROTOCOLS.md §1.3) however often the
/// connection flaps. Deltas in between are merged by the adapter.
/// </summary>
public sealed class PushAllPolicy(TimeSpan minInterval)
{
    private DateTimeOffset? _last;

    public bool Due(DateTimeOffset now)
    {
        if (_last is { } last && now - last < minInterval) return false;
        _last = now;
        return true;
    }
}
