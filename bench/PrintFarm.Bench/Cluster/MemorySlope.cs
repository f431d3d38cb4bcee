namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Bytes of heap and RSS per printer and per open order between two memory readings. Printers
/// and open orders grow together at each step, so each slope puts the whole growth on one of
/// them: an upper bound for each, not a split of the growth between them.
/// </summary>
public sealed record MemorySlope(double? HeapPerPrinter, double? RssPerPrinter, double? HeapPerOpenOrder, double? RssPerOpenOrder)
{
    public static MemorySlope Between(MemoryPoint from, int printersFrom, long ordersFrom, MemoryPoint to, int printersTo, long ordersTo)
    {
        var heap = (double)(to.ManagedHeapBytes - from.ManagedHeapBytes);
        var rss = (double)(to.ProcessRssBytes - from.ProcessRssBytes);
        var printers = printersTo - printersFrom;
        var orders = ordersTo - ordersFrom;
        return new MemorySlope(
            printers > 0 ? heap / printers : null, printers > 0 ? rss / printers : null,
            orders > 0 ? heap / orders : null, orders > 0 ? rss / orders : null);
    }
}
