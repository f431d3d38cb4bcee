namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>A simulated OctoPrint's MQTT plugin base topic on the farm's broker.</summary>
public sealed record FleetManifestOctoPrint(string BaseTopic);
