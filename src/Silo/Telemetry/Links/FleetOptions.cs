using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>Bound from configuration section <c>Fleet</c>: printers registered by the operator's configuration.</summary>
public sealed class FleetOptions
{
    public const string Section = "Fleet";

    /// <summary>Printers listed in configuration (appsettings, environment, arguments).</summary>
    public List<PrinterRegistration> Printers { get; set; } = [];

    /// <summary>A JSON file holding an array of printers, or <c>{"printers": [...]}</c>; relative to the working folder.</summary>
    public string? PrintersFile { get; set; }
}
