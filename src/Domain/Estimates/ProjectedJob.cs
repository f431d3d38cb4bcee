namespace PrintFarm.Estimates;

/// <summary>Where and when the projected schedule expects a queued job to print.</summary>
public sealed record ProjectedJob(
    string JobId,
    string PrinterId,
    string? PrinterModel,
    DateTimeOffset Start,
    DateTimeOffset PrintedAt);
