using PrintFarm.Dispatch;

namespace PrintFarm.Jobs;

/// <summary>
/// What a job wants of its pool's dispatcher: a place in the queue (with the printer that just
/// turned it down, if any) or none. Only the latest counts.
/// </summary>
public sealed record QueueRequest(JobTicket Ticket, bool Queued, string? RefusedBy = null);
