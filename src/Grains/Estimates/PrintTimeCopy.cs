using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.LocalCopies;

namespace PrintFarm.Estimates;

/// <summary>This silo's copy of what the farm learned about print times (<see cref="PrintTimeGrain"/> owns it).</summary>
public sealed class PrintTimeCopy(
    IGrainFactory grains,
    IOptions<EstimateOptions> estimates,
    IOptions<LocalCopyOptions> copies,
    TimeProvider clock,
    ILogger<PrintTimeCopy> logger) : LocalCopy<PrintTimeState>(grains, clock, logger)
{
    public override string Name => "learned print times";

    protected override Task<PrintTimeState> Fetch(IGrainFactory grains) =>
        grains.GetGrain<IPrintTimeGrain>(IPrintTimeGrain.Key).Get();

    /// <summary>
    /// The model to estimate with, and what a person should know about it: null when the copy is
    /// fresh; otherwise why the estimate may be off (never fetched yet, or old).
    /// </summary>
    public (PrintTimeModel Model, string? Caveat) Model()
    {
        var learning = estimates.Value.Learning;
        if (Current is not { } copy)
            return (new PrintTimeModel(new PrintTimeState(), learning), "worked out from the slicer's times alone, as the farm's print-time history is out of reach for now");
        var age = Clock.GetUtcNow() - copy.FetchedAt;
        var caveat = age > copies.Value.StaleAfter
            ? $"worked out from the farm's print-time history as of {copy.FetchedAt:yyyy-MM-dd HH:mm} UTC, the latest within reach"
            : null;
        return (new PrintTimeModel(copy.Value, learning), caveat);
    }
}
