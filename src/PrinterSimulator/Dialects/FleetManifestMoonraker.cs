namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>A simulated Moonraker's instance name (topic prefix) on the farm's broker.</summary>
public sealed record FleetManifestMoonraker(string Instance);
