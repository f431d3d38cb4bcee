using PrintFarm.Maintenance;

namespace PrintFarm.Printers;

/// <summary>
/// An in-memory view, rebuilt from the printers' pushes after a restart (each printer grain
/// reports on activation). Nothing here is the source of truth; the printer grains are.
/// </summary>
public sealed class FleetGrain(MaintenanceCopy maintenance, TimeProvider clock) : Grain, IFleetGrain
{
    private readonly SortedDictionary<string, PrinterSummary> _printers = new(StringComparer.Ordinal);
    // The report number each printer last came in with: readers of Changes get what is newer
    // than what they saw, without a history kept here.
    private readonly Dictionary<string, long> _reportedAt = new(StringComparer.Ordinal);
    private readonly Guid _epoch = Guid.NewGuid();
    private long _version;

    public Task ReportMany(List<PrinterSummary> summaries)
    {
        _version++;
        foreach (var summary in summaries)
        {
            _printers[summary.PrinterId] = summary;
            _reportedAt[summary.PrinterId] = _version;
        }
        return Task.CompletedTask;
    }

    public Task<FleetChanges> Changes(Guid epoch, long version)
    {
        var outlook = maintenance.Schedule.At(clock.GetUtcNow());
        var whole = epoch != _epoch || version <= 0;
        var printers = new List<PrinterSummary>(whole ? _printers.Count : 64);
        foreach (var (id, summary) in _printers)
        {
            if (whole || _reportedAt[id] > version) printers.Add(outlook.WithMaintenance(summary));
        }
        return Task.FromResult(new FleetChanges { Epoch = _epoch, Version = _version, Whole = whole, Printers = printers });
    }

    public Task<bool> Knows(string printerId) => Task.FromResult(_printers.ContainsKey(printerId));

    /// <summary>Each printer with its current or next maintenance window, worked out from the cron now.</summary>
    public Task<List<PrinterSummary>> List()
    {
        var outlook = maintenance.Schedule.At(clock.GetUtcNow());
        return Task.FromResult(_printers.Values.Select(outlook.WithMaintenance).ToList());
    }
}
