using PrintFarm.Dispatch;
using PrintFarm.Jobs;

namespace PrintFarm.Bench.Estimates;

/// <summary>One copy of one order item, as it moves through the simulated farm.</summary>
public sealed class SimJob(SimOrder order, JobTicket ticket)
{
    public SimOrder Order { get; } = order;
    public JobTicket Ticket { get; set; } = ticket;
    public string Material => Ticket.Material;
    public int EstimatedPrintSeconds => Ticket.EstimatedPrintSeconds;

    public JobStatus Status { get; set; } = JobStatus.Queued;
    public DateTimeOffset StatusSince { get; set; }
    public SimPrinter? Printer { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public int FailedPrints { get; set; }
}
