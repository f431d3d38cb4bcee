namespace PrintFarm.Printers;

/// <summary>
/// Reports gathered between two flushes, the latest per printer: a printer that reported five
/// times since the last flush is sent on once. Pure; the batching grain owns the timer.
/// </summary>
public sealed class LatestPerPrinter<T>(Func<T, string> printerOf)
{
    private Dictionary<string, T> _latest = new(StringComparer.Ordinal);

    public int Count => _latest.Count;

    public void Add(T report) => _latest[printerOf(report)] = report;

    /// <summary>Everything gathered, oldest printer first seen first; empties the batch.</summary>
    public List<T> Drain()
    {
        if (_latest.Count == 0) return [];
        var batch = _latest.Values.ToList();
        _latest = new Dictionary<string, T>(StringComparer.Ordinal);
        return batch;
    }
}
