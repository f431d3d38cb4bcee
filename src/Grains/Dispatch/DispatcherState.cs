namespace PrintFarm.Dispatch;

/// <summary>
/// Only the queue is stored. Idle printers are not: after a restart every printer grain
/// announces itself again when its telemetry arrives.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.DispatcherState")]
public sealed class DispatcherState
{
    [Id(0)] public List<JobTicket> Queue { get; set; } = [];
}
