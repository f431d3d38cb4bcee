using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>One printer as operators see it, in the fleet list and on its own page.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterSummary")]
public sealed record PrinterSummary
{
    [Id(0)] public required string PrinterId { get; init; }
    [Id(1)] public string? Model { get; init; }
    [Id(2)] public string? Technology { get; init; }
    [Id(3)] public List<string> Materials { get; init; } = [];
    [Id(4)] public required Connectivity Connectivity { get; init; }
    [Id(5)] public required PrinterActivity Activity { get; init; }
    [Id(6)] public string? CurrentJobId { get; init; }
    [Id(7)] public double? Progress { get; init; }
    [Id(8)] public int? RemainingSeconds { get; init; }
    [Id(9)] public double? NozzleTemperature { get; init; }
    [Id(10)] public double? BedTemperature { get; init; }
    [Id(11)] public DateTimeOffset? LastSeenAt { get; init; }
    [Id(12)] public int JobsPrinted { get; init; }
    [Id(13)] public int JobsFailed { get; init; }
    [Id(14)] public string? Error { get; init; }
    [Id(15)] public string? BuildVolume { get; init; }
    [Id(16)] public double? NozzleDiameter { get; init; }
    [Id(17)] public string? Firmware { get; init; }
    /// <summary>The printer's current or next maintenance window; filled in by the fleet view.</summary>
    [Id(18)] public Maintenance.PrinterMaintenance? Maintenance { get; init; }
    /// <summary>Prints someone stopped at the printer: not failures, the part was printed again.</summary>
    [Id(19)] public int JobsCancelled { get; init; }
    /// <summary>An operator took it out of service: it takes no new job (one printing finishes), and stays in the fleet.</summary>
    [Id(20)] public bool OutOfService { get; init; }
    [Id(21)] public string? OutOfServiceReason { get; init; }
}
