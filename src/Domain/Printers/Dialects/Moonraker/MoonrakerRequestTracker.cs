namespace PrintFarm.Printers.Dialects;

/// <summary>
/// Hands out request ids and matches replies to the requests still waiting. Bounded: the oldest
/// waiting request is forgotten past <see cref="Capacity"/>. Not thread-safe.
/// </summary>
public sealed class MoonrakerRequestTracker(int capacity = 256)
{
    private readonly Dictionary<long, string> _pending = [];
    private readonly Queue<long> _order = new();
    private long _next;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
    public int Pending => _pending.Count;

    /// <summary>A new id for a request of <paramref name="method"/>.</summary>
    public long Next(string method)
    {
        var id = ++_next;
        _pending[id] = method;
        _order.Enqueue(id);
        while (_order.Count > Capacity) _pending.Remove(_order.Dequeue());
        return id;
    }

    /// <summary>True (once) when the reply answers a request still waiting, with the request's method.</summary>
    public bool TryMatch(MoonrakerResponse response, out string method) => _pending.Remove(response.Id, out method!);
}
