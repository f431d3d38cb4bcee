namespace PrintFarm.Printers;

/// <summary>
/// The fleet as operators see it: every printer pushes its summary here on change, so listing
/// 10,000 printers is one grain call, not 10,000.
/// </summary>
[Alias("PrintFarm.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    /// <summary>Many printers' summaries at once, gathered per silo by <see cref="IPrinterReports"/>.</summary>
    [OneWay, Alias("ReportMany")]
    Task ReportMany(List<PrinterSummary> summaries);

    /// <summary>Whether the printer has reported since the fleet was last activated: from memory.</summary>
    [Alias("Knows")]
    Task<bool> Knows(string printerId);

    /// <summary>Every printer, with its current or next maintenance window.</summary>
    [Alias("List")]
    Task<List<PrinterSummary>> List();

    /// <summary>
    /// The printers reported since <paramref name="version"/> of <paramref name="epoch"/>; the whole
    /// fleet when the epoch is not this activation's (a first look, or the view moved silo).
    /// </summary>
    [Alias("Changes")]
    Task<FleetChanges> Changes(Guid epoch, long version);
}
