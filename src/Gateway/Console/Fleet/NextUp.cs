using PrintFarm.Dispatch;
using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>A printer that frees up soon, and the job at the head of its pools' queue that it takes then.</summary>
public sealed record NextUp(PrinterSummary Printer, JobTicket? Next)
{
    /// <summary>
    /// The printing printers that finish soonest, each with the first queued job it could take
    /// (same technology, a material it has loaded, a file sliced for its model or for any).
    /// Each queued job is promised to one printer only, the first to free up.
    /// </summary>
    public static List<NextUp> Soonest(IEnumerable<PrinterSummary> fleet, IReadOnlyList<JobTicket> queueHead, int take)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<NextUp>(take);
        foreach (var printer in fleet
            .Where(p => TileFacts.StateOf(p) == TileState.Printing && p.RemainingSeconds is not null)
            .OrderBy(p => p.RemainingSeconds)
            .ThenBy(p => p.PrinterId, StringComparer.Ordinal)
            .Take(take))
        {
            var next = printer.OutOfService ? null : queueHead.FirstOrDefault(t => !taken.Contains(t.JobId) && Fits(printer, t));
            if (next is not null) taken.Add(next.JobId);
            list.Add(new NextUp(printer, next));
        }
        return list;
    }

    public static bool Fits(PrinterSummary printer, JobTicket ticket) =>
        string.Equals(printer.Technology ?? "FDM", ticket.Technology, StringComparison.OrdinalIgnoreCase)
        && printer.Materials.Contains(ticket.Material, StringComparer.OrdinalIgnoreCase)
        && (ticket.PrinterModel is null || string.Equals(ticket.PrinterModel, printer.Model, StringComparison.OrdinalIgnoreCase));
}
