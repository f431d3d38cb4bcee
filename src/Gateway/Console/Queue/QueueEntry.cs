using PrintFarm.Dispatch;
using PrintFarm.Jobs;

namespace PrintFarm.Gateway.Console.Queue;

/// <summary>A waiting job as the queue page lists it: its ticket, its snapshot (projected start, hold) and its order's due date.</summary>
public sealed record QueueEntry(JobTicket Ticket, JobSnapshot? Job, DateTimeOffset? Due, bool Late);
