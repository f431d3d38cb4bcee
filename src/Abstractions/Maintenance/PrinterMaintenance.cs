namespace PrintFarm.Maintenance;

/// <summary>A printer's current or next maintenance window, as the fleet view shows it.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterMaintenance")]
public sealed record PrinterMaintenance
{
    [Id(0)] public required string Window { get; init; }
    [Id(1)] public required DateTimeOffset Start { get; init; }
    [Id(2)] public required DateTimeOffset End { get; init; }
    /// <summary>True while the window is on: the printer takes no jobs.</summary>
    [Id(3)] public required bool Active { get; init; }
}
