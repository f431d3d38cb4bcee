using PrintFarm.Dispatch;
using PrintFarm.Gateway.Console.Fleet;
using PrintFarm.Jobs;
using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Queue;

/// <summary>
/// The projected schedule per printer for the next hours, as the dispatcher serves the queue:
/// each printer finishes its print, then takes the first waiting job it fits, in serving order,
/// no earlier than the job's own projected start. A picture of the plan, not a promise.
/// </summary>
public static class Timeline
{
    public static List<TimelineRow> Project(IEnumerable<PrinterSummary> fleet, IReadOnlyList<JobTicket> queue,
        IReadOnlyDictionary<string, JobSnapshot> queued, DateTimeOffset now, TimeSpan horizon, int rows)
    {
        var end = now + horizon;
        var printers = fleet
            .Where(p => p.Connectivity == Connectivity.Online && !p.OutOfService && TileFacts.StateOf(p) is TileState.Printing or TileState.Idle or TileState.Paused)
            .OrderBy(p => TileFacts.StateOf(p) == TileState.Idle ? 0 : p.RemainingSeconds ?? int.MaxValue)
            .ThenBy(p => p.PrinterId, StringComparer.Ordinal)
            .Take(rows)
            .ToList();
        var free = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var result = printers.Select(p => new TimelineRow(p.PrinterId, [])).ToList();
        for (var i = 0; i < printers.Count; i++)
        {
            var p = printers[i];
            var at = now;
            if (p.CurrentJobId is { } job && TileFacts.StateOf(p) != TileState.Idle)
            {
                at = now + TimeSpan.FromSeconds(p.RemainingSeconds ?? 0);
                result[i].Bars.Add(new TimelineBar(job, TileFacts.OrderOf(job) ?? "", now, at, true));
            }
            free[p.PrinterId] = at;
        }
        foreach (var ticket in queue)
        {
            if (queued.TryGetValue(ticket.JobId, out var snapshot) && snapshot.OnHold) continue;
            var fits = Enumerable.Range(0, printers.Count).Where(i => NextUp.Fits(printers[i], ticket)).ToList();
            if (fits.Count == 0) continue;
            var best = fits.MinBy(i => free[printers[i].PrinterId]);
            var start = free[printers[best].PrinterId];
            if (snapshot?.ProjectedStart is { } projected && projected > start) start = projected;
            if (start >= end) continue;
            var stop = start + TimeSpan.FromSeconds(Math.Max(60, ticket.EstimatedPrintSeconds));
            result[best].Bars.Add(new TimelineBar(ticket.JobId, ticket.OrderReference, start, stop, false));
            free[printers[best].PrinterId] = stop;
        }
        return result;
    }
}
