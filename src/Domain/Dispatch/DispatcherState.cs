namespace PrintFarm.Dispatch;

/// <summary>
/// Only the queue is stored. Idle printers are not: after a restart every printer grain
/// announces itself again when its telemetry arrives.
/// </summary>
public sealed class DispatcherState
{
    public List<JobTicket> Queue { get; set; } = [];
}
