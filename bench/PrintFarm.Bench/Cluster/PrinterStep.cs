namespace PrintFarm.Bench.Cluster;

/// <summary>
/// One step of the bench's printers coming online: one more simulator process with
/// <see cref="AddedPrinters"/> printers of its own id prefix, so that <see cref="OnlinePrinters"/>
/// are online once it runs.
/// </summary>
public sealed record PrinterStep(int Number, int OnlinePrinters, int AddedPrinters, string IdPrefix)
{
    /// <summary>The simulator's printer ids, numbered as it numbers them (prefix, then 001, 002…).</summary>
    public IEnumerable<string> PrinterIds => Enumerable.Range(1, AddedPrinters).Select(n => PrinterStepPlan.PrinterId(IdPrefix, n));
}
