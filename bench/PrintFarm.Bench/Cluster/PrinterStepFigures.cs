namespace PrintFarm.Bench.Cluster;

/// <summary>
/// What one printer step measured: how long the farm took to store the first status of the
/// printers this step added, the open orders placed up to this step, and the silos' memory
/// after a forced full collection with all of it in place.
/// </summary>
/// <param name="FirstStatusesSeconds">From starting the step's simulator to the farm having stored a status of each of its printers; null when it timed out.</param>
/// <param name="OpenOrders">Open orders accepted so far, this step's and the steps' before.</param>
/// <param name="OpenOrdersAccepted">False when the farm had not queued every open order's job before the memory reading.</param>
public sealed record PrinterStepFigures(int Step, int Printers, int AddedPrinters, double? FirstStatusesSeconds,
    long OpenOrders, long OpenOrdersRefused, double PlacementSeconds, bool OpenOrdersAccepted, MemoryPoint Memory, string? Problem)
{
    public double? StatusesPerSecond => FirstStatusesSeconds is > 0 and var s ? AddedPrinters / s : null;
}
