namespace PrintFarm.Estimates;

/// <summary>
/// What this farm has learned about real print times against slicer estimates, per printer
/// model and material. A leaf: it calls no other grain, so anyone may wait on it.
/// </summary>
[Alias("PrintFarm.IPrintTimeGrain")]
public interface IPrintTimeGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    [OneWay, Alias("Learn")]
    Task Learn(string? printerModel, string material, int estimatedSeconds, double actualSeconds);

    [Alias("Get")]
    Task<PrintTimeState> Get();
}
