using PrintFarm.Maintenance;

namespace PrintFarm.Printers;

/// <summary>
/// An in-memory view, rebuilt from the printers' pushes after a restart (each printer grain
/// reports on activation). Nothing here is the source of truth; the printer grains are.
/// </summary>
public sealed class FleetGrain(MaintenanceCopy maintenance, TimeProvider clock) : Grain, IFleetGrain
{
    private readonly SortedDictionary<string, PrinterSummary> _printers = new(StringComparer.Ordinal);

    public Task ReportMany(List<PrinterSummary> summaries)
    {
        foreach (var summary in summaries) _printers[summary.PrinterId] = summary;
        return Task.CompletedTask;
    }

    public Task<bool> Knows(string printerId) => Task.FromResult(_printers.ContainsKey(printerId));

    /// <summary>Each printer with its current or next maintenance window, worked out from the cron now.</summary>
    public Task<List<PrinterSummary>> List()
    {
        var outlook = maintenance.Schedule.At(clock.GetUtcNow());
        return Task.FromResult(_printers.Values.Select(outlook.WithMaintenance).ToList());
    }
}
