namespace PrintFarm.Printers;

/// <summary>What one telemetry tick means for the rest of the farm.</summary>
public readonly record struct TelemetryOutcome(
    bool ConnectivityChanged,
    bool ActivityChanged,
    string? ProgressForJob,
    string? LostJob);
