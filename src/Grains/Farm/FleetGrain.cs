using PrintFarm.Printers;

namespace PrintFarm.Farm;

/// <summary>
/// An in-memory view, rebuilt from the printers' pushes after a restart (each printer grain
/// reports on activation). Nothing here is the source of truth; the printer grains are.
/// </summary>
public sealed class FleetGrain : Grain, IFleetGrain
{
    public const string Key = "farm";

    private readonly SortedDictionary<string, PrinterSummary> _printers = new(StringComparer.Ordinal);

    public Task Report(PrinterSummary summary)
    {
        _printers[summary.PrinterId] = summary;
        return Task.CompletedTask;
    }

    public Task ReportMany(List<PrinterSummary> summaries)
    {
        foreach (var summary in summaries) _printers[summary.PrinterId] = summary;
        return Task.CompletedTask;
    }

    public Task<List<PrinterSummary>> List() => Task.FromResult(_printers.Values.ToList());
}
