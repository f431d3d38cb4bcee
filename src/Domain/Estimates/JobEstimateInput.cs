using PrintFarm.Jobs;

namespace PrintFarm.Estimates;

/// <summary>What the order knows about one of its jobs when it estimates.</summary>
public sealed record JobEstimateInput
{
    public required JobStatus Status { get; init; }
    /// <summary>The slicer's estimate for this copy.</summary>
    public required int EstimatedPrintSeconds { get; init; }
    public required string Material { get; init; }
    /// <summary>When the job entered its current status (for Done: when it was done).</summary>
    public required DateTimeOffset StatusSince { get; init; }
    /// <summary>The model of the printer printing it, or of the one the projected schedule gave it; null if unknown.</summary>
    public string? PrinterModel { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>The printer's own remaining time from telemetry, while printing.</summary>
    public int? RemainingSeconds { get; init; }
    /// <summary>For a queued job: its start in the dispatcher's projected schedule; null if no online printer can take it.</summary>
    public DateTimeOffset? ProjectedStart { get; init; }
    /// <summary>For a blocked job: when a reprint joining the back of the queue would start (<see cref="ScheduleProjection.TailStart"/>).</summary>
    public DateTimeOffset? QueueTailStart { get; init; }
}
