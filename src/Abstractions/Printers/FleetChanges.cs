namespace PrintFarm.Printers;

/// <summary>
/// What changed in the fleet view since a reader's last look: the console's live feed asks
/// for this once a second per gateway, so a page never asks 10,000 printers anything.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.FleetChanges")]
public sealed record FleetChanges
{
    /// <summary>This activation of the fleet view: a reader holding another one's version gets the whole fleet.</summary>
    [Id(0)] public required Guid Epoch { get; init; }
    [Id(1)] public required long Version { get; init; }
    /// <summary>True when <see cref="Printers"/> is every printer rather than those changed since the version asked about.</summary>
    [Id(2)] public required bool Whole { get; init; }
    [Id(3)] public required List<PrinterSummary> Printers { get; init; }
}
