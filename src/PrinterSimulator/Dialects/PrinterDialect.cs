namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>The language a simulated printer speaks on the wire.</summary>
public enum PrinterDialect
{
    /// <summary>The farm's own protocol on <c>farm/printers/{id}/…</c> (docs/PROTOCOL.md).</summary>
    Native,
    /// <summary>Bambu Lab LAN mode: the printer is its own TLS MQTT broker.</summary>
    Bambu,
    /// <summary>OctoPrint with the OctoPrint-MQTT plugin, publishing to the farm's broker.</summary>
    OctoPrint,
    /// <summary>Klipper behind Moonraker's MQTT component, publishing to the farm's broker.</summary>
    Moonraker,
}
