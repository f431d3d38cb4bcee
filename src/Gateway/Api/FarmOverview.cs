using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>The farm at a glance: what <c>GET /api/farm</c> returns.</summary>
public sealed record FarmOverview
{
    public required PrinterCounts Printers { get; init; }
    public required IReadOnlyDictionary<JobStatus, int> Jobs { get; init; }
    public required int QueueDepth { get; init; }
    /// <summary>Share of online printers that are printing right now, 0–1.</summary>
    public required double Utilization { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>Orders the last late-order sweep found late, the latest by most first.</summary>
    public IReadOnlyList<LateOrder> LateOrders { get; init; } = [];
    /// <summary>Every maintenance window with its current or next occurrence.</summary>
    public IReadOnlyList<MaintenanceWindowView> Maintenance { get; init; } = [];

    public static FarmOverview From(IReadOnlyList<PrinterSummary> printers, Dictionary<JobStatus, int> jobs, int queueDepth, DateTimeOffset now)
    {
        var online = printers.Where(p => p.Connectivity == Connectivity.Online).ToList();
        var printing = online.Count(p => p.Activity is PrinterActivity.Printing or PrinterActivity.Preparing or PrinterActivity.Paused);
        return new FarmOverview
        {
            Printers = new PrinterCounts(
                printers.Count,
                online.Count,
                printers.Count - online.Count,
                online.GroupBy(p => p.Activity).ToDictionary(g => g.Key, g => g.Count())),
            Jobs = Enum.GetValues<JobStatus>().ToDictionary(s => s, s => jobs.GetValueOrDefault(s)),
            QueueDepth = queueDepth,
            Utilization = online.Count == 0 ? 0 : Math.Round((double)printing / online.Count, 3),
            At = now,
        };
    }
}

public sealed record PrinterCounts(int Total, int Online, int Offline, IReadOnlyDictionary<PrinterActivity, int> ByActivity);
