namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// How the farm reaches one simulated printer: written to <c>fleet.json</c> so a farm (or a test)
/// can register the printers it is about to meet. Only the fields of the printer's dialect are set.
/// </summary>
public sealed record FleetManifestEntry
{
    public required string Id { get; init; }
    public required PrinterDialect Dialect { get; init; }
    public required string Model { get; init; }
    public required string Technology { get; init; }
    public required IReadOnlyList<string> Materials { get; init; }

    // Bambu: the printer's own TLS broker.
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Serial { get; init; }
    public string? AccessCode { get; init; }
    public string? CaCertificatePath { get; init; }

    /// <summary>OctoPrint-MQTT base topic on the farm's broker.</summary>
    public string? BaseTopic { get; init; }

    /// <summary>Moonraker instance name (topic prefix) on the farm's broker.</summary>
    public string? Instance { get; init; }
}
