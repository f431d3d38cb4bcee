using PrintFarm.Estimates;

namespace PrintFarm.Bench.Estimates;

/// <summary>What a run produced: every order with its estimates and its real delivery, and how the farm fared.</summary>
public sealed record SimulationOutcome
{
    public required IReadOnlyList<SimOrder> Orders { get; init; }
    public required int PrintJobs { get; init; }
    public required int FailedPrints { get; init; }
    /// <summary>Share of printer time spent printing, from the first order to the last print.</summary>
    public required double Utilization { get; init; }
    public required DateTimeOffset LastDelivery { get; init; }
    public required PrintTimeModel LearnedPrintTimes { get; init; }
}
