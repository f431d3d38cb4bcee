namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// How the farm reaches one simulated printer. <c>fleet.json</c> lists the dialect printers in the
/// shape of the farm's printer registration (<c>{"printers": [...]}</c>, read by the silo's
/// <c>Fleet:PrintersFile</c> and accepted by <c>POST /api/printers</c>), so a farm can register the
/// printers it is about to meet. Only the connection of the printer's own dialect is set.
/// </summary>
public sealed record FleetManifestEntry
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required PrinterDialect Dialect { get; init; }
    public required string Model { get; init; }
    public required string Technology { get; init; }
    public required IReadOnlyList<string> Materials { get; init; }
    public FleetManifestBambu? Bambu { get; init; }
    public FleetManifestOctoPrint? OctoPrint { get; init; }
    public FleetManifestMoonraker? Moonraker { get; init; }
}
