namespace PrintFarm.Maintenance;

/// <summary>A maintenance window with its current or next occurrence, as operators see it.</summary>
[GenerateSerializer, Alias("PrintFarm.MaintenanceWindowView")]
public sealed record MaintenanceWindowView
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required List<string> Printers { get; init; }
    [Id(2)] public required string Cron { get; init; }
    [Id(3)] public required TimeSpan Duration { get; init; }
    [Id(4)] public string? TimeZone { get; init; }
    [Id(5)] public string? Source { get; init; }
    /// <summary>Start of the occurrence on now, or of the next one; null when the cron never fires again.</summary>
    [Id(6)] public DateTimeOffset? Start { get; init; }
    [Id(7)] public DateTimeOffset? End { get; init; }
    [Id(8)] public required bool Active { get; init; }
}
