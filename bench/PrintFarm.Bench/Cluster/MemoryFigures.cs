namespace PrintFarm.Bench.Cluster;

/// <summary>
/// The silos' memory measured at each printer step (not extrapolated): the idle farm, then each
/// step with its printers online and its open orders waiting, with slopes from the step before
/// and from the idle farm.
/// </summary>
/// <param name="Settled">Memory once more, <paramref name="SettledAfterSeconds"/> after the last step: waiting orders and jobs have left memory by then.</param>
public sealed record MemoryFigures(MemoryPoint Baseline, List<PrinterStepFigures> Steps, MemoryPoint? Settled = null, double SettledAfterSeconds = 0)
{
    /// <summary>The bound for the silo with every printer and every open order in memory.</summary>
    public const double TargetRssMb = 2048;

    public PrinterStepFigures? Final => Steps.Count > 0 ? Steps[^1] : null;
    public double? FinalRssMb => Final is { } f ? f.Memory.ProcessRssBytes / 1048576.0 : null;
    public bool? TargetMet => FinalRssMb is { } mb ? mb < TargetRssMb : null;

    public MemorySlope FromPrevious(int index) => index == 0
        ? FromBaseline(0)
        : MemorySlope.Between(Steps[index - 1].Memory, Steps[index - 1].Printers, Steps[index - 1].OpenOrders,
            Steps[index].Memory, Steps[index].Printers, Steps[index].OpenOrders);

    public MemorySlope FromBaseline(int index) =>
        MemorySlope.Between(Baseline, 0, 0, Steps[index].Memory, Steps[index].Printers, Steps[index].OpenOrders);
}
