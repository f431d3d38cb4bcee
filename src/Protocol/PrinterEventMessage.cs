namespace PrintFarm.Protocol;

/// <summary>
/// Published on <c>events</c> at QoS 1. <see cref="EventId"/> is unique per event so a
/// redelivered event is recognised and counted once.
/// </summary>
public sealed record PrinterEventMessage
{
    public required string EventId { get; init; }
    public required PrinterEventType Type { get; init; }
    public required string JobId { get; init; }
    /// <summary>Why a job failed, in plain words ("nozzle clog").</summary>
    public string? Reason { get; init; }
    /// <summary>How long the print took, for JobFinished and JobFailed.</summary>
    public int? ElapsedSeconds { get; init; }
    public DateTimeOffset? At { get; init; }
}
