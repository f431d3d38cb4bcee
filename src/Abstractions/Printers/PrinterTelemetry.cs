using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>
/// Telemetry in the one normalized shape every printer dialect is turned into
/// (PROTOCOLS.md §5). Kept in memory by the printer grain; never written per tick.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrintFarm.PrinterTelemetry")]
public sealed record PrinterTelemetry
{
    [Id(0)] public required PrinterActivity Activity { get; init; }
    [Id(1)] public string? JobId { get; init; }
    [Id(2)] public double? Progress { get; init; }
    [Id(3)] public int? RemainingSeconds { get; init; }
    [Id(4)] public int? ElapsedSeconds { get; init; }
    [Id(5)] public double? NozzleTemperature { get; init; }
    [Id(6)] public double? NozzleTarget { get; init; }
    [Id(7)] public double? BedTemperature { get; init; }
    [Id(8)] public double? BedTarget { get; init; }
    [Id(9)] public string? Error { get; init; }
    /// <summary>The printer's own clock, when it sends one.</summary>
    [Id(10)] public DateTimeOffset? SourceTime { get; init; }
    /// <summary>When the silo received it; the clock that counts.</summary>
    [Id(11)] public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>Current layer, when the printer reports layers.</summary>
    [Id(12)] public int? Layer { get; init; }
    [Id(13)] public int? TotalLayers { get; init; }
    /// <summary>How the printer's last job ended, as the printer remembers it (finished, failed, cancelled).</summary>
    [Id(14)] public PrinterJobEvent? LastOutcome { get; init; }
}
