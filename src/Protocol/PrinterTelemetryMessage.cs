namespace PrintFarm.Protocol;

/// <summary>Published on <c>telemetry</c> every tick; lossy by design.</summary>
public sealed record PrinterTelemetryMessage
{
    public required PrinterActivity Activity { get; init; }
    /// <summary>The job the printer is working on, if any.</summary>
    public string? JobId { get; init; }
    /// <summary>0–100.</summary>
    public double? Progress { get; init; }
    public int? RemainingSeconds { get; init; }
    public int? ElapsedSeconds { get; init; }
    public Temperature? Nozzle { get; init; }
    public Temperature? Bed { get; init; }
    public string? Error { get; init; }
    /// <summary>The printer's clock; the silo stamps its own receive time beside it.</summary>
    public DateTimeOffset? At { get; init; }
    /// <summary>
    /// How the printer's last job ended (the same event, same id, as published on <c>events</c>),
    /// repeated on every tick: an outcome event lost in flight is recovered from the next
    /// telemetry, and its id keeps it from counting twice.
    /// </summary>
    public PrinterEventMessage? LastOutcome { get; init; }
}
