namespace PrintFarm.Jobs;

/// <summary>What a job tells its order and the job board each time it moves.</summary>
[GenerateSerializer, Alias("PrintFarm.JobSnapshot")]
public sealed record JobSnapshot
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public required string OrderReference { get; init; }
    [Id(2)] public required int ItemIndex { get; init; }
    [Id(3)] public required int Copy { get; init; }
    [Id(4)] public required string Design { get; init; }
    [Id(5)] public required string Material { get; init; }
    [Id(6)] public required JobStatus Status { get; init; }
    [Id(7)] public required int Attempt { get; init; }
    [Id(8)] public string? PrinterId { get; init; }
    [Id(9)] public double Progress { get; init; }
    [Id(10)] public int? RemainingSeconds { get; init; }
    [Id(11)] public string? Problem { get; init; }
    [Id(12)] public required DateTimeOffset StatusSince { get; init; }
    [Id(13)] public required int EstimatedPrintSeconds { get; init; }
    [Id(14)] public DateTimeOffset? StartedAt { get; init; }
    /// <summary>For a queued job: when the dispatcher's projected schedule expects it to start.</summary>
    [Id(15)] public DateTimeOffset? ProjectedStart { get; init; }
    [Id(16)] public string? PrinterModel { get; init; }
    [Id(17)] public string Technology { get; init; } = "FDM";
    [Id(18)] public bool OnHold { get; init; }
    /// <summary>The job's stored-transition count when this was taken: the order drops older snapshots.</summary>
    [Id(19)] public int Sequence { get; init; }
    /// <summary>The filament this copy uses, as its file says; null for a job described by hand.</summary>
    [Id(20)] public double? MaterialGrams { get; init; }
    /// <summary>The model its file was sliced for: only such printers take it.</summary>
    [Id(21)] public string? SlicedFor { get; init; }
    /// <summary>The SHA-256 of the file the printer gets; null without one.</summary>
    [Id(22)] public string? FileSha256 { get; init; }
    /// <summary>An operator moved it to the front of its pool (see <see cref="PrintJobSpec.ExpeditedPriority"/>).</summary>
    [Id(23)] public bool Expedited { get; init; }
}
