using PrintFarm.Printers;

namespace PrintFarm.Farm;

/// <summary>
/// The fleet as operators see it: every printer pushes its summary here on change, so listing
/// 10,000 printers is one grain call, not 10,000.
/// </summary>
[Alias("PrintFarm.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    [OneWay, Alias("Report")]
    Task Report(PrinterSummary summary);

    /// <summary>Many printers' summaries at once, gathered per silo by <see cref="IPrinterReports"/>.</summary>
    [OneWay, Alias("ReportMany")]
    Task ReportMany(List<PrinterSummary> summaries);

    [Alias("List")]
    Task<List<PrinterSummary>> List();
}
